from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save


class KaderConfig(AppConfig):
    name = "kader"
    verbose_name = "Kader & wilayah"

    def ready(self):
        from imp_smart.jobs import daftarkan
        from kader.draft_sk import jenis_pekerjaan
        from kader.peran import sinkron_peran

        # The whole-kabupaten draft SK is a job of the one job engine (imp_smart.jobs).
        daftarkan(jenis_pekerjaan())

        # Runs after every app's migrate; groups get whatever permissions exist by then.
        post_migrate.connect(sinkron_peran, dispatch_uid="kader_sinkron_peran")

        # The office's identity: the admin record over the settings (imp_smart.daerah).
        from imp_smart import daerah
        from kader.models.profil import ProfilDinas, baca_profil

        daerah.daftarkan_sumber(baca_profil)
        for sinyal in (post_save, post_delete):
            sinyal.connect(daerah.lupakan_identitas, sender=ProfilDinas, dispatch_uid="identitas")
