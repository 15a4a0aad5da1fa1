"""Model choices of the list filters read as plain values (imp_smart.saringan.PilihanModelFilter):
the same options, in the same order, as Django's ModelChoiceField gives from the same scoped
queryset, for every role; labels equal str() of the object; a posted value outside the user's
areas is refused with the field's message."""

import pytest
from django import forms
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from imp_smart.saringan import PilihanModelFilter
from kader.dana.forms import KasFilter
from kader.filters import (
    NILAI_INSTITUSI,
    NILAI_KADER,
    NILAI_WILAYAH,
    InstitusiFilter,
    KaderFilter,
    WilayahFilter,
)
from kader.models import Institusi, Kader, Wilayah
from laporan.filters import LaporanFilter
from laporan.models import LaporanDesa
from pendataan.filters import KeluargaFilter
from pendataan.models import Keluarga
from pertemuan import filters as pf
from pertemuan import filters_program as pp
from pertemuan import models as pm
from tests.factories import DesaFactory, InstitusiFactory, KaderFactory

pytestmark = pytest.mark.django_db

PERAN = ["admin", "dinas", "koordinator", "penyuluh", "ppkbd", "sub_ppkbd"]

SARINGAN = [
    (InstitusiFilter, Institusi),
    (KaderFilter, Kader),
    (WilayahFilter, Wilayah),
    (KasFilter, Institusi),
    (KeluargaFilter, Keluarga),
    (LaporanFilter, LaporanDesa),
    (pf.PertemuanFilter, pm.Pertemuan),
    (pf.TindakLanjutFilter, pm.TindakLanjut),
    (pf.SesiKIEFilter, pm.SesiKIE),
    (pf.KonselingFilter, pm.Konseling),
    (pf.PoktanFilter, pm.Poktan),
    (pf.KaderBelumDilatihFilter, Kader),
    (pp.SosialisasiFilter, pm.Sosialisasi),
    (pp.PelayananFilter, pm.PelayananKB),
    (pp.KelompokFilter, pm.KelompokMasyarakat),
]


def _request(user, **data):
    request = RequestFactory().get("/", data)
    request.user = user
    return request


def _isi(area):
    """More rows than the fixture: a kelurahan, institutions whose name does or does not start
    with their kind, cadres."""
    pelita = DesaFactory(induk=area.kec_k, nama="Pelita", tingkat=Wilayah.Tingkat.KELURAHAN)
    InstitusiFactory(wilayah=pelita, nama="PPKBD Kenari")
    KaderFactory(institusi=area.ppkbd_a, nama="Sitti")
    KaderFactory(institusi=area.ppkbd_x, nama="Hasnah")


def test_labels_from_values_equal_str(area):
    _isi(area)
    for model, (kolom, label) in [
        (Wilayah, NILAI_WILAYAH),
        (Institusi, NILAI_INSTITUSI),
        (Kader, NILAI_KADER),
    ]:
        objek = list(model.objects.all())
        assert objek
        nilai = {pk: rest for pk, *rest in model.objects.values_list("pk", *kolom)}
        assert [label(*nilai[o.pk]) for o in objek] == [str(o) for o in objek]
    assert {w.tingkat for w in Wilayah.objects.all()} >= {"kecamatan", "desa", "kelurahan", "dusun"}


@pytest.mark.parametrize("peran", PERAN)
@pytest.mark.parametrize(("saringan", "model"), SARINGAN, ids=lambda x: x.__name__)
def test_options_are_those_of_a_model_choice_field(area, users, peran, saringan, model):
    """Every model choice of every list filter: the options a plain ModelChoiceField gives for
    the same scoped queryset (values, labels, order, empty choice), for every role."""
    _isi(area)
    user = getattr(users, peran)
    request = _request(user, desa=area.desa_a.pk)  # the family filter's dusun follow a desa
    fs = saringan({}, queryset=model.objects.none(), request=request)
    diperiksa = 0
    for nama, f in fs.filters.items():
        if not isinstance(f, PilihanModelFilter):
            continue
        diperiksa += 1
        field = fs.form.fields[nama]
        acuan = forms.ModelChoiceField(
            queryset=f.get_queryset(request), empty_label=field.empty_label, required=False
        )
        harapan = [(str(v), label) for v, label in acuan.choices]
        assert [(str(v), label) for v, label in field.choices] == harapan
        assert len(field.choices) == len(harapan)
    assert diperiksa


def test_koordinator_sees_only_own_kecamatan_and_desa(area, users):
    _isi(area)
    fs = pp.PelayananFilter(
        {}, queryset=pm.PelayananKB.objects.none(), request=_request(users.koordinator)
    )
    kecamatan = [label for _, label in fs.form.fields["kecamatan"].choices][1:]
    desa = [label for _, label in fs.form.fields["desa"].choices][1:]
    assert kecamatan == ["Kecamatan Kecamatan K"]
    assert sorted(desa) == ["Desa Desa A", "Desa Desa B", "Kelurahan Pelita"]


