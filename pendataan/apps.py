from django.apps import AppConfig


class PendataanConfig(AppConfig):
    name = "pendataan"
    verbose_name = "Pendataan"

    def ready(self):
        from kader.panel import daftarkan_panel

        # kader's home page shows the cards registered by the apps above it (kader.panel).
        daftarkan_panel("beranda", "pendataan/_beranda.html")
