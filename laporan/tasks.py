"""Celery tasks: ids in, one service call, retry policy (STYLE.md §6)."""

from celery import shared_task

from imp_smart import jobs
from imp_smart.models import Pekerjaan
from laporan import dokumen_fidal, services_cuplikan, services_pengingat, services_rekap
from laporan.models import BerkasRekap


@shared_task(**jobs.OPSI_TUGAS)
def rekap_buat(self, berkas_id: int) -> bool:
    """Render one recap file (claimed by a conditional UPDATE: safe to run twice)."""
    # When the message came back while a live lease still holds the row (its pool process was
    # killed a moment ago), it tries again once the lease lapses instead of waiting for the sweeper.
    selesai = services_rekap.rekap_buat(berkas_id=berkas_id)
    return jobs.hasil_tugas(self, BerkasRekap, berkas_id, selesai)


@shared_task(**jobs.OPSI_TUGAS)
def fidal_buat(self, pekerjaan_id: int) -> bool:
    """Render one F/I/Dal/13 PDF of a kecamatan or the kabupaten (safe to run twice)."""
    selesai = dokumen_fidal.fidal_buat(pekerjaan_id=pekerjaan_id)
    return jobs.hasil_tugas(self, Pekerjaan, pekerjaan_id, selesai)


@shared_task(acks_late=True)
def rekap_jadwal() -> int:
    """The monthly district recap (beat, the 15th)."""
    return services_rekap.rekap_jadwal().pk


@shared_task(acks_late=True)
def laporan_kirim_pengingat() -> int:
    """Daily: e-mail reminders 3 days before and 1 day after the desa report due date, to the
    koordinator before the approval deadline, and on overdue follow-ups (services_pengingat)."""
    return services_pengingat.laporan_kirim_pengingat()


@shared_task(acks_late=True)
def cuplikan_perbarui(n_bulan: int = 2) -> int:
    """Recount the register for the dashboard (beat: every 15 minutes, and nightly)."""
    return services_cuplikan.cuplikan_perbarui_dan_panaskan(n_bulan=n_bulan)
