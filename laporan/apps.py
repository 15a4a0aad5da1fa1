from django.apps import AppConfig
from django.db.models.signals import post_migrate


class LaporanConfig(AppConfig):
    name = "laporan"
    verbose_name = "Laporan"

    def ready(self):
        from kader.berkas import PenyusunDraftSK, daftarkan_draft_sk
        from kader.panel import daftarkan_panel
        from laporan import draft_sk
        from laporan.beat import daftarkan_jadwal

        # kader's draft SK page asks laporan for the whole kabupaten through this hook.
        daftarkan_draft_sk(PenyusunDraftSK(minta=draft_sk.minta, daftar=draft_sk.daftar))
        # kader's home page shows the cards registered by the apps above it (kader.panel).
        daftarkan_panel("beranda", "laporan/_beranda.html")

        # Idempotent: the schedules are found by name and updated, never duplicated.
        post_migrate.connect(daftarkan_jadwal, sender=self, dispatch_uid="laporan_jadwal_beat")
