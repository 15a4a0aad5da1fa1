"""Tables of the pertemuan app; every column's relation is selected in the view's queryset."""

import django_tables2 as tables
from django.utils.html import format_html

from kader.models import Kader
from pertemuan.models import Konseling, Pelatihan, Pertemuan, Poktan, SesiKIE, TindakLanjut

KANAN = {"td": {"class": "text-end"}, "th": {"class": "text-end"}}


class PertemuanTable(tables.Table):
    tanggal = tables.DateColumn(format="j M Y", linkify=True)
    judul = tables.Column(linkify=True)
    wilayah = tables.Column(
        accessor="wilayah__nama", verbose_name="Wilayah", order_by="wilayah__kode"
    )
    institusi = tables.Column(accessor="institusi__nama", verbose_name="Institusi")
    jumlah_kader = tables.Column(verbose_name="Kader hadir", attrs=KANAN)
    jumlah_undangan = tables.Column(verbose_name="Undangan hadir", attrs=KANAN)

    class Meta:
        model = Pertemuan
        fields = (
            "tanggal",
            "judul",
            "wilayah",
            "institusi",
            "tempat",
            "jumlah_kader",
            "jumlah_undangan",
        )


class TindakLanjutTable(tables.Table):
    batas_waktu = tables.DateColumn(format="j M Y", verbose_name="Batas waktu")
    uraian = tables.Column(verbose_name="Tindak lanjut", linkify=True)
    masalah = tables.Column(accessor="masalah__uraian", verbose_name="Masalah")
    penanggung_jawab = tables.Column()
    pertemuan = tables.Column(accessor="masalah__pertemuan__judul", verbose_name="Pertemuan")
    wilayah = tables.Column(accessor="masalah__pertemuan__wilayah__nama", verbose_name="Wilayah")
    status = tables.Column()

    class Meta:
        model = TindakLanjut
        fields = (
            "batas_waktu",
            "status",
            "uraian",
            "penanggung_jawab",
            "masalah",
            "pertemuan",
            "wilayah",
        )
        row_attrs = {"class": lambda record: "table-danger" if record.terlambat else ""}

    def render_status(self, record, value):
        if record.terlambat:
            return format_html('{} <span class="badge text-bg-danger">Terlambat</span>', value)
        return value


class SesiKIETable(tables.Table):
    tanggal = tables.DateColumn(format="j M Y", linkify=True)
    topik = tables.Column()
    wilayah = tables.Column(accessor="wilayah__nama", verbose_name="Desa/dusun")
    peserta_l = tables.Column(verbose_name="L", attrs=KANAN)
    peserta_p = tables.Column(verbose_name="P", attrs=KANAN)

    class Meta:
        model = SesiKIE
        fields = (
            "tanggal",
            "topik",
            "sasaran",
            "wilayah",
            "peserta_l",
            "peserta_p",
            "media",
            "penyaji",
        )


class KonselingTable(tables.Table):
    tanggal = tables.DateColumn(format="j M Y", linkify=True)
    anggota = tables.Column(accessor="anggota__nama", verbose_name="PUS")
    dusun = tables.Column(accessor="dusun__nama", verbose_name="Dusun")
    kader = tables.Column(accessor="kader__nama", verbose_name="Kader")
    tanggal_tindak_lanjut = tables.DateColumn(format="j M Y", verbose_name="Tindak lanjut")

    class Meta:
        model = Konseling
        fields = (
            "tanggal",
            "anggota",
            "dusun",
            "topik",
            "hasil",
            "metode",
            "faskes",
            "kader",
            "tanggal_tindak_lanjut",
        )


class PoktanTable(tables.Table):
    nama = tables.Column(linkify=True)
    wilayah = tables.Column(accessor="wilayah__nama", verbose_name="Desa/dusun")
    jumlah_anggota = tables.Column(verbose_name="Anggota", attrs=KANAN)
    jumlah_kegiatan = tables.Column(verbose_name="Kegiatan", attrs=KANAN)
    aktif = tables.BooleanColumn(yesno="Aktif,Nonaktif")

    class Meta:
        model = Poktan
        fields = ("nama", "jenis", "wilayah", "ketua", "jumlah_anggota", "jumlah_kegiatan", "aktif")


class PelatihanTable(tables.Table):
    judul = tables.Column(linkify=True)
    tanggal_mulai = tables.DateColumn(format="j M Y", verbose_name="Mulai")
    tanggal_selesai = tables.DateColumn(format="j M Y", verbose_name="Selesai")
    jumlah_peserta = tables.Column(verbose_name="Peserta", attrs=KANAN)

    class Meta:
        model = Pelatihan
        fields = (
            "judul",
            "penyelenggara",
            "tempat",
            "tanggal_mulai",
            "tanggal_selesai",
            "jumlah_peserta",
        )


class KaderBelumDilatihTable(tables.Table):
    nama = tables.Column(linkify=True)
    institusi = tables.Column(accessor="institusi__nama", verbose_name="Institusi")
    wilayah = tables.Column(accessor="institusi__wilayah__nama", verbose_name="Wilayah")
    aktif_sejak = tables.DateColumn(format="j M Y")

    class Meta:
        model = Kader
        fields = ("nama", "institusi", "wilayah", "telepon", "aktif_sejak")
