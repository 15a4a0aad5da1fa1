"""The supervision scorecard tables (rows are dicts from laporan.selectors_program)."""

import django_tables2 as tables

ANGKA = {"td": {"class": "text-end"}, "th": {"class": "text-end"}}


class Angka(tables.Column):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", ANGKA)
        super().__init__(*args, **kwargs)


class SupervisiPenyuluhTable(tables.Table):
    nama = tables.Column(verbose_name="Penyuluh (PKB/PLKB)")
    desa_binaan = Angka(verbose_name="Desa binaan")
    laporan_tepat_waktu = Angka(verbose_name="Laporan tepat waktu")
    laporan_diharapkan = Angka(verbose_name="Laporan diharapkan")
    tepat_waktu_persen = Angka(verbose_name="Tepat waktu (%)")
    pertemuan = Angka(verbose_name="Pertemuan")
    kie = Angka(verbose_name="Sesi KIE")
    konseling = Angka(verbose_name="Konseling")
    status_desa = Angka(verbose_name="Desa status KB tersimpan/dikonfirmasi")
    dikonseling = Angka(verbose_name="PUS dikonseling")
    konversi_mkjp = Angka(verbose_name="Konversi MKJP (≤ 3 bulan)")
    tindak_lanjut_terlambat = Angka(verbose_name="Tindak lanjut terlambat")

    class Meta:
        template_name = "generic/tabel.html"
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = "Tidak ada penyuluh dengan desa binaan di wilayah Anda pada bulan ini."
        order_by = ("nama",)

    def render_tepat_waktu_persen(self, value):
        return f"{value:.2f}".replace(".", ",")


class SupervisiKaderTable(tables.Table):
    nama = tables.Column(verbose_name="Kader")
    institusi = tables.Column(verbose_name="Institusi")
    wilayah = tables.Column(verbose_name="Wilayah")
    pertemuan_hadir = Angka(verbose_name="Pertemuan dihadiri")
    kie_institusi = Angka(verbose_name="Sesi KIE institusi")
    konseling = Angka(verbose_name="Konseling")
    dikonseling = Angka(verbose_name="PUS dikonseling")
    konversi_mkjp = Angka(verbose_name="Konversi MKJP (≤ 3 bulan)")
    status_bulan_ini = tables.BooleanColumn(
        verbose_name="Status KB desa tersimpan/dikonfirmasi", yesno="Ya,Belum"
    )
    akseptor_digerakkan = Angka(verbose_name="Akseptor digerakkan")
    tindak_lanjut_terlambat = Angka(verbose_name="Tindak lanjut terlambat")

    class Meta:
        template_name = "generic/tabel.html"
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = "Belum ada kader aktif di wilayah Anda."
        order_by = ("nama",)
