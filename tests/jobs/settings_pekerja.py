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
