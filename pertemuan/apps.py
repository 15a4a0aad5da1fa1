from django.apps import AppConfig


class PertemuanConfig(AppConfig):
    name = "pertemuan"
    verbose_name = "Pertemuan"

    def ready(self):
        from kader.panel import daftarkan_panel
        from kader.upgrading import daftarkan_pelatihan
        from pendataan.hook import daftarkan_konseling
        from pertemuan.hook import konseling_sejak, pelatihan_kader

        # Lower apps ask pertemuan through hooks they own (no upward import; README Architecture):
        # pendataan's worklist: "counselled since ...?"; kader's cadre page: trainings, meetings.
        daftarkan_konseling(konseling_sejak)
        daftarkan_pelatihan(pelatihan_kader)
        daftarkan_panel("kader_detail", "pertemuan/_kader_kegiatan.html")
        daftarkan_panel("beranda", "pertemuan/_beranda.html")
        daftarkan_panel("mitra_detail", "pertemuan/program/_mitra_kontribusi.html")

        # Counselling and meetings with their attendance are numbered per desa for the kept
        # pages: a counselling or meeting saved in one desa leaves the worklists, counselling and
        # meeting lists of the other desas standing (Konseling.wilayah_halaman,
        # Pertemuan.wilayah_halaman, services.pertemuan_catat_kehadiran).
        from django.db.models.signals import post_delete, post_save

        from imp_smart.halaman import daftarkan_bagian
        from pertemuan.models import HadirUndangan, Konseling, Masalah, Pertemuan, TindakLanjut

        daftarkan_bagian(
            Konseling._meta.db_table,
            Pertemuan._meta.db_table,
            Pertemuan.kader_hadir.through._meta.db_table,
            HadirUndangan._meta.db_table,
        )

        # The home card's follow-ups and meetings are kept a few minutes (imp_smart.kartu):
        # counted again after a write to a meeting, its problems and actions, or a counselling.
        for model in (Pertemuan, Masalah, TindakLanjut, Konseling):
            for sinyal in (post_save, post_delete):
                sinyal.connect(_lupakan_kartu, sender=model, dispatch_uid=f"kartu_{model.__name__}")


def _lupakan_kartu(**kwargs) -> None:
    from imp_smart.kartu import lupakan_kartu

    lupakan_kartu("pertemuan")
