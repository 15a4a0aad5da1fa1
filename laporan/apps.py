from django.apps import AppConfig
from django.db.models.signals import post_migrate


class LaporanConfig(AppConfig):
    name = "laporan"
    verbose_name = "Laporan"

    def ready(self):
        from imp_smart.jobs import daftarkan
        from kader.panel import daftarkan_panel
        from laporan import dokumen_fidal
        from laporan.beat import daftarkan_jadwal
        from laporan.services_rekap import jenis_pekerjaan

        # Recap files are jobs of the one job engine (imp_smart.jobs).
        daftarkan(jenis_pekerjaan())
        daftarkan(dokumen_fidal.jenis_pekerjaan())  # F/I/Dal/13 PDF per kecamatan/kabupaten
        # kader's home page shows the cards registered by the apps above it (kader.panel).
        daftarkan_panel("beranda", "laporan/_beranda.html")

        # Reports are numbered per desa for the kept pages: a report saved in one desa leaves
        # the kept report lists of other areas standing (imp_smart.halaman).
        from imp_smart.halaman import daftarkan_bagian
        from laporan.models import LaporanDesa

        daftarkan_bagian(LaporanDesa._meta.db_table)

        # Idempotent: the schedules are found by name and updated, never duplicated.
        post_migrate.connect(daftarkan_jadwal, sender=self, dispatch_uid="laporan_jadwal_beat")
