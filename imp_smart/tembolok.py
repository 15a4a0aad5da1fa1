"""Whether the default cache is shared by every process that serves the site.

What decides access — a user's permissions (imp_smart.izin) and area ids (kader.scoping) — may be
kept in the cache only when every web process reads the same cache: a change drawn in one process
(a new generation) must reach the others at once. Redis is shared; Django's local-memory cache is
one per process (several gunicorn workers without REDIS_URL would each keep their own copy, for up
to its lifetime), and the dummy cache keeps nothing. `IMP_CACHE_BERSAMA` in the settings overrides
the guess (e.g. True for a shared Memcached, False to turn these caches off).
"""

import uuid
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction

from imp_smart.halaman import catat_generasi

T = TypeVar("T")


def bersama() -> bool:
    """True when the default cache is shared by every process (access data may be kept in it)."""
    tetapan = getattr(settings, "IMP_CACHE_BERSAMA", None)
    if tetapan is not None:
        return bool(tetapan)
    return not isinstance(caches["default"], LocMemCache | DummyCache)


def simpanan(kunci_generasi: str, kunci: str, hitung: Callable[[], T], umur: int) -> T:
    """`hitung()`, kept under `kunci` with the current generation of `kunci_generasi`: a stored
    value counts only while that generation lasts (`generasi_baru` ends it for every key), and at
    most `umur` seconds (a bound for changes made without signals). Without a shared cache,
    computed every time."""
    if not bersama():
        return hitung()
    cache = caches["default"]
    nilai = cache.get_many([kunci_generasi, kunci])
    generasi = nilai.get(kunci_generasi)
    if generasi is None:  # first use, or an emptied cache: nothing stored before counts
        cache.add(kunci_generasi, uuid.uuid4().hex, None)
        generasi = cache.get(kunci_generasi)
    tersimpan = nilai.get(kunci)
    catat_generasi(kunci_generasi, generasi)  # a kept page that used it depends on it
    if (
        generasi is not None
        and isinstance(tersimpan, tuple)
        and len(tersimpan) == 2
        and tersimpan[0] == generasi
    ):
        return tersimpan[1]
    hasil = hitung()
    if generasi is not None:
        cache.set(kunci, (generasi, hasil), umur)
    return hasil


def generasi_baru(kunci_generasi: str) -> None:
    """Every value kept under this generation is stale: a new one now, and again when the
    current transaction commits (a request in between may have stored the old rows)."""

    def baru() -> None:
        caches["default"].set(kunci_generasi, uuid.uuid4().hex, None)

    baru()
    transaction.on_commit(baru)  # outside a transaction: runs at once, a second time
