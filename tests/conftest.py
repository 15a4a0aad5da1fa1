"""Shared fixtures: one login per role in one kecamatan, plus an outsider area.

Layout: kecamatan K → desa A (dusun A1, A2) and desa B; kecamatan L → desa X (dusun X1).
Users: dinas (all), koordinator of K, penyuluh of desa A (assignment valid today), ppkbd of A,
sub_ppkbd of A1. Objects in desa X are out of scope for everyone but dinas/admin.
"""

from datetime import date

import pytest
from django.core.cache import cache

from imp_smart.daerah import lupakan_identitas
from imp_smart.saringan import KUNCI_GENERASI_OPSI
from kader.models import Peran
from tests.factories import (
    DesaFactory,
    DusunFactory,
    InstitusiFactory,
    KecamatanFactory,
    PenugasanFactory,
    SubPpkbdFactory,
    UserFactory,
)
from tests.integration_support import *  # noqa: F401,F403  (celery_real_worker, page_360, ...)


@pytest.fixture(autouse=True)
def _identitas_segar():
    """The office's identity is cached (imp_smart.daerah): a record saved in one test must not
    leak into the next."""
    lupakan_identitas()
    yield
    lupakan_identitas()


@pytest.fixture(autouse=True)
def _opsi_segar():
    """The filters' options are cached by their SQL (imp_smart.saringan), and a query with no
    id in it (the Dinas's desa) is the same in every test: rows a test made without a signal
    (bulk_create) must not be offered by a cache filled in an earlier test. Without its
    generation every entry is stale (no database needed, unlike lupakan_opsi's on_commit)."""
    cache.delete(KUNCI_GENERASI_OPSI)


@pytest.fixture
def area(db):
    """The test areas and institutions as a simple namespace."""

    class Area:
        pass

    a = Area()
    a.kec_k = KecamatanFactory(nama="Kecamatan K")
    a.desa_a = DesaFactory(induk=a.kec_k, nama="Desa A")
    a.dusun_a1 = DusunFactory(induk=a.desa_a, nama="A1")
    a.dusun_a2 = DusunFactory(induk=a.desa_a, nama="A2")
    a.desa_b = DesaFactory(induk=a.kec_k, nama="Desa B")
    a.kec_l = KecamatanFactory(nama="Kecamatan L")
    a.desa_x = DesaFactory(induk=a.kec_l, nama="Desa X")
    a.dusun_x1 = DusunFactory(induk=a.desa_x, nama="X1")
    a.ppkbd_a = InstitusiFactory(wilayah=a.desa_a, nama="Melati")
    a.sub_a1 = SubPpkbdFactory(wilayah=a.dusun_a1, nama="Mawar")
    a.ppkbd_b = InstitusiFactory(wilayah=a.desa_b, nama="Kenanga")
    a.ppkbd_x = InstitusiFactory(wilayah=a.desa_x, nama="Anggrek")
    return a


@pytest.fixture
def users(area):
    """One user per role, scoped to the `area` fixture."""

    class Users:
        pass

    u = Users()
    u.admin = UserFactory(username="u_admin", peran=Peran.ADMIN)
    u.dinas = UserFactory(username="u_dinas", peran=Peran.DINAS)
    u.koordinator = UserFactory(username="u_koor", peran=Peran.KOORDINATOR, wilayah=area.kec_k)
    u.penyuluh = UserFactory(username="u_pkb", peran=Peran.PENYULUH)
    PenugasanFactory(penyuluh=u.penyuluh, desa=area.desa_a, mulai=date(2024, 1, 1))
    # An ended assignment must not give access any more.
    PenugasanFactory(
        penyuluh=u.penyuluh, desa=area.desa_b, mulai=date(2023, 1, 1), selesai=date(2023, 12, 31)
    )
    u.ppkbd = UserFactory(
        username="u_ppkbd", peran=Peran.PPKBD, wilayah=area.desa_a, institusi=area.ppkbd_a
    )
    u.sub_ppkbd = UserFactory(
        username="u_sub", peran=Peran.SUB_PPKBD, wilayah=area.dusun_a1, institusi=area.sub_a1
    )
    return u
