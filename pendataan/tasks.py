"""Background jobs of pendataan: thin wrappers that call one service."""

from celery import shared_task
from django.conf import settings

from imp_smart import jobs
from pendataan import impor
from pendataan.models import Impor


@shared_task(
    **jobs.OPSI_TUGAS,
    time_limit=settings.IMP_IMPOR_TIME_LIMIT,
    soft_time_limit=settings.IMP_IMPOR_SOFT_TIME_LIMIT,
)
def impor_proses(self, impor_id: int) -> bool:
    """Run one import (claimed by a conditional UPDATE; all or nothing: safe to run twice)."""
    return jobs.hasil_tugas(self, Impor, impor_id, impor.impor_proses(impor_id=impor_id))