@pytest.mark.parametrize(
    ("saringan", "model", "nama", "luar"),
    [
        (KaderFilter, Kader, "kecamatan", "kec_l"),
        (KaderFilter, Kader, "institusi", "ppkbd_x"),
        (KeluargaFilter, Keluarga, "desa", "desa_x"),
        (LaporanFilter, LaporanDesa, "kecamatan", "kec_l"),
        (pf.PertemuanFilter, pm.Pertemuan, "institusi", "ppkbd_x"),
        (pp.PelayananFilter, pm.PelayananKB, "desa", "desa_x"),
    ],
)
def test_a_posted_value_outside_the_scope_is_refused(area, users, saringan, model, nama, luar):
    nilai = getattr(area, luar).pk
    fs = saringan({nama: nilai}, queryset=model.objects.all(), request=_request(users.koordinator))
    assert not fs.is_valid()
    assert "Masukkan pilihan yang valid" in " ".join(fs.errors[nama])
    # The same value inside the scope of the Dinas is accepted.
    fs = saringan({nama: nilai}, queryset=model.objects.all(), request=_request(users.dinas))
    assert fs.is_valid(), fs.errors


def test_a_list_page_shows_the_message_and_no_rows(client, area, users):
    KaderFactory(institusi=area.ppkbd_a, nama="Sitti")
    client.force_login(users.koordinator)
    html = client.get("/kader/kader/", {"kecamatan": area.kec_l.pk}).content.decode()
    assert "Masukkan pilihan yang valid" in html
    assert "Sitti" not in html


def test_options_are_one_plain_query_per_field(area, users):
    """No model instance per option, no server-side cursor: one SELECT of the pk and the label's
    columns per model choice."""
    _isi(area)
    fs = KaderFilter({}, queryset=Kader.objects.none(), request=_request(users.dinas))
    form = fs.form
    with CaptureQueriesContext(connection) as kueri:
        html = str(form["institusi"]) + str(form["kecamatan"])
    sql = [q["sql"] for q in kueri.captured_queries]
    assert len(sql) == 2, sql
    assert all("DECLARE" not in s and '"alamat_sekretariat"' not in s for s in sql)
    assert 'SELECT "kader_institusi"."id" AS "pk", "kader_institusi"."nama"' in sql[0]
    assert "Melati" in html and "Kecamatan K" in html


def _opsi_desa(user):
    f = KeluargaFilter(data={}, queryset=Keluarga.objects.none(), request=_request(user))
    return [label for _, label in f.form.fields["desa"].choices][1:]


def test_options_are_cached_and_a_write_shows_at_once(users, area):
    """The second form reads its options from the cache (no query); a new desa and a renamed one
    show in the next form."""
    dinas = users.dinas
    sebelum = _opsi_desa(dinas)
    assert "Desa Desa A" in sebelum
    with CaptureQueriesContext(connection) as kueri:
        assert _opsi_desa(dinas) == sebelum
    assert not [q for q in kueri.captured_queries if "kader_wilayah" in q["sql"]]

    baru = DesaFactory(induk=area.kec_k, nama="Baru")
    assert "Desa Baru" in _opsi_desa(dinas)
    baru.nama = "Ganti"
    baru.save()
    opsi = _opsi_desa(dinas)
    assert "Desa Ganti" in opsi and "Desa Baru" not in opsi


def test_each_scope_has_its_own_options(users, area):
    assert "Desa Desa X" in _opsi_desa(users.dinas)
    assert "Desa Desa X" not in _opsi_desa(users.koordinator)
    assert "Desa Desa X" in _opsi_desa(users.dinas)


def test_chosen_value_marked_on_the_cached_html(users, area):
    request = _request(users.dinas, desa=str(area.desa_b.pk))
    f = KeluargaFilter(data=request.GET, queryset=Keluarga.objects.none(), request=request)
    str(f.form["desa"])  # fills the cache
    html = str(f.form["desa"])
    assert f'<option value="{area.desa_b.pk}" selected>' in html
    assert html.count(" selected") == 1
    kosong = KeluargaFilter(
        data={}, queryset=Keluarga.objects.none(), request=_request(users.dinas)
    )
    html = str(kosong.form["desa"])
    assert '<option value="" selected>' in html and html.count(" selected") == 1


def test_option_labels_are_escaped(users, area):
    DesaFactory(induk=area.kec_k, nama='<b>"Jahat"</b>')
    html = str(
        KeluargaFilter(
            data={}, queryset=Keluarga.objects.none(), request=_request(users.dinas)
        ).form["desa"]
    )
    assert "<b>" not in html
    assert "&lt;b&gt;&quot;Jahat&quot;&lt;/b&gt;" in html


def test_a_query_reading_an_unregistered_table_is_not_cached(users):
    from imp_smart.saringan import IteratorNilai, PilihanModelField
    from pendataan.models import Keluarga as K

    field = PilihanModelField(
        queryset=Kader.objects.filter(keluarga__in=K.objects.all())
        if hasattr(Kader, "keluarga")
        else Kader.objects.filter(pk__in=K.objects.values("pk")),
        label_nilai=NILAI_KADER,
    )
    assert IteratorNilai(field)._kunci() is None
    field = PilihanModelField(queryset=Wilayah.objects.desa(), label_nilai=NILAI_WILAYAH)
    assert IteratorNilai(field)._kunci() is not None
