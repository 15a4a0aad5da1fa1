"""Meetings numbered per desa (imp_smart.halaman): a meeting's saves and its attendance say the
desas whose users see it (kader.scoping.desa_terlihat) — a desa or dusun meeting its desa, a
kecamatan meeting each desa of the kecamatan, a kabupaten meeting every page. A PPKBD's meeting
list stays kept while meetings are recorded in other desas and kecamatan; one seen from the desa
renews it.

These tests commit (transactional_db), with Redis as the shared cache."""

from datetime import date

import pytest
from django.urls import reverse

from kader.models import Wilayah
from kader.scoping import desa_terlihat
from pertemuan import services
from tests.factories import KaderFactory
from tests.framework.halaman_support import buka as _buka
from tests.framework.halaman_support import cache_bersama  # noqa: F401  (autouse fixture)
from tests.framework.halaman_support import kept as _kept
from tests.framework.halaman_support import masuk as _masuk

pytestmark = pytest.mark.django_db(transaction=True)

DAFTAR = "pertemuan:list"


def _rapat(wilayah, judul, pertemuan=None):
    return services.pertemuan_simpan(
        pertemuan=pertemuan,
        wilayah=wilayah,
        agenda=["informasi"],
        judul=judul,
        tanggal=date(2026, 1, 10),
        tempat="Balai",
    )


def _kabupaten(area) -> Wilayah:
    """The kabupaten above the test areas (the `area` fixture's kecamatan have none)."""
    kabupaten = Wilayah.objects.create(kode="73.06", nama="Kab Uji", tingkat="kabupaten")
    Wilayah.objects.filter(pk__in=[area.kec_k.pk, area.kec_l.pk]).update(induk=kabupaten)
    return kabupaten


def _daftar(user):
    c = _masuk(user)
    url = reverse(DAFTAR)
    _buka(c, url)
    assert _kept(c, url)
    return c, url


def test_meetings_elsewhere_leave_the_desa_list_kept(users, area):
    _rapat(area.desa_a, "Rapat Lama A")
    kader_a = KaderFactory(institusi=area.ppkbd_a)
    kader_b = KaderFactory(institusi=area.ppkbd_b)  # before: the filter's cadres are on the page
    c, url = _daftar(users.ppkbd)  # desa A, kecamatan K

    di_b = _rapat(area.desa_b, "Rapat Desa B")
    services.pertemuan_catat_kehadiran(pertemuan=di_b, kader=[kader_b], undangan={"pkk": 3})
    _rapat(area.kec_l, "Rapat Kecamatan L")
    _rapat(area.desa_x, "Rapat Desa X")
    assert _kept(c, url)

    di_a = _rapat(area.dusun_a1, "Rapat Dusun A1")  # seen from desa A: renewed
    html, n = _buka(c, url)
    assert n > 2 and "Rapat Dusun A1" in html and "Rapat Desa B" not in html
    assert _kept(c, url)
    services.pertemuan_catat_kehadiran(pertemuan=di_a, kader=[kader_a], undangan={})
    assert not _kept(c, url)


@pytest.mark.parametrize("atas", ["kec_k", "kabupaten"])
def test_a_meeting_above_the_desa_renews_its_list(users, area, atas):
    wilayah = getattr(area, atas, None) or _kabupaten(area)
    c, url = _daftar(users.ppkbd)
    _rapat(wilayah, "Rapat Di Atas")
    assert "Rapat Di Atas" in _buka(c, url)[0]


def test_a_meeting_moved_away_renews_the_list_it_leaves(users, area):
    rapat = _rapat(area.desa_a, "Rapat Pindah")
    c, url = _daftar(users.ppkbd)
    _rapat(area.desa_x, "Rapat Pindah", pertemuan=rapat)  # to desa X: says A and X
    html, n = _buka(c, url)
    assert n > 2 and "Rapat Pindah" not in html


def test_the_desas_that_see_an_area(area):
    kabupaten = _kabupaten(area)
    assert desa_terlihat({area.dusun_a1.pk}) == {area.desa_a.pk}
    assert desa_terlihat({area.desa_b.pk, area.desa_x.pk}) == {area.desa_b.pk, area.desa_x.pk}
    assert desa_terlihat({area.kec_k.pk}) == {area.desa_a.pk, area.desa_b.pk}
    assert desa_terlihat({area.kec_k.pk, kabupaten.pk}) is None
    assert desa_terlihat(set()) == set()
