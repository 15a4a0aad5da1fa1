"""Tables of the pendataan app; every column's relation is selected in the view's queryset."""

import django_tables2 as tables

from imp_smart.kolom import KolomWaktu
from kader.tables import ANGKA_DESKTOP, HANYA_DESKTOP
from pendataan.models import Impor, Keluarga


class KeluargaTable(tables.Table):
    nama_kepala = tables.Column(linkify=True, verbose_name="Kepala keluarga")
    no_kk = tables.Column(
        verbose_name="No KK",
        accessor="no_kk_samar",
        orderable=False,
        attrs={
            "th": {"class": "d-none d-md-table-cell"},
            "td": {"class": "nik d-none d-md-table-cell"},
        },
    )
    desa = tables.Column(
        accessor="desa__nama", verbose_name="Desa", order_by="desa__kode", attrs=HANYA_DESKTOP
    )
    dusun = tables.Column(accessor="dusun__nama", verbose_name="Dusun", order_by="dusun__kode")
    rt = tables.Column(verbose_name="RT")
    tahapan_ks = tables.Column(verbose_name="Tahapan KS")
    jumlah_anggota = tables.Column(verbose_name="Anggota", orderable=False, attrs=ANGKA_DESKTOP)

    class Meta:
        model = Keluarga
        fields = ("nama_kepala", "no_kk", "desa", "dusun", "rt", "tahapan_ks", "jumlah_anggota")


class ImporTable(tables.Table):
    nama_berkas = tables.Column(linkify=True, verbose_name="Berkas")
    dibuat = KolomWaktu(
        accessor="diminta_pada",
        order_by="diminta_pada",
        format="j M Y H:i",
        verbose_name="Diunggah",
    )
    oleh = tables.Column(accessor="oleh__username", verbose_name="Oleh", attrs=HANYA_DESKTOP)
    jumlah_baris = tables.Column(verbose_name="Baris", attrs=ANGKA_DESKTOP)

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
