"""Framework tasks: the sweeper of every background job row (imp_smart/jobs.py) and the large
list exports (imp_smart/ekspor_pekerjaan.py)."""

from celery import shared_task
from django.conf import settings

from imp_smart import ekspor_pekerjaan, jobs
from imp_smart.models import Pekerjaan


@shared_task(acks_late=True, time_limit=50, soft_time_limit=40, ignore_result=True)
def pekerjaan_sapu() -> int:
    """Beat, every minute: re-queue jobs whose worker died (lease lapsed) or whose message
    never reached the queue — recap files, the draft SK and imports alike."""
    return jobs.sapu_semua()


@shared_task(
    **jobs.OPSI_TUGAS,
    # The imports' limits (within the broker's visibility timeout): a district-wide list of
    # ~200,000 rows takes minutes (measured ≈ 330–1,250 rows/s on a busy 2-core machine).
    time_limit=settings.IMP_IMPOR_TIME_LIMIT,
    soft_time_limit=settings.IMP_IMPOR_SOFT_TIME_LIMIT,
)
def ekspor_buat(self, pekerjaan_id: int) -> bool:
    """Write a large list export (imp_smart/ekspor_pekerjaan.py; claimed by a conditional
    UPDATE: safe to run twice)."""
    selesai = ekspor_pekerjaan.ekspor_buat(pekerjaan_id=pekerjaan_id)
    return jobs.hasil_tugas(self, Pekerjaan, pekerjaan_id, selesai)
