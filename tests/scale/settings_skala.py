"""Settings of the processes that tests/scale starts (two gunicorn instances, two Celery
workers): the test settings made production-like — DEBUG off, persistent connections, the cache
and sessions in Redis — on the test database, with files in one directory on disk that every
process shares (IMP_UJI_MEDIA_ROOT). InMemoryStorage would be one store per process: a file
made by a worker could never be downloaded through a web instance. With IMP_UJI_S3_ENDPOINT the
files go to an S3-compatible bucket instead (django-storages), as on machines with no shared
disk."""

import os

from imp_smart.settings.test import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
DATABASES["default"]["CONN_MAX_AGE"] = 60  # noqa: F405
CELERY_TASK_ALWAYS_EAGER = False
CELERY_BROKER_URL = os.environ["REDIS_URL"]
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": "imp-uji-skala",
    }
}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
MEDIA_ROOT = os.environ["IMP_UJI_MEDIA_ROOT"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT},
    },
}
# Machines that share no disk: every file in one S3-compatible bucket (a local moto server).
if os.environ.get("IMP_UJI_S3_ENDPOINT"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["IMP_UJI_S3_BUCKET"],
            "endpoint_url": os.environ["IMP_UJI_S3_ENDPOINT"],
            "access_key": "uji",
            "secret_key": "uji-rahasia",
            "region_name": "us-east-1",
            "default_acl": "private",
            "file_overwrite": False,
            "addressing_style": "path",
        },
    }
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
