"""Tables of the pendataan app; every column's relation is selected in the view's queryset."""

import django_tables2 as tables

from pendataan.models import Impor, Keluarga


class KeluargaTable(tables.Table):
    nama_kepala = tables.Column(linkify=True, verbose_name="Kepala keluarga")
    no_kk = tables.Column(
        verbose_name="No KK",
        accessor="no_kk_samar",
        orderable=False,
        attrs={"td": {"class": "nik"}},
    )
    desa = tables.Column(accessor="desa__nama", verbose_name="Desa", order_by="desa__kode")
    dusun = tables.Column(accessor="dusun__nama", verbose_name="Dusun", order_by="dusun__kode")
    rt = tables.Column(verbose_name="RT")
    tahapan_ks = tables.Column(verbose_name="Tahapan KS")
    jumlah_anggota = tables.Column(
        verbose_name="Anggota", orderable=False, attrs={"td": {"class": "text-end"}}
    )

    class Meta:
        model = Keluarga
        fields = ("nama_kepala", "no_kk", "desa", "dusun", "rt", "tahapan_ks", "jumlah_anggota")


class ImporTable(tables.Table):
    nama_berkas = tables.Column(linkify=True, verbose_name="Berkas")
    dibuat = tables.DateTimeColumn(format="j M Y H:i", verbose_name="Diunggah")
    oleh = tables.Column(accessor="oleh__username", verbose_name="Oleh")

    class Meta:
        model = Impor
        fields = (
            "nama_berkas",
            "jenis",
            "status",
            "jumlah_baris",
            "jumlah_kesalahan",
            "dibuat",
            "oleh",
        )
