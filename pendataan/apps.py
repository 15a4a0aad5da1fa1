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

        # The trigger-kept family counts per desa (migration 0004) change with the families: a
        # kept page that read the counts is stale after a write to the families
        # (imp_smart.halaman).
        from imp_smart.halaman import daftarkan_bagian, daftarkan_turunan
        from pendataan.models import Anggota, JumlahKeluargaDesa, Keluarga

        daftarkan_turunan(Keluarga._meta.db_table, JumlahKeluargaDesa._meta.db_table)
        # Families, members, their facts, mutations and KB statuses are numbered per desa too: a
        # family saved in one desa leaves the kept family lists, worklists and PUS pages of the
        # other desas standing (Keluarga, Anggota, RiwayatAnggota and Mutasi say their desa;
        # statuses say every desa their member lived in: services.status_tulis).
        from pendataan.models import Mutasi, PerubahanStatus, RiwayatAnggota

        daftarkan_bagian(
            Keluarga._meta.db_table,
            Anggota._meta.db_table,
            RiwayatAnggota._meta.db_table,
            Mutasi._meta.db_table,
            PerubahanStatus._meta.db_table,
        )

        # Its PUS figures are kept a few minutes (imp_smart.kartu): counted again after a write to
        # the register (statuses written in bulk renew them in services.status_tulis).
        from django.db.models.signals import post_delete, post_save

        from pendataan.models import Anggota, Keluarga, PerubahanStatus, RiwayatAnggota

        for model in (Keluarga, Anggota, RiwayatAnggota, PerubahanStatus):
            for sinyal in (post_save, post_delete):
                sinyal.connect(_lupakan_kartu, sender=model, dispatch_uid=f"kartu_{model.__name__}")


def _lupakan_kartu(**kwargs) -> None:
    from imp_smart.kartu import lupakan_kartu

    lupakan_kartu("pus")
