"""Background jobs of pendataan: thin wrappers that call one service."""

from celery import shared_task
from django.conf import settings

from imp_smart import jobs
from pendataan import impor
from pendataan.models import Impor


@shared_task(
    bind=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=3,
    time_limit=settings.IMP_IMPOR_TIME_LIMIT,
    soft_time_limit=settings.IMP_IMPOR_SOFT_TIME_LIMIT,
)
def impor_proses(self, impor_id: int) -> bool:
    """Run one import (claimed by a conditional UPDATE; all or nothing: safe to run twice)."""
    if impor.impor_proses(impor_id=impor_id):
        return True
    jobs.tunda_bila_dipegang(self, Impor, impor_id)  # see laporan.tasks.rekap_buat
    return False
