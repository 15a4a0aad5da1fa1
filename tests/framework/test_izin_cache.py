"""Permissions from the shared cache (imp_smart/izin.py): no permission query on a request once
they are cached, and a change of role or of a group's permissions takes effect at once."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from imp_smart import izin
from kader.models import Peran
from kader.services import pengguna_buat

pytestmark = pytest.mark.django_db

HALAMAN = "kader:pengguna_list"  # kader.kelola_pengguna: koordinator yes, PPKBD no


@pytest.fixture(autouse=True)
def _cache_kosong():
    cache.clear()
    yield
    cache.clear()


def _kueri_izin(client, url) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as kueri:
        status = client.get(url).status_code
    return status, sum("auth_permission" in q["sql"] for q in kueri.captured_queries)


def test_permissions_are_read_once_then_from_the_cache(client, users):
    client.force_login(users.koordinator)
    url = reverse(HALAMAN)
    assert _kueri_izin(client, url) == (200, 0)  # read at login
    cache.clear()
    assert _kueri_izin(client, url) == (200, 2)  # user's own and group permissions
    assert _kueri_izin(client, url) == (200, 0)
    assert _kueri_izin(client, reverse("beranda")) == (200, 0)


def test_role_change_takes_effect_on_the_next_request(client, users, area):
    client.force_login(users.ppkbd)
    url = reverse(HALAMAN)
    assert _kueri_izin(client, url)[0] == 403
    assert client.get(url).status_code == 403  # cached now

    pengguna_buat(username=users.ppkbd.username, password="", peran=Peran.KOORDINATOR,
                  wilayah=area.kec_k, institusi=None, nama="")  # fmt: skip
    assert client.get(url).status_code == 200

    pengguna_buat(username=users.ppkbd.username, password="", peran=Peran.PPKBD,
                  wilayah=area.desa_a, institusi=area.ppkbd_a, nama="")  # fmt: skip
    assert client.get(url).status_code == 403


def test_group_permission_removed_takes_effect_at_once(client, users):
    client.force_login(users.koordinator)
    url = reverse(HALAMAN)
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200  # cached now
    kelola = Permission.objects.get(codename="kelola_pengguna", content_type__app_label="kader")
    grup = Group.objects.get(name=Peran.KOORDINATOR)
    grup.permissions.remove(kelola)
    assert client.get(url).status_code == 403
    grup.permissions.add(kelola)
    assert client.get(url).status_code == 200


def test_user_permission_and_group_removal_take_effect_at_once(client, users):
    client.force_login(users.ppkbd)
    url = reverse(HALAMAN)
    assert client.get(url).status_code == 403
    kelola = Permission.objects.get(codename="kelola_pengguna", content_type__app_label="kader")
    users.ppkbd.user_permissions.add(kelola)
    assert client.get(url).status_code == 200
    users.ppkbd.user_permissions.clear()
    assert client.get(url).status_code == 403

    client.force_login(users.koordinator)
    assert client.get(url).status_code == 200
    Group.objects.get(name=Peran.KOORDINATOR).user_set.clear()  # from the group's side
    assert client.get(url).status_code == 403


def test_deleted_group_takes_its_permissions_with_it(client, users):
    client.force_login(users.koordinator)
    url = reverse(HALAMAN)
    assert client.get(url).status_code == 200
    Group.objects.get(name=Peran.KOORDINATOR).delete()
    assert client.get(url).status_code == 403


def test_new_generation_again_when_the_change_commits(users, django_capture_on_commit_callbacks):
    """A request between the change and its commit reads the old rows; what it stores must not
    count after the commit."""
    koordinator = Group.objects.get(name=Peran.KOORDINATOR)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        users.ppkbd.groups.set([koordinator])
        selama = cache.get(izin.KUNCI_GENERASI)
        assert selama is not None
    assert cache.get(izin.KUNCI_GENERASI) not in (None, selama)


def test_stale_entry_of_another_generation_is_not_used(client, users):
    client.force_login(users.ppkbd)
    cache.set(izin.KUNCI_GENERASI, "g1", None)
    cache.set(f"imp:izin:u:{users.ppkbd.pk}:0", ("g0", ["kader.kelola_pengguna"]), 60)
    assert client.get(reverse(HALAMAN)).status_code == 403
    cache.set(f"imp:izin:u:{users.ppkbd.pk}:1", ("g1", ["kader.kelola_pengguna"]), 60)
    assert client.get(reverse(HALAMAN)).status_code == 403  # stored for a superuser: not hers


def test_menu_follows_a_role_change_at_once(client, users, area):
    """The menu is built once per process for each role and permission set: a new role is a
    new set, so the next page shows that role's menu."""
    client.force_login(users.ppkbd)
    tautan = f'href="{reverse(HALAMAN)}"'
    assert tautan not in client.get(reverse("beranda")).content.decode()
    pengguna_buat(username=users.ppkbd.username, password="", peran=Peran.KOORDINATOR,
                  wilayah=area.kec_k, institusi=None, nama="")  # fmt: skip
    assert tautan in client.get(reverse("beranda")).content.decode()
