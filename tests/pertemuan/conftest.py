"""Fixtures of the pertemuan tests: a user without rights, and one object of each kind in
desa A (in scope of the ppkbd of A) and in desa X (out of scope)."""

from datetime import date

import pytest

from tests.factories import KaderFactory, UserFactory
from tests.pertemuan.factories import (
    KonselingFactory,
    PelatihanFactory,
    PertemuanFactory,
    PesertaPelatihanFactory,
    PoktanFactory,
    SesiKIEFactory,
    TindakLanjutFactory,
    pus,
)


@pytest.fixture
def tanpa_izin(area):
    """A logged-in user whose role grants nothing."""
    u = UserFactory(username="u_tanpa", peran="ppkbd", wilayah=area.desa_a)
    u.groups.clear()
    return u


@pytest.fixture
def objek(area):
    class Objek:
        pass

    o = Objek()
    o.kader_a = KaderFactory(institusi=area.ppkbd_a, nama="Kader Melati")
    o.kader_x = KaderFactory(institusi=area.ppkbd_x, nama="Kader Anggrek")
    o.kader_baru = KaderFactory(institusi=area.ppkbd_a, nama="Kader Baru")
    o.pertemuan_a = PertemuanFactory(wilayah=area.desa_a, institusi=area.ppkbd_a)
    o.pertemuan_x = PertemuanFactory(wilayah=area.desa_x, institusi=area.ppkbd_x)
    o.tl_a = TindakLanjutFactory(masalah__pertemuan=o.pertemuan_a)
    o.tl_x = TindakLanjutFactory(masalah__pertemuan=o.pertemuan_x)
    o.kie_a = SesiKIEFactory(wilayah=area.desa_a)
    o.kie_x = SesiKIEFactory(wilayah=area.desa_x)
    o.pus_a = pus(dusun=area.dusun_a1, nama="Ibu Sitti")
    o.pus_x = pus(dusun=area.dusun_x1, nama="Ibu Rahma")
    o.konseling_a = KonselingFactory(anggota=o.pus_a, tanggal_tindak_lanjut=date(2025, 3, 25))
    o.konseling_x = KonselingFactory(anggota=o.pus_x)
    o.poktan_a = PoktanFactory(wilayah=area.dusun_a1)
    o.poktan_x = PoktanFactory(wilayah=area.desa_x)
    o.pelatihan_a = PelatihanFactory(wilayah=area.desa_a)
    o.pelatihan_x = PelatihanFactory(wilayah=area.desa_x)
    o.peserta_a = PesertaPelatihanFactory(pelatihan=o.pelatihan_a, kader=o.kader_a)
    o.peserta_x = PesertaPelatihanFactory(pelatihan=o.pelatihan_x, kader=o.kader_x)
    return o
