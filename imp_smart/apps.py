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
        # checks registers the system checks; kolom, the table columns of model date fields.
        # halaman, the execute wrapper that notes what each statement reads and writes.
        from imp_smart import checks, halaman, kolom  # noqa: F401
        from imp_smart.izin import sambungkan

        sambungkan()  # a role or permission change makes every cached permission set stale
        from django.contrib.auth.signals import user_logged_in

        from imp_smart.sesi import catat_masuk

        user_logged_in.connect(catat_masuk, dispatch_uid="sesi_masuk")  # the expiry's first stamp
