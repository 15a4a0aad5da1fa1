"""Background jobs of kader: thin wrappers that call one service."""

from celery import shared_task

from imp_smart import jobs
from imp_smart.models import Pekerjaan
from kader import draft_sk


@shared_task(
    bind=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=3,
    acks_late=True,
    reject_on_worker_lost=True,
)
def draft_sk_buat(self, pekerjaan_id: int) -> bool:
    """Render the whole-kabupaten draft SK (claimed by a conditional UPDATE: safe to run
    twice)."""
    if draft_sk.draft_sk_buat(pekerjaan_id=pekerjaan_id):
        return True
    jobs.tunda_bila_dipegang(self, Pekerjaan, pekerjaan_id)  # see laporan.tasks.rekap_buat
    return False
