"""Tables of the group funds, and the XLSX export helper every list uses (pertemuan too:
it lives here because pertemuan depends on kader, never the reverse)."""

import re
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

import django_tables2 as tables
from django.http import HttpResponse
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.timezone import localdate
from openpyxl import Workbook
from openpyxl.styles import Font

from kader.models import Institusi, KelompokArisan

MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KOLOM_BUKAN_DATA = {"aksi"}


def _nilai(bound_row, column):
    """A typed cell: numbers and dates stay numbers and dates; the rest is the shown text."""
    mentah = column.accessor.resolve(bound_row.record, quiet=True)
    if isinstance(mentah, (int, float, Decimal, date)) and not isinstance(mentah, bool):
        if isinstance(mentah, datetime):
            return mentah.replace(tzinfo=None)
        return mentah
    teks = bound_row.get_cell_value(column.name)
    return strip_tags(str(teks)).strip() if teks is not None else ""


def xlsx_dari_tabel(table, judul: str) -> HttpResponse:
    """Every row of `table` (not only the current page) as an XLSX download."""
    kolom = [c for c in table.columns if c.name not in KOLOM_BUKAN_DATA]
    wb = Workbook()
    ws = wb.active
    ws.title = re.sub(r"[\[\]:*?/\\]", " ", judul)[:31].strip() or "Data"
    ws.append([str(c.header) for c in kolom])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        ws.append([_nilai(row, c) for c in kolom])
    for i, c in enumerate(kolom, start=1):
        ws.column_dimensions[ws.cell(1, i).column_letter].width = max(12, len(str(c.header)) + 2)
    isi = BytesIO()
    wb.save(isi)
    nama = f"{slugify(judul)}-{localdate():%Y%m%d}.xlsx"
    resp = HttpResponse(isi.getvalue(), content_type=MIME_XLSX)
    resp["Content-Disposition"] = f'attachment; filename="{nama}"'
    return resp


class EksporXlsxMixin:
    """For list views (SingleTableMixin + FilterView): ?ekspor=xlsx downloads the filtered rows,
    and an 'Ekspor XLSX' button appears among the page actions."""

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        q = self.request.GET.copy()
        q["ekspor"] = "xlsx"
        q.pop("page", None)
        ctx["aksi_lain"] = [*ctx.get("aksi_lain", []), (f"?{q.urlencode()}", "Ekspor XLSX")]
        return ctx

    def render_to_response(self, context, **kwargs):
        if self.request.GET.get("ekspor") == "xlsx":
            tabel = self.get_table_class()(self.get_table_data())
            return xlsx_dari_tabel(tabel, str(context.get("judul") or "data"))
        return super().render_to_response(context, **kwargs)


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
