from django.apps import AppConfig


class PertemuanConfig(AppConfig):
    name = "pertemuan"
    verbose_name = "Pertemuan"
