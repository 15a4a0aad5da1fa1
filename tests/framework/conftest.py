"""Fixtures of the kept-page tests by desa: a dusun of desa B, a PUS woman in desa A and one in
desa B (`area`: tests/conftest.py)."""

import pytest

from tests.factories import DusunFactory
from tests.pendataan.factories import pus_buat


@pytest.fixture
def dusun_b(area):
    return DusunFactory(induk=area.desa_b, nama="B1")


@pytest.fixture
def pus_a(area):
    return pus_buat(dusun=area.dusun_a1, nama="Ibu Desa A")


@pytest.fixture
def pus_b(dusun_b):
    return pus_buat(dusun=dusun_b, nama="Ibu Desa B")
