"""Celery application: one image runs web, worker and beat (cookiecutter wiring).

Every worker also sweeps the background jobs once a minute (imp_smart/jobs.py), so that a job
whose worker was killed is sent again within two minutes even where beat does not run; beat
sends the same sweep (laporan/beat.py). Several sweepers are safe: each row is taken by one
UPDATE under SKIP LOCKED. Off with IMP_PEKERJAAN_SAPU_DI_PEKERJA=False.
"""

import logging
import os
import threading

from celery import Celery
from celery.signals import worker_ready, worker_shutdown
from django.conf import settings
from django.db import connections

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imp_smart.settings.local")

app = Celery("imp_smart", task_cls="celery.contrib.django.task:DjangoTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

log = logging.getLogger(__name__)
_berhenti = threading.Event()
SAPU_SETIAP = 60  # seconds, like the beat schedule


def _penyapu() -> None:
    from imp_smart import jobs  # noqa: PLC0415  (this module loads before Django's models)

    while not _berhenti.wait(SAPU_SETIAP):
        try:
            jobs.sapu_semua()
        except Exception:  # the next round tries again
            log.exception("Penyapu pekerjaan gagal")
        finally:
            connections.close_all()  # this thread's connections only


@worker_ready.connect
def _mulai_penyapu(sender=None, **kwargs) -> None:
    if not getattr(settings, "IMP_PEKERJAAN_SAPU_DI_PEKERJA", True):
        return
    _berhenti.clear()
    threading.Thread(target=_penyapu, name="penyapu-pekerjaan", daemon=True).start()


@worker_shutdown.connect
def _hentikan_penyapu(sender=None, **kwargs) -> None:
    _berhenti.set()
