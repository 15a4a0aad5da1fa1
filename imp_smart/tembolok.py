"""Whether the default cache is shared by every process that serves the site.

What decides access — a user's permissions (imp_smart.izin) and area ids (kader.scoping) — may be
kept in the cache only when every web process reads the same cache: a change drawn in one process
(a new generation) must reach the others at once. Redis is shared; Django's local-memory cache is
one per process (several gunicorn workers without REDIS_URL would each keep their own copy, for up
to its lifetime), and the dummy cache keeps nothing. `IMP_CACHE_BERSAMA` in the settings overrides
the guess (e.g. True for a shared Memcached, False to turn these caches off).
"""

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache


def bersama() -> bool:
    """True when the default cache is shared by every process (access data may be kept in it)."""
    tetapan = getattr(settings, "IMP_CACHE_BERSAMA", None)
    if tetapan is not None:
        return bool(tetapan)
    return not isinstance(caches["default"], LocMemCache | DummyCache)
