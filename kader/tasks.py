"""Background jobs of kader: thin wrappers that call one service."""

from celery import shared_task

from imp_smart import jobs
from imp_smart.models import Pekerjaan
from kader import draft_sk


@shared_task(**jobs.OPSI_TUGAS)
def draft_sk_buat(self, pekerjaan_id: int) -> bool:
    """Render the whole-kabupaten draft SK (claimed by a conditional UPDATE: safe to run
    twice)."""
    selesai = draft_sk.draft_sk_buat(pekerjaan_id=pekerjaan_id)
    return jobs.hasil_tugas(self, Pekerjaan, pekerjaan_id, selesai)
