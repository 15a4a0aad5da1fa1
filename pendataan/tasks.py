"""Background jobs of pendataan: thin wrappers that call one service."""

from celery import shared_task


@shared_task(acks_late=True, time_limit=1800, soft_time_limit=1700)
def impor_proses(impor_id: int) -> bool:
    from pendataan import impor

    return impor.impor_proses(impor_id=impor_id)
