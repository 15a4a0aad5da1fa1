import django_tables2 as tables

from imp_smart.kolom import KolomTanggal, KolomTemplat, KolomWaktu
from kader.tables import HANYA_DESKTOP
from laporan.models import LaporanDesa


class LaporanTable(tables.Table):
    bulan = KolomTanggal(format="F Y", linkify=True, verbose_name="Bulan")
    desa = tables.Column(accessor="desa__nama", verbose_name="Desa")
    kecamatan = tables.Column(
        accessor="desa__kecamatan__nama", verbose_name="Kecamatan", attrs=HANYA_DESKTOP
    )
    status = KolomTemplat(
        template_name="laporan/_status_badge.html", verbose_name="Status", orderable=True
    )
    nihil = tables.BooleanColumn(verbose_name="Nihil", yesno="Ya,–", attrs=HANYA_DESKTOP)
    dikirim_pertama_pada = KolomWaktu(format="j M Y", verbose_name="Dikirim", attrs=HANYA_DESKTOP)

    class Meta:
        model = LaporanDesa
        fields = ("bulan", "desa", "kecamatan", "status", "nihil", "dikirim_pertama_pada")
        order_by = ("-bulan",)
        empty_text = "Belum ada laporan desa."
