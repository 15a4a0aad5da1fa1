"""Kept pieces of pages (imp_smart.halaman.potongan) — the filter card of the lists
(imp_smart.templatetags.daftar.kartu_saringan): a list rebuilt after a write to its rows serves
its filter card from the shared cache, while the card's options are unchanged; never another
user's card, never a stale option, never a stale CSRF token, never a card with errors.

These tests commit (transactional_db), with Redis as the shared cache."""

import re

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.urls import reverse

from imp_smart import halaman, tembolok
from imp_smart.templatetags import daftar
from kader.models import Wilayah
from pendataan.filters import KeluargaFilter
from pendataan.models import Keluarga
from tests.framework.halaman_support import buka as _buka
from tests.framework.halaman_support import cache_bersama  # noqa: F401  (autouse fixture)
from tests.framework.halaman_support import daftar_dibuka as _daftar_dibuka
from tests.framework.halaman_support import masuk as _masuk
from tests.pendataan.factories import keluarga_buat

pytestmark = pytest.mark.django_db(transaction=True)

KARTU = "includes/_filter_card.html"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def kartu_dibangun(monkeypatch):
    """How many times the filter card's template was rendered."""
    hitung = []
    asli = daftar.get_template

    def get_template(nama, *args, **kwargs):
        if nama == KARTU:
            hitung.append(nama)
        return asli(nama, *args, **kwargs)

    monkeypatch.setattr(daftar, "get_template", get_template)
    return hitung


def _kartu_dengan_token(html: str) -> str:
    """The filter card of a page."""
    awal = html.index('<div class="card filter-card')
    return html[awal : html.index("</form>", awal)]


def _kartu(html: str) -> str:
    """The filter card of a page, without its CSRF token."""
    return TOKEN.sub("", _kartu_dengan_token(html))


def test_a_list_rebuilt_after_a_write_to_its_rows_keeps_its_filter_card(
    users, area, kartu_dibangun
):
    keluarga_buat(dusun=area.dusun_a1, nama_kepala="Kepala Lama")
    c, url = _daftar_dibuka(users.ppkbd)
    assert len(kartu_dibangun) == 1
    pertama = _buka(c, url)[0]  # the kept page

    keluarga_buat(dusun=area.dusun_a2, nama_kepala="Kepala Baru")
    html, n = _buka(c, url)
    assert "Kepala Baru" in html and n > 1  # the page was built again…
    assert len(kartu_dibangun) == 1  # …its filter card was not
    assert _kartu(html) == _kartu(pertama)
    assert ">Dusun A1</option>" in html and ">Dusun A2</option>" in html


def test_a_write_to_the_options_renews_the_card_and_the_pages_that_showed_it(
    users, area, kartu_dibangun
):
    c, url = _daftar_dibuka(users.ppkbd)
    keluarga_buat(dusun=area.dusun_a1, nama_kepala="Kepala Satu")
    assert "Kepala Satu" in _buka(c, url)[0]  # built again, the card served kept
    assert len(kartu_dibangun) == 1

    # The page just built holds the kept card: the card's options are the page's too.
    area.dusun_a2.nama = "A2 Baru"
    area.dusun_a2.save()
    html = _buka(c, url)[0]
    assert ">Dusun A2 Baru</option>" in html
    assert len(kartu_dibangun) == 2


def test_each_user_and_each_filter_has_its_own_card_and_paging_shares_one(
    users, area, kartu_dibangun
):
    ppkbd, url = _daftar_dibuka(users.ppkbd)  # desa A
    dinas, _ = _daftar_dibuka(users.dinas)  # the whole kabupaten
    assert len(kartu_dibangun) == 2
    html = _buka(dinas, url)[0]
    assert "Desa X</option>" in html
    assert "Desa X</option>" not in _buka(ppkbd, url)[0]

    keluarga_buat(dusun=area.dusun_a1)  # both lists are built again
    _buka(ppkbd, url, rt="007")
    assert len(kartu_dibangun) == 3
    html = _buka(ppkbd, url, rt="007", sort="rt", page="1", per_page="25")[0]
    assert len(kartu_dibangun) == 3  # sorting, paging and page size are not the card's
    assert 'name="rt" value="007"' in html


