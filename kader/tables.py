"""Tables of the kader app; every column's relation is selected in the view's queryset."""

import django_tables2 as tables

from imp_smart.kolom import KolomTanggal, KolomWaktu
from kader.models import SK, Institusi, Kader, Mitra, Profil, Wilayah

# Column attrs shared by every app: right-aligned numbers, and secondary columns hidden on
# phones so that a list fits 360 px without sideways scrolling.
KANAN = {"td": {"class": "text-end"}, "th": {"class": "text-end"}}
HANYA_DESKTOP = {
    "th": {"class": "d-none d-md-table-cell"},
    "td": {"class": "d-none d-md-table-cell"},
}
ANGKA_DESKTOP = {
    "th": {"class": "d-none d-md-table-cell text-end"},
    "td": {"class": "d-none d-md-table-cell text-end"},
}


class InstitusiTable(tables.Table):
    # The fields its rows read: the list loads only these (a column reading another field must
    # be added here, or each row would read it with a query of its own).
    muat = (
        "nama",
        "jenis",
        "klasifikasi",
        "aktif",
        "wilayah__nama",
        "wilayah__kecamatan__nama",
    )

    nama = tables.Column(linkify=True)
    wilayah = tables.Column(
        verbose_name="Wilayah", accessor="wilayah__nama", order_by="wilayah__kode"
    )
    kecamatan = tables.Column(
        verbose_name="Kecamatan", accessor="wilayah__kecamatan__nama", attrs=HANYA_DESKTOP
    )
    klasifikasi = tables.Column(attrs=HANYA_DESKTOP)
    jumlah_kader = tables.Column(verbose_name="Kader", attrs=ANGKA_DESKTOP)
    aktif = tables.BooleanColumn(yesno="Aktif,Nonaktif", attrs=HANYA_DESKTOP)

    class Meta:
        model = Institusi
        empty_text = "Belum ada institusi di wilayah Anda."
        fields = ("nama", "jenis", "wilayah", "kecamatan", "klasifikasi", "jumlah_kader", "aktif")


class KaderTable(tables.Table):
    muat = (  # as InstitusiTable.muat; `nik` for nik_samar
        "nama",
        "nik",
        "jenis_kelamin",
        "telepon",
        "aktif",
        "institusi__nama",
        "institusi__wilayah__nama",
    )

    nama = tables.Column(linkify=True)
    nik = tables.Column(
        verbose_name="NIK",
        accessor="nik_samar",
        orderable=False,
        attrs={
            "th": {"class": "d-none d-md-table-cell"},
            "td": {"class": "nik d-none d-md-table-cell"},
        },
    )
    jenis_kelamin = tables.Column(verbose_name="L/P")
    institusi = tables.Column(accessor="institusi__nama", verbose_name="Institusi")
    desa = tables.Column(
        accessor="institusi__wilayah__nama", verbose_name="Wilayah", attrs=HANYA_DESKTOP
    )
    telepon = tables.Column(attrs=HANYA_DESKTOP)
    aktif = tables.BooleanColumn(yesno="Aktif,Nonaktif", attrs=HANYA_DESKTOP)

    class Meta:
        model = Kader
        empty_text = "Belum ada kader di wilayah Anda."
        fields = ("nama", "nik", "jenis_kelamin", "institusi", "desa", "telepon", "aktif")

    def render_jenis_kelamin(self, record):
        # The header says L/P: show the code, not "Perempuan", so the column stays narrow.
        return record.jenis_kelamin


class SKTable(tables.Table):
    nomor = tables.Column(linkify=True)
    tanggal = KolomTanggal(format="j M Y", attrs=HANYA_DESKTOP)
    berlaku_mulai = KolomTanggal(format="j M Y")
    berlaku_sampai = KolomTanggal(format="j M Y", attrs=HANYA_DESKTOP)
    tentang = tables.Column(attrs=HANYA_DESKTOP)
    jumlah_pengurus = tables.Column(verbose_name="Pengurus", attrs=ANGKA_DESKTOP)

    class Meta:
        model = SK
        empty_text = "Belum ada SK pengurus yang dicatat."
        fields = (
            "nomor",
            "tanggal",
            "tentang",
            "berlaku_mulai",
            "berlaku_sampai",
            "jumlah_pengurus",
        )


class MitraTable(tables.Table):
    nama = tables.Column(linkify=True)
    wilayah = tables.Column(accessor="wilayah__nama", verbose_name="Wilayah kerja")
    telepon = tables.Column(attrs=HANYA_DESKTOP)
    aktif = tables.BooleanColumn(attrs=HANYA_DESKTOP)
    jumlah_kontak = tables.Column(verbose_name="Kontak", attrs=ANGKA_DESKTOP)

    class Meta:
        model = Mitra
        empty_text = "Belum ada mitra yang dicatat."
        fields = ("nama", "jenis", "wilayah", "telepon", "jumlah_kontak", "aktif")


class WilayahTable(tables.Table):
    nama = tables.Column(linkify=True)
    kode = tables.Column(attrs=HANYA_DESKTOP)
    tingkat = tables.Column(attrs=HANYA_DESKTOP)
    kecamatan = tables.Column(
        accessor="kecamatan__nama", verbose_name="Kecamatan", attrs=HANYA_DESKTOP
    )
    jumlah_dusun = tables.Column(verbose_name="Dusun", attrs=KANAN)
    jumlah_institusi = tables.Column(verbose_name="Institusi", attrs=KANAN)

    class Meta:
        model = Wilayah
        empty_text = "Belum ada wilayah yang dicatat."
        fields = ("kode", "nama", "tingkat", "kecamatan", "jumlah_dusun", "jumlah_institusi")


class PenggunaTable(tables.Table):
    username = tables.Column(
        accessor="user__username",
        verbose_name="Nama pengguna",
        linkify=("kader:pengguna_update", [tables.A("pk")]),
    )
    nama = tables.Column(accessor="user__first_name", verbose_name="Nama")
    peran = tables.Column()
    wilayah = tables.Column(accessor="wilayah__nama", verbose_name="Wilayah", attrs=HANYA_DESKTOP)
    aktif = tables.BooleanColumn(accessor="user__is_active", yesno="Aktif,Nonaktif")
    masuk = KolomWaktu(
        accessor="user__last_login",
        verbose_name="Terakhir masuk",
        format="j M Y",
        attrs=HANYA_DESKTOP,
    )

    class Meta:
        model = Profil
        fields = ("username", "nama", "peran", "wilayah", "aktif", "masuk")
        empty_text = "Belum ada akun di wilayah Anda."
