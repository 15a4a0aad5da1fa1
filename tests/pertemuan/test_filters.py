"""One test per filter: the filtered queryset has the expected rows."""

from datetime import date

import pytest
from django.test import RequestFactory

from kader.dana.forms import ArisanFilter, KasFilter
from kader.models import Institusi, Kader, KelompokArisan
from pertemuan import filters as f
from pertemuan.models import Konseling, Pelatihan, Pertemuan, Poktan, SesiKIE, TindakLanjut
from tests.factories import KaderFactory
from tests.pertemuan.factories import (
    KonselingFactory,
    PelatihanFactory,
    PertemuanFactory,
    PoktanFactory,
    SesiKIEFactory,
    TindakLanjutFactory,
    pus,
)

pytestmark = pytest.mark.django_db


def _qs(filterset, model, user, **data):
    request = RequestFactory().get("/", data)
    request.user = user
    fs = filterset(data, queryset=model.objects.all(), request=request)
    assert fs.is_valid(), fs.errors
    return fs.qs


def test_pertemuan_filters(area, users):
    PertemuanFactory(wilayah=area.desa_a, judul="Rapat evaluasi", tanggal=date(2025, 3, 1))
    PertemuanFactory(wilayah=area.dusun_a1, judul="Rapat dusun", tanggal=date(2025, 4, 1))
    PertemuanFactory(wilayah=area.kec_k, judul="Rapat kecamatan", institusi=None)
    PertemuanFactory(wilayah=area.desa_x, judul="Rapat X", institusi=area.ppkbd_x)
    u = users.dinas
    assert _qs(f.PertemuanFilter, Pertemuan, u, q="evaluasi").count() == 1
    assert _qs(f.PertemuanFilter, Pertemuan, u, tingkat="desa").count() == 3
    assert _qs(f.PertemuanFilter, Pertemuan, u, tingkat="kecamatan").count() == 1
    assert _qs(f.PertemuanFilter, Pertemuan, u, kecamatan=area.kec_l.pk).count() == 1
    assert _qs(f.PertemuanFilter, Pertemuan, u, institusi=area.ppkbd_x.pk).count() == 1
    assert (
        _qs(
            f.PertemuanFilter, Pertemuan, u, tanggal_after="2025-03-15", tanggal_before="2025-04-30"
        ).count()
        == 1
    )


def test_tindak_lanjut_filters(area, users):
    TindakLanjutFactory(masalah__pertemuan__wilayah=area.desa_a, batas_waktu=date(2020, 1, 1))
    TindakLanjutFactory(masalah__pertemuan__wilayah=area.desa_a, batas_waktu=date(2099, 1, 1))
    TindakLanjutFactory(
        masalah__pertemuan__wilayah=area.desa_a,
        batas_waktu=date(2020, 1, 1),
        status="selesai",
        tanggal_selesai=date(2020, 1, 1),
    )
    u = users.dinas
    assert _qs(f.TindakLanjutFilter, TindakLanjut, u, keadaan="terlambat").count() == 1
    assert _qs(f.TindakLanjutFilter, TindakLanjut, u, keadaan="terbuka").count() == 2
    assert _qs(f.TindakLanjutFilter, TindakLanjut, u, status="selesai").count() == 1
    assert _qs(f.TindakLanjutFilter, TindakLanjut, u, kecamatan=area.kec_k.pk).count() == 3


def test_kie_konseling_poktan_pelatihan_filters(area, users):
    SesiKIEFactory(wilayah=area.dusun_a1, topik="napza")
    SesiKIEFactory(wilayah=area.desa_b, topik="pup")
    u = users.dinas
    assert _qs(f.SesiKIEFilter, SesiKIE, u, topik="napza").count() == 1
    assert _qs(f.SesiKIEFilter, SesiKIE, u, desa=area.desa_a.pk).count() == 1
    k = KaderFactory(institusi=area.ppkbd_a)
    KonselingFactory(
        anggota=pus(dusun=area.dusun_a1, nama="Sitti"), hasil="dirujuk", faskes="Pkm", kader=k
    )
    KonselingFactory(anggota=pus(dusun=area.dusun_a2, nama="Hasnah"))
    assert _qs(f.KonselingFilter, Konseling, u, q="sitt").count() == 1
    assert _qs(f.KonselingFilter, Konseling, u, hasil="dirujuk").count() == 1
    assert _qs(f.KonselingFilter, Konseling, u, kader=k.pk).count() == 1
    assert _qs(f.KonselingFilter, Konseling, u, desa=area.desa_a.pk).count() == 2
    PoktanFactory(wilayah=area.dusun_a1, jenis="bkr", nama="Remaja Hebat")
    PoktanFactory(wilayah=area.desa_b, jenis="bkl", aktif=False)
    assert _qs(f.PoktanFilter, Poktan, u, jenis="bkr").count() == 1
    assert _qs(f.PoktanFilter, Poktan, u, q="hebat").count() == 1
    assert _qs(f.PoktanFilter, Poktan, u, desa=area.desa_a.pk).count() == 1
    assert _qs(f.PoktanFilter, Poktan, u, aktif="false").count() == 1
    PelatihanFactory(
        judul="Orientasi KIE", tanggal_mulai=date(2025, 1, 5), tanggal_selesai=date(2025, 1, 6)
    )
    PelatihanFactory(judul="Pencatatan", penyelenggara="BKKBN Sulsel")
    assert _qs(f.PelatihanFilter, Pelatihan, u, q="sulsel").count() == 1
    assert _qs(f.PelatihanFilter, Pelatihan, u, tanggal_mulai_before="2025-02-01").count() == 1


def test_kader_and_dana_filters(area, users):
    KaderFactory(institusi=area.ppkbd_a, nama="Nurhayati")
    KaderFactory(institusi=area.ppkbd_x, nama="Hasnah")
    u = users.dinas
    assert _qs(f.KaderBelumDilatihFilter, Kader, u, q="nurha").count() == 1
    assert _qs(f.KaderBelumDilatihFilter, Kader, u, institusi=area.ppkbd_x.pk).count() == 1
    assert _qs(f.KaderBelumDilatihFilter, Kader, u, kecamatan=area.kec_l.pk).count() == 1
    assert _qs(KasFilter, Institusi, u, q="melati").count() == 1
    assert _qs(KasFilter, Institusi, u, jenis="sub_ppkbd").count() == 1
    assert _qs(KasFilter, Institusi, u, kecamatan=area.kec_k.pk).count() == 3
    KelompokArisan.objects.create(institusi=area.ppkbd_a, nama="Arisan Melati", setoran=1)
    KelompokArisan.objects.create(
        institusi=area.ppkbd_b, nama="Arisan Kenanga", setoran=1, aktif=False
    )
    assert _qs(ArisanFilter, KelompokArisan, u, q="kenanga").count() == 1
    assert _qs(ArisanFilter, KelompokArisan, u, aktif="true").count() == 1
