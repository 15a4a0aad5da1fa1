"""Tables of the group funds."""

import django_tables2 as tables

from imp_smart.angka import rupiah
from kader.models import Institusi, KelompokArisan
from kader.tables import ANGKA_DESKTOP, HANYA_DESKTOP, KANAN

# --- tables ----------------------------------------------------------------------------------


class KasTable(tables.Table):
    nama = tables.Column(
        linkify=("kader:dana:kas_detail", [tables.A("pk")]), verbose_name="Institusi"
    )
    jenis = tables.Column(attrs=HANYA_DESKTOP)
    wilayah = tables.Column(
        accessor="wilayah__nama",
        verbose_name="Wilayah",
        order_by="wilayah__kode",
        attrs=HANYA_DESKTOP,
    )
    saldo = tables.Column(verbose_name="Saldo (Rp)", attrs=KANAN)

    class Meta:
        model = Institusi
        fields = ("nama", "jenis", "wilayah", "saldo")
        empty_text = "Belum ada institusi di wilayah ini."

    def render_saldo(self, value):
        return rupiah(value)


class ArisanTable(tables.Table):
    nama = tables.Column(linkify=True)
    institusi = tables.Column(
        accessor="institusi__nama", verbose_name="Institusi", attrs=HANYA_DESKTOP
    )
    setoran = tables.Column(verbose_name="Setoran (Rp)", attrs=KANAN)
    jumlah_anggota = tables.Column(verbose_name="Anggota", attrs=ANGKA_DESKTOP)
    siklus = tables.Column(attrs=ANGKA_DESKTOP)
    aktif = tables.BooleanColumn(yesno="Aktif,Selesai")

    class Meta:
        model = KelompokArisan
        fields = ("nama", "institusi", "setoran", "jumlah_anggota", "siklus", "aktif")
        empty_text = "Belum ada kelompok arisan. Tekan Tambah untuk membentuk kelompok."

    def render_setoran(self, value):
        return rupiah(value)
