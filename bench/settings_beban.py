"""Settings of the load benchmark (bench/load.py): production's, served over plain HTTP on
loopback, with the benchmark's own URL configuration (the app's URLs plus the floor view).

The keys default to those of the local settings, which the district seed was made with."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-for-production-" + "x" * 30)
os.environ.setdefault("DJANGO_FIELD_ENCRYPTION_KEY", "demo-only-not-for-production-imp-smart-gowa")
os.environ.setdefault("DJANGO_NIK_HASH_KEY", "demo-only-not-for-production-imp-smart-gowa")

from imp_smart.settings.production import *  # noqa: E402

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
ROOT_URLCONF = "bench.urls_beban"
# No collectstatic for a benchmark: templates resolve {% static %} without a manifest.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
