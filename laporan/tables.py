import html
from datetime import datetime

import django_tables2 as tables
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe

from imp_smart.tautan import url_pk
from kader.tables import HANYA_DESKTOP
from laporan.models import LaporanDesa
from laporan.selectors import WARNA_SEL


class KolomBulan(tables.Column):
    """The report's month ("Maret 2025") linked to the report: what KolomTanggal with
    linkify=True writes, with the link from url_pk instead of a reverse() per row and each
    month's name formatted once per table (django-tables2 copies the columns per table)."""

    def render(self, value, record):
        teks = self.__dict__.setdefault("_teks", {})
        if value not in teks:
            teks[value] = html.escape(date_format(value, "F Y"))
        href = html.escape(url_pk("laporan:detail", record.pk))
        return mark_safe(f'<a href="{href}">{teks[value]}</a>')  # noqa: S308


class KolomHari(tables.Column):
    """A moment as its local date ("3 Des 2026"), as KolomWaktu(format="j M Y") writes it,
    each day formatted once per table."""

    def render(self, value):
        if isinstance(value, datetime) and timezone.is_aware(value):
            value = timezone.localtime(value)
        hari = value.date() if isinstance(value, datetime) else value
        teks = self.__dict__.setdefault("_teks", {})
        if hari not in teks:
            teks[hari] = date_format(value, "j M Y")
        return teks[hari]


class KolomStatus(tables.Column):
    """The status as a coloured badge (laporan/_status_badge.html, written in Python: a
    template per row cost more than the rest of the row)."""

    def render(self, value, record):
        kelas = html.escape(WARNA_SEL.get(str(record.status), "text-bg-light"))
        return mark_safe(f'<span class="badge {kelas}">{html.escape(str(value))}</span>')  # noqa: S308


class LaporanTable(tables.Table):
    bulan = KolomBulan(verbose_name="Bulan")
    desa = tables.Column(accessor="desa__nama", verbose_name="Desa")
    kecamatan = tables.Column(
        accessor="desa__kecamatan__nama", verbose_name="Kecamatan", attrs=HANYA_DESKTOP
    )
    status = KolomStatus(verbose_name="Status")
    nihil = tables.BooleanColumn(verbose_name="Nihil", yesno="Ya,–", attrs=HANYA_DESKTOP)
    dikirim_pertama_pada = KolomHari(verbose_name="Dikirim", attrs=HANYA_DESKTOP)

    class Meta:
        model = LaporanDesa
        fields = ("bulan", "desa", "kecamatan", "status", "nihil", "dikirim_pertama_pada")
        order_by = ("-bulan",)
        empty_text = "Belum ada laporan desa."
