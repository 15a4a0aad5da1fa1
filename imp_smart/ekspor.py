"""XLSX export of list pages: every filtered row of a django-tables2 table, typed cells.

Shared by every app. A list longer than `IMP_EKSPOR_LANGSUNG` rows is not written inside the
request: `EksporXlsxMixin` asks for a background job instead (imp_smart/ekspor_pekerjaan.py),
which calls the same view again as the same user and writes the file with this module."""

import re
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

import django_tables2 as tables
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.html import strip_tags
from django_tables2.rows import BoundRow
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from imp_smart import ekspor_pekerjaan

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


def jumlah_baris(table) -> int:
    """The rows an export of `table` writes: one COUNT(*) for a queryset (never loads it)."""
    data = table.data.data
    return data.count() if isinstance(data, QuerySet) else len(data)


def _baris_tabel(table, alir: bool):
    """The table's rows; `alir`: a queryset is read in chunks (a server-side cursor), so that a
    district-wide list does not sit in memory whole."""
    data = table.data.data
    if alir and isinstance(data, QuerySet) and not any(table.rows.pinned_data.values()):
        for record in data.iterator(chunk_size=ekspor_pekerjaan.LANGKAH_LAPOR):
            yield BoundRow(record, table=table)
    else:
        yield from table.rows


def xlsx_isi(table, judul: str, *, alir: bool = False, lapor=None) -> bytes:
    """Every row of `table` (not only the current page) as XLSX bytes (streamed write-only
    workbook: 1,000 to 4,000 rows a second, by the table). `lapor(written, total)` every
    few thousand rows."""
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
    jumlah = jumlah_baris(table) if lapor else 0
    for n, row in enumerate(_baris_tabel(table, alir), start=1):
        ws.append(baris_xlsx(ws, [_nilai(row, c, k) for c, k in zip(kolom, cukup, strict=True)]))
        if lapor and n % ekspor_pekerjaan.LANGKAH_LAPOR == 0:
            lapor(n, jumlah)
    isi = BytesIO()
    wb.save(isi)
    return isi.getvalue()


def respons_xlsx(isi: bytes, judul: str) -> HttpResponse:
    resp = HttpResponse(isi, content_type=MIME_XLSX)
    resp["Content-Disposition"] = f'attachment; filename="{ekspor_pekerjaan.nama_xlsx(judul)}"'
    return resp


def xlsx_dari_tabel(table, judul: str) -> HttpResponse:
    """Every row of `table` (not only the current page) as an XLSX download."""
    return respons_xlsx(xlsx_isi(table, judul), judul)


class EksporXlsxMixin:
    """For list views (SingleTableMixin + FilterView): ?ekspor=xlsx downloads the filtered rows,
    and an 'Ekspor XLSX' button appears among the page actions. Up to `IMP_EKSPOR_LANGSUNG`
    rows the file comes at once; a longer list becomes a background job (the user is sent to
    its progress page, imp_smart/ekspor_pekerjaan.py), which calls this view again as the
    same user and lands in the `latar` branch below."""

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
        if not self._ekspor():
            return super().render_to_response(context, **kwargs)
        # The page's own table: filtered, scoped and sorted as the user sees it.
        table, judul = context["table"], str(context.get("judul") or "data")
        latar = getattr(self.request, ekspor_pekerjaan.ATRIBUT_LATAR, None)
        if latar is not None:  # inside the export job
            return respons_xlsx(xlsx_isi(table, judul, alir=True, lapor=latar.lapor), judul)
        jumlah = jumlah_baris(table)
        if jumlah > ekspor_pekerjaan.batas_langsung():
            p = ekspor_pekerjaan.ekspor_minta(self.request, judul=judul, jumlah=jumlah)
            return redirect("ekspor_pekerjaan", pk=p.pk)
        return respons_xlsx(xlsx_isi(table, judul), judul)
