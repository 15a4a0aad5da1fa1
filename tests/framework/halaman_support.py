"""Helpers of the kept-page tests (imp_smart.halaman) with Redis as the shared cache, for
test_halaman.py and test_halaman_wilayah.py: a module that imports `cache_bersama` gets it as
an autouse fixture."""

import os

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15"),
        "KEY_PREFIX": "imp-uji-halaman",
    }
}
DAFTAR = "pendataan:keluarga_list"


def kept(client, url, **params) -> bool:
    """Served from the cache: no statement but the session's user (and the area check)."""
    return buka(client, url, **params)[1] <= 2


@pytest.fixture(autouse=True)
def cache_bersama():
    with override_settings(CACHES=REDIS, IMP_CACHE_BERSAMA=True):
        cache.clear()
        yield
        cache.clear()


def masuk(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def buka(client, url, **params):
    """(html, SQL statements run by the request)."""
    with CaptureQueriesContext(connection) as kueri:
        r = client.get(url, params)
    assert r.status_code == 200
    return r.content.decode(), len(kueri.captured_queries)


def daftar_dibuka(user) -> tuple[Client, str]:
    """A client of `user` that has opened the family list once (the page kept, if it may be)."""
    c = masuk(user)
    url = reverse(DAFTAR)
    buka(c, url)
    return c, url