def test_a_card_with_an_error_is_rendered_every_time(users, area, kartu_dibangun):
    """The page says the error in a message too (neither page nor card is kept with one)."""
    c = _masuk(users.ppkbd)
    url = reverse("pendataan:keluarga_list")
    for kali in (1, 2):
        html = _buka(c, url, desa=str(area.desa_x.pk))[0]  # outside the PPKBD's desa
        assert "invalid-feedback" in html
        assert len(kartu_dibangun) == kali


def test_the_kept_card_carries_a_fresh_csrf_token_that_a_post_accepts(users, area):
    keluarga_buat(dusun=area.dusun_a1, nama_kepala="Siti Aminah")
    c, url = _daftar_dibuka(users.ppkbd)
    keluarga_buat(dusun=area.dusun_a2)  # the page is built again, its card comes kept
    html = _buka(c, url)[0]
    assert halaman.PENGGANTI_CSRF not in html
    c.handler.enforce_csrf_checks = True
    token = TOKEN.search(_kartu_dengan_token(html)).group(1)
    r = c.post(url, {"q": "Siti", "csrfmiddlewaretoken": token})
    assert r.status_code == 302 and "q=Siti" in r["Location"]


def test_without_kept_pages_the_card_is_rendered_every_time(users, area, kartu_dibangun):
    with override_settings(IMP_HALAMAN_SIMPAN=False):  # setting_changed: aktif() asks again
        c = _masuk(users.ppkbd)
        url = reverse("pendataan:keluarga_list")
        _buka(c, url)
        _buka(c, url)
    assert len(kartu_dibangun) == 2


def _lewat_middleware(request, isi):
    """`isi(request)` inside HalamanMiddleware, as a view runs; (its answer, the request's
    notes)."""
    catatan = []

    def view(req):
        hasil = isi(req)
        catatan.append(halaman._REKAMAN.get())
        return HttpResponse(hasil)

    response = halaman.HalamanMiddleware(view)(request)
    return response.content.decode(), catatan[0]


def test_a_piece_served_kept_tells_its_page_what_it_read(users, area):
    dibangun = []

    def bangun():
        dibangun.append(1)
        ids = tembolok.simpanan(
            "imp:uji:generasi",
            "imp:uji:wilayah",
            lambda: list(Wilayah.objects.order_by("pk").values_list("pk", flat=True)[:3]),
            60,
        )
        return f"<p>{len(ids)} wilayah</p>"

    def isi(request):
        return halaman.potongan(request, "uji", ["a"], bangun)

    request = RequestFactory().get("/uji/")
    request.user = users.ppkbd
    pertama, catatan = _lewat_middleware(request, isi)
    assert pertama == "<p>3 wilayah</p>" and dibangun == [1]
    assert "kader_wilayah" in halaman.tabel_rekaman(catatan)
    kedua, catatan = _lewat_middleware(request, isi)
    assert kedua == pertama and dibangun == [1]  # served kept, no statement run…
    assert not catatan.sql
    # …and the page that shows it depends on what the piece read when it was built.
    assert "kader_wilayah" in halaman.tabel_rekaman(catatan)
    assert "imp:uji:generasi" in catatan.generasi

    tembolok.generasi_baru("imp:uji:generasi")
    _lewat_middleware(request, isi)
    assert dibangun == [1, 1]
    Wilayah.objects.filter(pk=area.dusun_a1.pk).update(nama="Dusun Baru")
    _lewat_middleware(request, isi)
    assert dibangun == [1, 1, 1]


def test_a_filter_form_with_errors_is_never_kept_even_without_a_message(
    users, area, kartu_dibangun
):
    request = RequestFactory().get("/pendataan/keluarga/", {"desa": str(area.desa_x.pk)})
    request.user = users.ppkbd

    class View:
        def halaman_boleh_disimpan(self):
            return True

    def isi(req):
        f = KeluargaFilter(req.GET, request=req, queryset=Keluarga.objects.all())
        return daftar.kartu_saringan({"filter": f, "request": req, "view": View()})

    for kali in (1, 2):
        html, _ = _lewat_middleware(request, isi)
        assert "invalid-feedback" in html
        assert len(kartu_dibangun) == kali
    # The same card without the error is kept.
    request = RequestFactory().get("/pendataan/keluarga/", {"desa": str(area.desa_a.pk)})
    request.user = users.ppkbd
    _lewat_middleware(request, isi)
    _lewat_middleware(request, isi)
    assert len(kartu_dibangun) == 3
