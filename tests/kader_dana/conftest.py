"""Fixtures of the group-fund tests: cadres of PPKBD Melati (desa A) and an arisan."""

import pytest

from kader.dana import services as sd
from tests.factories import KaderFactory, UserFactory


@pytest.fixture
def tanpa_izin(area):
    u = UserFactory(username="u_tanpa", peran="ppkbd", wilayah=area.desa_a)
    u.groups.clear()
    return u


@pytest.fixture
def kader3(area):
    return [KaderFactory(institusi=area.ppkbd_a, nama=n) for n in ("Ani", "Becce", "Cahya")]


@pytest.fixture
def arisan(area, kader3):
    k = sd.arisan_buat(institusi=area.ppkbd_a, nama="Arisan Melati", setoran=10000)
    for kd in kader3:
        sd.arisan_anggota_tambah(kelompok=k, kader=kd)
    return k
