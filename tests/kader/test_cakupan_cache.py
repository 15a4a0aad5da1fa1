"""A user's area ids kept in the shared cache (kader.scoping): no scope query on the next
request, and a change of area, assignment or area tree takes effect on the next request."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kader.models import Peran
from kader.services import pengguna_buat
from kader.services_pengguna import penugasan_akhiri
from tests.factories import DusunFactory, InstitusiFactory, PenugasanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cache_kosong():
    cache.clear()
    yield
    cache.clear()


def _wilayah(area_obj) -> str:
    return reverse("kader:wilayah_detail", args=[area_obj.pk])


def _kueri_cakupan(client, url) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as kueri:
        status = client.get(url).status_code
    # The scope's own query: the areas under the user's roots.
    return status, sum('"kader_wilayah"."desa_id" IN' in q["sql"] for q in kueri.captured_queries)


def test_scope_is_computed_at_login_then_read_from_the_cache(client, users, area):
    client.force_login(users.koordinator)
    assert _kueri_cakupan(client, _wilayah(area.desa_a)) == (200, 0)
    cache.clear()
    assert _kueri_cakupan(client, _wilayah(area.desa_a)) == (200, 1)
    assert _kueri_cakupan(client, _wilayah(area.desa_a)) == (200, 0)


def test_ended_assignment_takes_effect_on_the_next_request(client, users, area):
    client.force_login(users.penyuluh)
    assert client.get(_wilayah(area.desa_a)).status_code == 200
    assert client.get(_wilayah(area.desa_a)).status_code == 200  # cached now
    penugasan = users.penyuluh.penugasan.get(desa=area.desa_a)
    penugasan_akhiri(penugasan=penugasan, selesai=timezone.localdate() - timedelta(days=1))
    assert client.get(_wilayah(area.desa_a)).status_code == 404


def test_new_assignment_takes_effect_on_the_next_request(client, users, area):
    client.force_login(users.penyuluh)
    assert client.get(_wilayah(area.desa_x)).status_code == 404
    PenugasanFactory(penyuluh=users.penyuluh, desa=area.desa_x, mulai=date(2024, 1, 1))
    assert client.get(_wilayah(area.desa_x)).status_code == 200


def test_moved_user_loses_the_old_area_at_once(client, users, area):
    client.force_login(users.ppkbd)
    assert client.get(_wilayah(area.desa_a)).status_code == 200
    assert client.get(_wilayah(area.desa_a)).status_code == 200  # cached now
    pengguna_buat(username=users.ppkbd.username, password="", peran=Peran.PPKBD,
                  wilayah=area.desa_x, institusi=area.ppkbd_x, nama="")  # fmt: skip
    assert client.get(_wilayah(area.desa_a)).status_code == 404
    assert client.get(_wilayah(area.desa_x)).status_code == 200


def test_new_dusun_is_in_scope_at_once(client, users, area):
    client.force_login(users.ppkbd)
    assert client.get(_wilayah(area.desa_a)).status_code == 200
    baru = DusunFactory(induk=area.desa_a, nama="A3")
    InstitusiFactory(wilayah=baru, jenis="sub_ppkbd", nama="Dahlia")
    assert client.get(_wilayah(baru)).status_code == 200


def test_scope_of_another_day_is_not_used(client, users, area, monkeypatch):
    """A penyuluh's assignments count by date: the stored ids are per day."""
    client.force_login(users.penyuluh)
    assert client.get(_wilayah(area.desa_a)).status_code == 200
    besok = timezone.localdate() + timedelta(days=1)
    users.penyuluh.penugasan.filter(desa=area.desa_a).update(selesai=timezone.localdate())
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: besok)
    assert client.get(_wilayah(area.desa_a)).status_code == 404
