"""Tables of the group funds."""

import django_tables2 as tables

from kader.models import Institusi, KelompokArisan

# --- tables ----------------------------------------------------------------------------------

KANAN = {"td": {"class": "text-end"}, "th": {"class": "text-end"}}


class KasTable(tables.Table):
    nama = tables.Column(
        linkify=("kader:dana:kas_detail", [tables.A("pk")]), verbose_name="Institusi"
    )
    wilayah = tables.Column(
        accessor="wilayah__nama", verbose_name="Wilayah", order_by="wilayah__kode"
    )
    saldo = tables.Column(verbose_name="Saldo (Rp)", attrs=KANAN)

    class Meta:
        model = Institusi
        fields = ("nama", "jenis", "wilayah", "saldo")

    def render_saldo(self, value):
        return f"{value:,.0f}".replace(",", ".")


class ArisanTable(tables.Table):
    nama = tables.Column(linkify=True)
    institusi = tables.Column(accessor="institusi__nama", verbose_name="Institusi")
    setoran = tables.Column(verbose_name="Setoran (Rp)", attrs=KANAN)
    jumlah_anggota = tables.Column(verbose_name="Anggota", attrs=KANAN)
    siklus = tables.Column(attrs=KANAN)
    aktif = tables.BooleanColumn(yesno="Aktif,Selesai")

    class Meta:
        model = KelompokArisan
        fields = ("nama", "institusi", "setoran", "jumlah_anggota", "siklus", "aktif")

    def render_setoran(self, value):
        return f"{value:,.0f}".replace(",", ".")
