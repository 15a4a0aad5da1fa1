"""Tables of the programme activities; every column's relation is selected (or annotated) in
the view's queryset."""

import django_tables2 as tables

from imp_smart.kolom import KolomTanggal
from kader.tables import ANGKA_DESKTOP, HANYA_DESKTOP, KANAN
from pertemuan.models import KelompokMasyarakat, PelayananKB, Sosialisasi


class SosialisasiTable(tables.Table):
    tanggal = KolomTanggal(format="j M Y", linkify=True)
    judul = tables.Column(linkify=True, verbose_name="Judul/tema")
    jenis = tables.Column(attrs=HANYA_DESKTOP)
    sasaran = tables.Column(attrs=HANYA_DESKTOP)
    wilayah = tables.Column(
        accessor="wilayah__nama",
        verbose_name="Wilayah",
        order_by="wilayah__kode",
        attrs=HANYA_DESKTOP,
    )
    jumlah_terjangkau = tables.Column(verbose_name="Terjangkau", attrs=KANAN)
    jumlah_mitra = tables.Column(verbose_name="Mitra", attrs=ANGKA_DESKTOP)

    class Meta:
        model = Sosialisasi
        empty_text = "Belum ada sosialisasi yang dicatat."
        fields = (
            "tanggal",
            "judul",
            "jenis",
            "sasaran",
            "wilayah",
            "jumlah_terjangkau",
            "jumlah_mitra",
        )


class PelayananTable(tables.Table):
    tanggal = KolomTanggal(format="j M Y", linkify=True)
    judul = tables.Column(linkify=True, verbose_name="Kegiatan")
    jenis = tables.Column(attrs=HANYA_DESKTOP)
    wilayah = tables.Column(
        accessor="wilayah__nama",
        verbose_name="Desa/dusun",
        order_by="wilayah__kode",
        attrs=HANYA_DESKTOP,
    )
    tempat = tables.Column(attrs=HANYA_DESKTOP)
    jumlah_akseptor = tables.Column(verbose_name="Akseptor", attrs=KANAN)
    jumlah_mitra = tables.Column(verbose_name="Mitra", attrs=ANGKA_DESKTOP)

    class Meta:
        model = PelayananKB
        empty_text = "Belum ada pelayanan KB yang dicatat."
        fields = (
            "tanggal",
            "judul",
            "jenis",
            "wilayah",
            "tempat",
            "jumlah_akseptor",
            "jumlah_mitra",
        )


class KelompokTable(tables.Table):
    nama = tables.Column(linkify=True)
    jenis = tables.Column(attrs=HANYA_DESKTOP)
    wilayah = tables.Column(
        accessor="wilayah__nama", verbose_name="Desa/dusun", attrs=HANYA_DESKTOP
    )
    institusi_asal = tables.Column(accessor="institusi_asal__nama", verbose_name="Institusi asal")
    induk = tables.Column(accessor="induk__nama", verbose_name="Tumbuh dari", attrs=HANYA_DESKTOP)
    kader = tables.Column(accessor="kader__nama", verbose_name="Kader", attrs=HANYA_DESKTOP)
    jumlah_anggota = tables.Column(verbose_name="Anggota", attrs=KANAN)
    tanggal_mulai = KolomTanggal(format="j M Y", verbose_name="Mulai", attrs=HANYA_DESKTOP)

    class Meta:
        model = KelompokMasyarakat
        empty_text = "Belum ada kelompok masyarakat yang dicatat."
        fields = (
            "nama",
            "jenis",
            "wilayah",
            "institusi_asal",
            "induk",
            "kader",
            "jumlah_anggota",
            "tanggal_mulai",
        )
