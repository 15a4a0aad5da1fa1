"""Access data (permissions, area ids) is kept in the cache only when the cache is shared by
every process (imp_smart.tembolok): with one local-memory cache per gunicorn worker, a role change
drawn in one worker would not reach the others."""

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from imp_smart import izin, tembolok

pytestmark = pytest.mark.django_db

LOKAL = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
REDIS = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                     "LOCATION": "redis://127.0.0.1:6379/0"}}  # fmt: skip


@pytest.mark.parametrize(
    ("caches", "tetapan", "harapan"),
    [(LOKAL, None, False), (REDIS, None, True), (LOKAL, True, True), (REDIS, False, False)],
)
def test_shared_cache_is_guessed_from_the_backend_unless_set(caches, tetapan, harapan):
    with override_settings(CACHES=caches, IMP_CACHE_BERSAMA=tetapan):
        assert tembolok.bersama() is harapan


def test_permissions_are_not_read_from_a_cache_that_is_not_shared(client, users):
    """An entry that grants what the user no longer has (as another worker's copy would) is not
    used: the permissions come from the database on every request."""
    cache.clear()
    client.force_login(users.ppkbd)
    generasi = "g-lain"
    cache.set(izin.KUNCI_GENERASI, generasi, None)
    cache.set(f"imp:izin:u:{users.ppkbd.pk}:0", (generasi, ["kader.kelola_pengguna"]), 60)
    url = reverse("kader:pengguna_list")
    assert client.get(url).status_code == 200  # shared cache: the entry is trusted
    with override_settings(IMP_CACHE_BERSAMA=False):
        assert client.get(url).status_code == 403
    cache.clear()


def test_area_ids_are_not_read_from_a_cache_that_is_not_shared(users, area):
    """A stored set of area ids with the current generation (as another worker's copy after a
    move would be) is used only from a shared cache."""
    from django.utils import timezone

    from kader import scoping

    cache.clear()
    generasi = "g-lain"
    cache.set("imp:cakupan:generasi", generasi, None)
    kunci = f"imp:cakupan:u:{users.ppkbd.pk}:{timezone.localdate().isoformat()}"
    cache.set(kunci, (generasi, [area.kec_k.pk]), 60)
    assert scoping._ids_tersimpan(users.ppkbd) == frozenset([area.kec_k.pk])
    with override_settings(IMP_CACHE_BERSAMA=False):
        assert area.kec_k.pk not in scoping._ids_tersimpan(users.ppkbd)
    cache.clear()
