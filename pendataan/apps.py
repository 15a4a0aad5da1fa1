from django.apps import AppConfig


class PendataanConfig(AppConfig):
    name = "pendataan"
    verbose_name = "Pendataan"

    def ready(self):
        from imp_smart.jobs import daftarkan
        from kader.panel import daftarkan_panel
        from pendataan.impor import jenis_pekerjaan

        # Uploads are jobs of the one job engine (imp_smart.jobs).
        daftarkan(jenis_pekerjaan())

        # kader's home page shows the cards registered by the apps above it (kader.panel).
        daftarkan_panel("beranda", "pendataan/_beranda.html")
