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

        # The home page's kader figures (kader.selectors.beranda_kader) are counted again after
        # a write to an area, institution, cadre or board.
        from kader.models import Institusi, Kader, Pengurus, Wilayah

        for model in (Wilayah, Institusi, Kader, Pengurus):
            for sinyal in (post_save, post_delete):
                sinyal.connect(_lupakan_kartu, sender=model, dispatch_uid=f"kartu_{model.__name__}")

        # The users' area ids kept in the shared cache (kader.scoping) are computed again after a
        # write to a profile, an assignment or an area.
        from django.contrib.auth.signals import user_logged_in

        from kader.models import Penugasan, Profil
        from kader.scoping import cakupan_saat_masuk, lupakan_cakupan

        user_logged_in.connect(cakupan_saat_masuk, dispatch_uid="cakupan_masuk")

        # The filters' options of areas, institutions and cadres may be cached (imp_smart.saringan).
        from imp_smart.saringan import daftarkan_model_opsi

        daftarkan_model_opsi(Wilayah, Institusi, Kader)

        for model in (Profil, Penugasan, Wilayah):
            for sinyal in (post_save, post_delete):
                uid = f"cakupan_{model.__name__}"
                sinyal.connect(lupakan_cakupan, sender=model, dispatch_uid=uid)

        # Kept pages of users who see more desas than pages follow one by one (the Dinas) may be
        # served a few seconds late (imp_smart.halaman, IMP_HALAMAN_BASI).
        from imp_smart.halaman import daftarkan_luas
        from kader.scoping import cakupan_luas

        daftarkan_luas(cakupan_luas)


def _lupakan_kartu(**kwargs) -> None:
    from imp_smart.kartu import lupakan_kartu

    lupakan_kartu("kader")
