from django.apps import AppConfig


class ImpSmartConfig(AppConfig):
    """The framework layer: system checks that know no domain, and the one model of background
    jobs (imp_smart/models.py, run by imp_smart/jobs.py)."""

    name = "imp_smart"
    verbose_name = "IMP Smart"

    def ready(self):
        from imp_smart.ekspor_pekerjaan import jenis_pekerjaan as jenis_ekspor
        from imp_smart.jobs import daftarkan

        daftarkan(jenis_ekspor())  # large list exports (imp_smart/ekspor_pekerjaan.py)
        from imp_smart import checks  # noqa: F401  (registers the checks)
        from imp_smart import kolom  # noqa: F401  (date columns without a template per cell)
