"""Beat schedules of laporan, kept in django-celery-beat's tables (registered after migrate)."""

import json

from django.conf import settings
from django_celery_beat.models import CrontabSchedule, PeriodicTask

JADWAL = [
    # (name, task, crontab fields[, kwargs])
    (
        "laporan: cuplikan dasbor (bulan ini dan lalu)",
        "laporan.tasks.cuplikan_perbarui",
        {"minute": "*/15", "hour": "*", "day_of_month": "*"},
        {"n_bulan": 2},
    ),
    (
        "laporan: cuplikan dasbor (13 bulan)",
        "laporan.tasks.cuplikan_perbarui",
        {"minute": "30", "hour": "1", "day_of_month": "*"},
        {"n_bulan": 13},
    ),
    (
        "laporan: rekap kabupaten bulanan",
        "laporan.tasks.rekap_jadwal",
        {"minute": "0", "hour": "6", "day_of_month": "15"},
    ),
    (
        "laporan: pengingat laporan desa",
        "laporan.tasks.laporan_kirim_pengingat",
        {"minute": "0", "hour": "7", "day_of_month": "*"},
    ),
    (
        # Every background job (recap files, draft SK, imports): imp_smart/jobs.py. Every
        # minute, so that a job whose worker was killed is sent again within 2 minutes.
        "laporan: antre ulang pekerjaan latar",
        "imp_smart.tasks.pekerjaan_sapu",
        {"minute": "*", "hour": "*", "day_of_month": "*"},
    ),
]
USANG = ["laporan: antre ulang berkas rekap"]  # replaced by the sweeper of every job


def daftarkan_jadwal(using="default", **kwargs) -> None:
    """Create or update the periodic tasks (idempotent)."""

    PeriodicTask.objects.using(using).filter(name__in=USANG).delete()
    for nama, tugas, waktu, *kwargs in JADWAL:
        jadwal, _ = CrontabSchedule.objects.using(using).get_or_create(
            month_of_year="*", day_of_week="*", timezone=settings.TIME_ZONE, **waktu
        )
        PeriodicTask.objects.using(using).update_or_create(
            name=nama,
            defaults={
                "task": tugas,
                "crontab": jadwal,
                "interval": None,
                "kwargs": json.dumps(kwargs[0] if kwargs else {}),
            },
        )
