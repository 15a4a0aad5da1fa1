"""Developer/demo machine: embedded SQLite, DEBUG on, tasks in-process unless REDIS_URL is set."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "demo-only-not-for-production-imp-smart-gowa")
# Personal-data keys of this environment (the values the register was always encrypted with here).
os.environ.setdefault("DJANGO_FIELD_ENCRYPTION_KEY", "demo-only-not-for-production-imp-smart-gowa")
os.environ.setdefault("DJANGO_NIK_HASH_KEY", "demo-only-not-for-production-imp-smart-gowa")
os.environ.setdefault("DJANGO_DEBUG", "1")

from .base import *  # noqa: E402

STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
