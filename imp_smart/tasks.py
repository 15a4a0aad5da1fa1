"""Framework tasks: the sweeper of every background job row (imp_smart/jobs.py)."""

from celery import shared_task

from imp_smart import jobs


@shared_task(acks_late=True, time_limit=50, soft_time_limit=40, ignore_result=True)
def pekerjaan_sapu() -> int:
    """Beat, every minute: re-queue jobs whose worker died (lease lapsed) or whose message
    never reached the queue — recap files, the draft SK and imports alike."""
    return jobs.sapu_semua()
