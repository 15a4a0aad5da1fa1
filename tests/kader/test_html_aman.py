"""HTML written from Python (list rows, filter fields, PilihanCepat) is escaped and accessible.

Hostile names of areas, institutions, cadres, partners, SKs, accounts and arisan groups go
through every list page that shows them (rows and filter choices): the page holds the escaped
text, never the raw payload. Filter controls all have a label (the two inputs of a date range
too) and no table header of any app's tables is empty."""

from html.parser import HTMLParser

import django_tables2 as tables
import pytest
from django.template import Context
from django.urls import reverse
from django.utils.html import escape, format_html

from imp_smart.templatetags.daftar import baris_tabel, saringan_field
from imp_smart.widgets import PilihanCepat
from kader.dana import services as sd
from tests.factories import (
    DesaFactory,
    DusunFactory,
    KaderFactory,
    KecamatanFactory,
    MitraFactory,
    SKFactory,
    SubPpkbdFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

RACUN = [
    '"><script>alert(1)</script>',
    'x" onmouseover="alert(2)',
    "</td><td>PWN",
]

HALAMAN = [
    "kader:wilayah_list",
    "kader:institusi_list",
    "kader:kader_list",
    "kader:mitra_list",
    "kader:sk_list",
    "kader:pengguna_list",
    "kader:dana:kas_list",
    "kader:dana:arisan_list",
    "pendataan:keluarga_list",
    "pertemuan:list",
    "pertemuan:kie_list",
    "pertemuan:tindak_lanjut_list",
]


@pytest.fixture(params=range(len(RACUN)), ids=["script", "atribut", "sel"])
def racun(request, area):
    """Every kind of name that a list page shows, set to one hostile value."""
    p = RACUN[request.param]
    kec = KecamatanFactory(nama=p)
    DesaFactory(induk=kec, nama=p)
    dusun = DusunFactory(induk=area.desa_a, nama=p)
    inst = SubPpkbdFactory(wilayah=dusun, nama=p)
    KaderFactory(institusi=inst, nama=p, pekerjaan=p)
    KaderFactory(institusi=area.ppkbd_a, nama=p)
    MitraFactory(wilayah=area.desa_a, nama=p)
    SKFactory(nomor=p, tentang=p)
    UserFactory(username="u_racun", first_name=p, peran="ppkbd", wilayah=dusun.desa)
    sd.arisan_buat(institusi=area.ppkbd_a, nama=p, setoran=5000)
    return p, kec


@pytest.mark.parametrize("nama_url", HALAMAN)
def test_list_pages_escape_hostile_names(client, users, racun, nama_url):
    p, _ = racun
    client.force_login(users.dinas)
    resp = client.get(reverse(nama_url))
    assert resp.status_code == 200
    html = resp.content.decode()
    assert p not in html
    assert escape(p) in html  # shown, as text


def test_pilihan_cepat_escapes_values_and_labels_once():
    pilihan = [("", "---"), ('1"><b', RACUN[0]), ("2", format_html("{} &amp; B", "A<"))]
    html = PilihanCepat(choices=pilihan).render("w", '1"><b', {"id": "id_w"})
    assert RACUN[0] not in html and '1"><b' not in html
    assert f'<option value="{escape(chr(49) + chr(34) + "><b")}" selected>' in html
    assert f">{escape(RACUN[0])}</option>" in html
    assert ">A&lt; &amp; B</option>" in html  # safe HTML label: not escaped twice


def test_filter_field_escapes_label_and_error():
    from django import forms

    class F(forms.Form):
        x = forms.IntegerField(label=RACUN[1])

    f = F(data={"x": RACUN[0]})
    assert not f.is_valid()
    html = saringan_field(f["x"])
    assert RACUN[1] not in html and RACUN[0] not in html
    assert escape(RACUN[1]) in html


def test_table_row_escapes_cells_and_attributes():
    class T(tables.Table):
        nama = tables.Column(attrs={"td": {"data-x": RACUN[1]}})
        kode = tables.Column(localize=True)

    t = T([{"nama": RACUN[0], "kode": RACUN[2]}], row_attrs={"data-y": RACUN[1]})
    html = baris_tabel(Context({}), next(iter(t.rows)))
    for p in RACUN:
        assert p not in html
    assert escape(RACUN[0]) in html and escape(RACUN[2]) in html
    assert html.count(escape(RACUN[1])) == 2


class _Kontrol(HTMLParser):
    """Form controls of a page and the ids that a <label for> points at."""

    def __init__(self):
        super().__init__()
        self.kontrol, self.label_for, self.th_kosong, self._th = [], set(), 0, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "label" and a.get("for"):
            self.label_for.add(a["for"])
        if tag in ("input", "select", "textarea") and a.get("type") not in (
            "hidden",
            "submit",
            "button",
        ):
            self.kontrol.append(a)
        if tag == "th":
            self._th = []

    def handle_data(self, data):
        if self._th is not None:
            self._th.append(data)

    def handle_endtag(self, tag):
        if tag == "th":
            if not "".join(self._th).strip():
                self.th_kosong += 1
            self._th = None


@pytest.mark.parametrize("nama_url", HALAMAN)
def test_list_page_controls_are_labelled_and_headers_have_text(client, users, area, nama_url):
    client.force_login(users.dinas)
    html = client.get(reverse(nama_url)).content.decode()
    p = _Kontrol()
    p.feed(html)
    tanpa_label = [
        k.get("name")
        for k in p.kontrol
        if k.get("id") not in p.label_for and not k.get("aria-label")
    ]
    assert not tanpa_label, f"{nama_url}: controls without a label: {tanpa_label}"
    assert p.th_kosong == 0


def test_date_range_filter_has_a_label_per_input(client, users):
    client.force_login(users.dinas)
    html = client.get(reverse("pertemuan:list")).content.decode()
    assert '<label class="visually-hidden" for="id_tanggal_0">Tanggal dari</label>' in html
    assert '<label class="visually-hidden" for="id_tanggal_1">Tanggal sampai</label>' in html
    assert (
        '<legend class="form-label small mb-1">Tanggal</legend>'
        '<div class="d-flex align-items-center gap-1 saringan-rentang">'
    ) in html
    assert 'for=""' not in html


def _semua_tabel():
    import importlib

    for modul in (
        "kader.tables",
        "kader.dana.tables",
        "kader.dana.views_kas",
        "pendataan.tables",
        "pertemuan.tables",
        "laporan.tables",
    ):
        importlib.import_module(modul)
    antrian, hasil = list(tables.Table.__subclasses__()), []
    while antrian:
        k = antrian.pop()
        antrian.extend(k.__subclasses__())
        if k.__module__.split(".")[0] in ("kader", "pendataan", "pertemuan", "laporan"):
            hasil.append(k)
    return hasil


@pytest.mark.parametrize("tabel", _semua_tabel(), ids=lambda k: f"{k.__module__}.{k.__name__}")
def test_every_table_column_has_a_header(tabel):
    t = tabel([])
    kosong = [c.name for c in t.columns if not str(c.header).strip()]
    assert not kosong, f"empty headers: {kosong} (give them a visually-hidden text)"


def test_detail_page_tables_have_header_text(client, users, area):
    from tests.factories import PengurusFactory

    PengurusFactory(kader=KaderFactory(institusi=area.ppkbd_a), selesai=None)
    client.force_login(users.dinas)
    p = _Kontrol()
    p.feed(client.get(reverse("kader:institusi_detail", args=[area.ppkbd_a.pk])).content.decode())
    assert p.th_kosong == 0


def test_kader_html_has_no_inline_style_or_script():
    """Under the CSP (style-src/script-src 'self'): no style="", <style>, inline <script> or
    on*= handler in kader's page templates or in the HTML kader writes from Python."""
    import re
    from pathlib import Path

    from django.conf import settings

    akar = Path(settings.BASE_DIR)
    berkas = [
        f
        for f in (akar / "templates" / "kader").rglob("*.html")
        if "pdf" not in f.relative_to(akar / "templates" / "kader").parts
    ]
    berkas += [akar / "imp_smart" / "widgets.py", *(akar / "kader" / "templatetags").glob("*.py")]
    pola = re.compile(r"""style=|<style|<script(?![^>]*\ssrc=)|\son[a-z]+=["']""")
    temuan = [f"{f.name}: {m.group(0)}" for f in berkas for m in pola.finditer(f.read_text())]
    assert not temuan


def test_family_page_table_headers_have_text(client, users, area):
    from tests.pendataan.factories import pus_buat

    ibu = pus_buat(dusun=area.dusun_a1)
    client.force_login(users.ppkbd)
    p = _Kontrol()
    p.feed(
        client.get(reverse("pendataan:keluarga_detail", args=[ibu.keluarga_id])).content.decode()
    )
    assert p.th_kosong == 0
