from datetime import date

import pytest

from tests.pendataan.factories import pus_buat


@pytest.fixture
def bulan():
    """A past month every test can write to (the service refuses nothing about the past)."""
    return date(2025, 3, 1)


@pytest.fixture
def pus_a1(area):
    """Three PUS in dusun A1 and one in dusun A2 and X1 (outside the Sub-PPKBD's scope)."""

    class P:
        pass

    p = P()
    p.a1 = [
        pus_buat(dusun=area.dusun_a1, nama=f"Ibu A1-{i}", lahir=date(1990, 1, i + 1))
        for i in range(3)
    ]
    p.a2 = pus_buat(dusun=area.dusun_a2, nama="Ibu A2")
    p.x1 = pus_buat(dusun=area.dusun_x1, nama="Ibu X1")
    return p


@pytest.fixture
def area_hyp(db):
    """A dusun for hypothesis examples (each example rolls its own rows back)."""
    from tests.factories import DusunFactory

    return DusunFactory()
