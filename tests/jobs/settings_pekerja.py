"""Settings of the worker processes started by tests/jobs (a real `celery worker` that a test
kills): the test settings, with files on disk shared with the test process, and no eager mode."""

import os

from imp_smart.settings.test import *  # noqa: F403

CELERY_TASK_ALWAYS_EAGER = False
MEDIA_ROOT = os.environ["IMP_UJI_MEDIA_ROOT"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT},
    },
}
# One test shortens Redis's visibility timeout to watch a killed worker's message come back
# from the broker itself (production: just above the longest hard time limit).
# kombu (≥ 5.6) looks for such messages every unacked_restore_interval × unacked_restore_throttle
# seconds (10 × 10 by default): every 5 s here.
if os.environ.get("IMP_UJI_VISIBILITY"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": int(os.environ["IMP_UJI_VISIBILITY"]),
        "unacked_restore_interval": 5,
        "unacked_restore_throttle": 1,
    }
# A worker is another process: its memory cache is its own, so access data is not kept in it.
IMP_CACHE_BERSAMA = None
