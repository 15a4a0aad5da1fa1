"""Celery tasks: ids in, one service call, retry policy (STYLE.md §6)."""

from celery import shared_task


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=3, acks_late=True)
def rekap_buat(berkas_id: int) -> bool:
    """Render one recap file (claimed by a conditional UPDATE: safe to run twice)."""
    from laporan import services_rekap

    return services_rekap.rekap_buat(berkas_id=berkas_id)


@shared_task(acks_late=True)
def rekap_sapu() -> int:
    """Re-queue recap files stuck in processing or never delivered to the queue."""
    from laporan import services_rekap

    return services_rekap.rekap_sapu()


@shared_task(acks_late=True)
def rekap_jadwal() -> int:
    """The monthly district recap (beat, the 15th)."""
    from laporan import services_rekap

    return services_rekap.rekap_jadwal().pk


@shared_task(acks_late=True)
def laporan_kirim_pengingat() -> int:
    """Daily: e-mail reminders 3 days before and 1 day after the due date."""
    from laporan import services_pengingat

    return services_pengingat.laporan_kirim_pengingat()


@shared_task(acks_late=True)
def cuplikan_perbarui(n_bulan: int = 2) -> int:
    """Recount the register for the dashboard (beat: every 15 minutes, and nightly)."""
    from laporan import services_cuplikan

    return services_cuplikan.cuplikan_perbarui_dan_panaskan(n_bulan=n_bulan)
