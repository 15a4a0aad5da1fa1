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
