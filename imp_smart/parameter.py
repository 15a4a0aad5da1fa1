"""Query-string parameters read in one place: a bad value falls back to the default, never a 500.

Every view reads its page, page size, sort, year, month and dates through these functions, so a
hand-edited or stale URL (`?per_page=-5`, `?tahun=abc`, `?bulan=2026-13`, `?page=99999`) shows
the page with its default instead of a server error. The tables of list views are configured by
`KonfigurasiTabel` (django-tables2's `RequestConfig` with the same rules), which
`TabelAmanMixin` puts in front of `SingleTableMixin`. In a filter form, `TahunFilter` is the
same year rule as a field (the error shows on the field), and `SaringanPesanMixin` repeats a
filter's errors in a message (django-filter's strict FilterView then lists no rows).
"""

import re
from datetime import date

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import FieldError
from django.core.paginator import EmptyPage
from django_tables2 import RequestConfig
from django_tables2.utils import OrderBy

TAHUN_MIN, TAHUN_MAX = 2000, 2100  # plausible years of the app's records
PER_PAGE_MIN, PER_PAGE_MAX = 10, 100
_ANGKA = re.compile(r"-?[0-9]{1,12}")
URUT_MAKS = 3  # at most this many sort keys (each one is an ORDER BY term)


def _teks(request, nama: str) -> str:
    nilai = request.GET.get(nama, "")
    return nilai.strip() if isinstance(nilai, str) else ""


def angka(teks: str | None, default, *, min: int | None = None, max: int | None = None):
    """A decimal integer within [min, max]; anything else (text, junk, out of range) → default."""
    teks = (teks or "").strip()
    if not _ANGKA.fullmatch(teks):
        return default
    nilai = int(teks)
    if (min is not None and nilai < min) or (max is not None and nilai > max):
        return default
    return nilai


def angka_param(request, nama: str, default, *, min=None, max=None):
    """`?nama=` as an integer within [min, max], else `default`."""
    return angka(_teks(request, nama), default, min=min, max=max)


def tahun_param(request, nama: str = "tahun", default=None, *, min=TAHUN_MIN, max=TAHUN_MAX):
    """`?tahun=` as a year within [min, max], else `default`."""
    return angka_param(request, nama, default, min=min, max=max)


def bulan(teks: str | None, default=None, *, min=TAHUN_MIN, max=TAHUN_MAX):
    """'YYYY-MM' → the first day of that month (year within [min, max]); anything else → default."""
    bagian = (teks or "").strip().split("-")
    if len(bagian) != 2:
        return default
    tahun, bln = angka(bagian[0], None, min=min, max=max), angka(bagian[1], None, min=1, max=12)
    if tahun is None or bln is None:
        return default
    return date(tahun, bln, 1)


def bulan_param(request, nama: str = "bulan", default=None, *, min=TAHUN_MIN, max=TAHUN_MAX):
    """`?bulan=YYYY-MM` → the month's first day, else `default`."""
    return bulan(_teks(request, nama), default, min=min, max=max)


def tanggal(teks: str | None, default=None, *, min=TAHUN_MIN, max=TAHUN_MAX):
    """'YYYY-MM-DD' → a date (year within [min, max]); anything else → default."""
    teks = (teks or "").strip()
    if len(teks) != 10 or not teks.isascii():
        return default
    try:
        hasil = date.fromisoformat(teks)
    except ValueError:
        return default
    return hasil if min <= hasil.year <= max else default


def tanggal_param(request, nama: str, default=None, *, min=TAHUN_MIN, max=TAHUN_MAX):
    """`?nama=YYYY-MM-DD` → a date, else `default`."""
    return tanggal(_teks(request, nama), default, min=min, max=max)


def halaman_param(request, nama: str = "page") -> int:
    """Page number ≥ 1; text, zero or negative → 1 (a page past the last is the paginator's)."""
    return angka_param(request, nama, 1, min=1, max=10**9)


def per_page_param(request, nama: str = "per_page", default: int = 25) -> int:
    """Rows per page: a positive number is clamped to [10, 100]; anything else → default."""
    nilai = angka_param(request, nama, None, min=1)
    if nilai is None:
        return default
    return max(PER_PAGE_MIN, min(PER_PAGE_MAX, nilai))


def urut_param(request, table, nama: str | None = None) -> list[str]:
    """The sort keys of `?sort=` that name an orderable column of `table` (at most 3)."""
    nama = nama or table.prefixed_order_by_field
    hasil = []
    for teks in request.GET.getlist(nama)[:URUT_MAKS]:
        for alias in teks.split(",")[:URUT_MAKS]:
            alias, bare = alias.strip(), OrderBy(alias.strip()).bare
            if bare in table.columns and table.columns[bare].orderable and alias not in hasil:
                hasil.append(alias)
    return hasil[:URUT_MAKS]


class KonfigurasiTabel(RequestConfig):
    """`RequestConfig` that reads sort, page and page size through the functions above.

    A sort key the database cannot order by (a column computed in Python) is dropped; a page
    past the last shows the last page, a page that is not a positive number shows the first."""

    def configure(self, table):
        table.request = self.request
        self._urutkan(table)
        if not self.paginate:
            return table
        kwargs = dict(self.paginate) if hasattr(self.paginate, "items") else {}
        kwargs.pop("silent", None)
        kwargs["per_page"] = per_page_param(
            self.request, table.prefixed_per_page_field, kwargs.get("per_page") or 25
        )
        halaman = halaman_param(self.request, table.prefixed_page_field)
        try:
            table.paginate(page=halaman, **kwargs)
        except EmptyPage:
            table.page = table.paginator.page(table.paginator.num_pages)
        return table

    def _urutkan(self, table) -> None:
        urut = urut_param(self.request, table)
        if not urut:
            return
        awal_urut, awal_data = table.order_by, table.data.data
        try:
            # A queryset checks the names when ordered; a list compares values when sorted.
            table.order_by = urut
        except (FieldError, TypeError):
            table.data.data = awal_data
            table._order_by = awal_urut


class TabelAmanMixin:
    """Put before `SingleTableMixin`: the table's sort and paging come from `KonfigurasiTabel`."""

    def get_table(self, **kwargs):
        table = self.get_table_class()(data=self.get_table_data(), **kwargs)
        paginate = self.get_table_pagination(table)
        return KonfigurasiTabel(self.request, paginate=paginate).configure(table)


def pesan_saringan(form) -> str:
    """'Saringan tidak berlaku, …: Tahun: …' from a filter form's errors."""
    bagian = []
    for nama, galat in form.errors.items():
        teks = " ".join(galat)
        bidang = form.fields.get(nama)
        bagian.append(f"{bidang.label or nama}: {teks}" if bidang else teks)
    return "Saringan tidak berlaku, periksa isiannya. " + "; ".join(bagian)


class SaringanPesanMixin:
    """For a FilterView (strict: an invalid filter shows no rows): the errors sit on the fields
    and, for a phone whose filter card is collapsed, also in a message above the page."""

    def get(self, request, *args, **kwargs):
        respons = super().get(request, *args, **kwargs)
        if self.filterset.is_bound and not self.filterset.is_valid():
            messages.warning(request, pesan_saringan(self.filterset.form))
        return respons


class TahunFilter(django_filters.NumberFilter):
    """A year filter (`field_name="…__year"`): a whole number in [2000, 2100], else a field error.

    A `__year` lookup builds dates, so `-1` or `99999` must never reach the queryset."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", TAHUN_MIN)
        kwargs.setdefault("max_value", TAHUN_MAX)
        super().__init__(*args, **kwargs)
