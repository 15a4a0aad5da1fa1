"""Test settings: PostgreSQL, fast hashing, eager Celery except for `integration` tests."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test")
# Personal-data keys of this environment (the values the register was always encrypted with here).
os.environ.setdefault("DJANGO_FIELD_ENCRYPTION_KEY", "test")
os.environ.setdefault("DJANGO_NIK_HASH_KEY", "test")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/imp_smart")

from .base import *  # noqa: E402

# Each test database is created and dropped by pytest-django: no connection kept across requests.
DATABASES["default"]["CONN_MAX_AGE"] = 0

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Integration tests start a real worker over Redis and switch this off for their duration.
CELERY_BROKER_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/15")
CELERY_TASK_ALWAYS_EAGER = True
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
LOGGING = {"version": 1, "disable_existing_loggers": False}
WHITENOISE_AUTOREFRESH = True  # the live server serves static files without collectstatic
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The suite runs in one process (live servers are its threads): its memory cache is shared by
# everything that serves a test, so permissions and area ids are cached as with Redis.
IMP_CACHE_BERSAMA = True
# Pages are never served late in the suite (a test that reads what another user just wrote sees
# it); the tests of late pages switch it on.
IMP_HALAMAN_BASI = 0
