"""XLSX export of list pages: every filtered row of a django-tables2 table, typed cells.

Shared by every app (kader is the app the others depend on)."""

import re
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

import django_tables2 as tables
from django.http import HttpRequest, HttpResponse
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.timezone import localdate
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KOLOM_BUKAN_DATA = {"aksi"}

# A cell that starts with one of these is read as a formula (or DDE) by Excel, LibreOffice and
# Google Sheets: "=HYPERLINK(...)" posted as a name would become a live link in an officer's
# spreadsheet (OWASP "CSV injection"). Every spreadsheet or CSV a user downloads goes through
# `sel_aman` (CSV) or `sel_xlsx` (XLSX).
AWAL_RUMUS = ("=", "+", "-", "@", "\t", "\r")


def rumus_berbahaya(nilai) -> bool:
    return isinstance(nilai, str) and nilai.startswith(AWAL_RUMUS)


def sel_aman(nilai):
    """A CSV cell: text a spreadsheet would read as a formula gets a leading apostrophe.
    Numbers, dates and None pass unchanged (a negative number is a number, not a formula)."""
    return "'" + nilai if rumus_berbahaya(nilai) else nilai


def baris_aman(baris):
    """`sel_aman` over a CSV row (a list/tuple of cells, or a dict of column -> cell)."""
    if isinstance(baris, dict):
        return {k: sel_aman(v) for k, v in baris.items()}
    return [sel_aman(v) for v in baris]


def sel_xlsx(ws, nilai):
    """An XLSX cell for `ws.append` (write-only or normal sheet): formula-like text becomes a
    text cell with Excel's quote prefix, shown exactly as typed and never evaluated."""
    if not rumus_berbahaya(nilai):
        return nilai
    sel = WriteOnlyCell(ws, value=nilai)
    sel.data_type = "s"
    sel.quotePrefix = True
    return sel


def baris_xlsx(ws, baris) -> list:
    """`sel_xlsx` over a row, ready for `ws.append`."""
    return [sel_xlsx(ws, v) for v in baris]


def _mentah_cukup(table, column) -> bool:
    """True when a cell can be exported as its raw value: a plain column without a custom
    render and without choices (saves rendering every cell through django-tables2)."""
    if type(column.column) is not tables.Column:
        return False
    if hasattr(table, f"render_{column.name}") or hasattr(table, f"value_{column.name}"):
        return False
    model = table._meta.model
    field = column.accessor.get_field(model) if model is not None else None
    return not getattr(field, "choices", None)


def _nilai(bound_row, column, mentah_cukup: bool):
    """A typed cell: numbers and dates stay numbers and dates; the rest is the shown text."""
    mentah = column.accessor.resolve(bound_row.record, quiet=True)
    if isinstance(mentah, (int, float, Decimal, date)) and not isinstance(mentah, bool):
        if isinstance(mentah, datetime):
            return mentah.replace(tzinfo=None)
        return mentah
    if mentah_cukup and (mentah is None or isinstance(mentah, str)):
        return mentah or ""
    teks = bound_row.get_cell_value(column.name)
    return strip_tags(str(teks)).strip() if teks is not None else ""


def xlsx_dari_tabel(table, judul: str) -> HttpResponse:
    """Every row of `table` (not only the current page) as an XLSX download (streamed
    write-only workbook: about 1 s per 4,000 rows)."""
    kolom = [c for c in table.columns if c.name not in KOLOM_BUKAN_DATA]
    cukup = [_mentah_cukup(table, c) for c in kolom]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(re.sub(r"[\[\]:*?/\\]", " ", judul)[:31].strip() or "Data")
    for i, c in enumerate(kolom, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(12, len(str(c.header)) + 2)
    kepala = []
    for c in kolom:
        sel = WriteOnlyCell(ws, value=str(c.header))
        sel.font = Font(bold=True)
        kepala.append(sel)
    ws.append(kepala)
    for row in table.rows:
        ws.append(baris_xlsx(ws, [_nilai(row, c, k) for c, k in zip(kolom, cukup, strict=True)]))
    isi = BytesIO()
    wb.save(isi)
    nama = f"{slugify(judul)}-{localdate():%Y%m%d}.xlsx"
    resp = HttpResponse(isi.getvalue(), content_type=MIME_XLSX)
    resp["Content-Disposition"] = f'attachment; filename="{nama}"'
    return resp


class EksporXlsxMixin:
    """For list views (SingleTableMixin + FilterView): ?ekspor=xlsx downloads the filtered rows,
    and an 'Ekspor XLSX' button appears among the page actions."""

    request: HttpRequest

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        q = self.request.GET.copy()
        q["ekspor"] = "xlsx"
        q.pop("page", None)
        ctx["aksi_lain"] = [*ctx.get("aksi_lain", []), (f"?{q.urlencode()}", "Ekspor XLSX")]
        return ctx

    def _ekspor(self) -> bool:
        return self.request.GET.get("ekspor") == "xlsx"

    def get_table_pagination(self, table):
        # The export takes every row: no page, no COUNT(*).
        return False if self._ekspor() else super().get_table_pagination(table)

    def render_to_response(self, context, **kwargs):
        if self._ekspor():  # the page's own table: filtered and sorted as the user sees it
            return xlsx_dari_tabel(context["table"], str(context.get("judul") or "data"))
        return super().render_to_response(context, **kwargs)
