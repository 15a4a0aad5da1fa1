"""Tables of the pertemuan app; every column's relation is selected in the view's queryset."""

import django_tables2 as tables
from django.utils.html import format_html

from imp_smart.kolom import KolomTanggal
from kader.models import Kader
from kader.tables import ANGKA_DESKTOP, HANYA_DESKTOP, KANAN
from pertemuan.models import Konseling, Pelatihan, Pertemuan, Poktan, SesiKIE, TindakLanjut


class PertemuanTable(tables.Table):
    # The fields its rows read: the list loads only these, not the minutes (a column reading
    # another field must be added here, or each row would read it with a query of its own).
    muat = ("tanggal", "judul", "tempat", "wilayah__nama", "institusi__nama")

    tanggal = KolomTanggal(format="j M Y", linkify=True)
    judul = tables.Column(linkify=True)
    wilayah = tables.Column(
        accessor="wilayah__nama",
        verbose_name="Wilayah",
        order_by="wilayah__kode",
        attrs=HANYA_DESKTOP,
    )
    institusi = tables.Column(
        accessor="institusi__nama", verbose_name="Institusi", attrs=HANYA_DESKTOP
    )
    tempat = tables.Column(attrs=HANYA_DESKTOP)
    jumlah_kader = tables.Column(verbose_name="Kader hadir", attrs=KANAN)
    jumlah_undangan = tables.Column(verbose_name="Undangan hadir", attrs=ANGKA_DESKTOP)

    class Meta:
        model = Pertemuan
        empty_text = "Belum ada pertemuan yang dicatat."
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
    batas_waktu = KolomTanggal(format="j M Y", verbose_name="Batas waktu")
    uraian = tables.Column(verbose_name="Tindak lanjut", linkify=True)
    masalah = tables.Column(accessor="masalah__uraian", verbose_name="Masalah", attrs=HANYA_DESKTOP)
    penanggung_jawab = tables.Column(attrs=HANYA_DESKTOP)
    pertemuan = tables.Column(
        accessor="masalah__pertemuan__judul", verbose_name="Pertemuan", attrs=HANYA_DESKTOP
    )
    wilayah = tables.Column(
        accessor="masalah__pertemuan__wilayah__nama", verbose_name="Wilayah", attrs=HANYA_DESKTOP
    )
    status = tables.Column()

    class Meta:
        model = TindakLanjut
        empty_text = "Belum ada tindak lanjut pertemuan yang dicatat."
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
    tanggal = KolomTanggal(format="j M Y", linkify=True)
    topik = tables.Column()
    sasaran = tables.Column(attrs=HANYA_DESKTOP)
    wilayah = tables.Column(
        accessor="wilayah__nama", verbose_name="Desa/dusun", attrs=HANYA_DESKTOP
    )
    peserta_l = tables.Column(verbose_name="L", attrs=KANAN)
    peserta_p = tables.Column(verbose_name="P", attrs=KANAN)
    media_kie = tables.Column(attrs=HANYA_DESKTOP)
    penyaji = tables.Column(attrs=HANYA_DESKTOP)
    dipimpin_oleh = tables.Column(attrs=HANYA_DESKTOP)

    class Meta:
        model = SesiKIE
        empty_text = "Belum ada sesi KIE yang dicatat."
        fields = (
            "tanggal",
            "topik",
            "sasaran",
            "wilayah",
            "peserta_l",
            "peserta_p",
            "media_kie",
            "penyaji",
            "dipimpin_oleh",
        )


class KonselingTable(tables.Table):
    tanggal = KolomTanggal(format="j M Y", linkify=True)
    anggota = tables.Column(accessor="anggota__nama", verbose_name="PUS")
    dusun = tables.Column(accessor="dusun__nama", verbose_name="Dusun", attrs=HANYA_DESKTOP)
    topik = tables.Column(attrs=HANYA_DESKTOP)
    metode = tables.Column(attrs=HANYA_DESKTOP)
    faskes = tables.Column(attrs=HANYA_DESKTOP)
    kader = tables.Column(accessor="kader__nama", verbose_name="Kader", attrs=HANYA_DESKTOP)
    tanggal_tindak_lanjut = KolomTanggal(format="j M Y", verbose_name="Tindak lanjut")

    class Meta:
        model = Konseling
        empty_text = "Belum ada konseling yang dicatat."
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
    wilayah = tables.Column(
        accessor="wilayah__nama", verbose_name="Desa/dusun", attrs=HANYA_DESKTOP
    )
    ketua = tables.Column(attrs=HANYA_DESKTOP)
    jumlah_anggota = tables.Column(verbose_name="Anggota", attrs=KANAN)
    jumlah_kegiatan = tables.Column(verbose_name="Kegiatan", attrs=ANGKA_DESKTOP)
    aktif = tables.BooleanColumn(yesno="Aktif,Nonaktif", attrs=HANYA_DESKTOP)

    class Meta:
        model = Poktan
        empty_text = "Belum ada poktan di wilayah ini."
        fields = ("nama", "jenis", "wilayah", "ketua", "jumlah_anggota", "jumlah_kegiatan", "aktif")


class PelatihanTable(tables.Table):
    judul = tables.Column(linkify=True)
    jenis = tables.Column(verbose_name="Jenis", attrs=HANYA_DESKTOP)
    penyelenggara = tables.Column(attrs=HANYA_DESKTOP)
    tempat = tables.Column(attrs=HANYA_DESKTOP)
    tanggal_mulai = KolomTanggal(format="j M Y", verbose_name="Mulai")
    tanggal_selesai = KolomTanggal(format="j M Y", verbose_name="Selesai", attrs=HANYA_DESKTOP)
    jumlah_peserta = tables.Column(verbose_name="Peserta", attrs=KANAN)

    class Meta:
        model = Pelatihan
        empty_text = "Belum ada pelatihan yang dicatat."
        fields = (
            "judul",
            "jenis",
            "penyelenggara",
            "tempat",
            "tanggal_mulai",
            "tanggal_selesai",
            "jumlah_peserta",
        )


class KaderBelumDilatihTable(tables.Table):
    nama = tables.Column(linkify=True)
    institusi = tables.Column(accessor="institusi__nama", verbose_name="Institusi")
    wilayah = tables.Column(
        accessor="institusi__wilayah__nama", verbose_name="Wilayah", attrs=HANYA_DESKTOP
    )
    telepon = tables.Column(attrs=HANYA_DESKTOP)
    aktif_sejak = KolomTanggal(format="j M Y", attrs=HANYA_DESKTOP)

    class Meta:
        model = Kader
        empty_text = "Tidak ada kader aktif yang belum pernah mengikuti pelatihan."
        fields = ("nama", "institusi", "wilayah", "telepon", "aktif_sejak")
