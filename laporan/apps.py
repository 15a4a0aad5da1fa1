from django.apps import AppConfig
from django.db.models.signals import post_migrate


class LaporanConfig(AppConfig):
    name = "laporan"
    verbose_name = "Laporan"

    def ready(self):
        from laporan.beat import daftarkan_jadwal

        # Idempotent: the schedules are found by name and updated, never duplicated.
        post_migrate.connect(daftarkan_jadwal, sender=self, dispatch_uid="laporan_jadwal_beat")
