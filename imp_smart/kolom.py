"""Table columns that render a cell without a Django template per cell.

django-tables2's DateColumn, DateTimeColumn and TemplateColumn render every cell through a
template with the page's RequestContext: a DateColumn compiles its template again for each cell,
and binding a RequestContext runs every context processor again (a 25-row list with three date
columns ran them 75 times: a third of the page's time). These columns write the same text:

- `KolomTanggal(format=...)`: `{{ value|date:format }}` (month names localised);
- `KolomWaktu(format=...)`: the same after converting an aware datetime to local time, as the
  `date` filter does;
- `KolomTemplat(template_name=... | template_code=...)`: the template compiled once, rendered
  with a plain Context of the cell (record, value, column, default, row_counter) and the
  column's extra_context, without the context processors (a cell template must not need them).

Imported in ImpSmartConfig.ready(): registered in django-tables2's column library, a date or
datetime field listed in a table's Meta.fields gets these columns too. It also remembers the
signatures django-tables2 reads with `inspect.signature` for every cell (which arguments a
column's render() takes): the same method has the same signature on every row.
"""

import functools
from datetime import date, datetime
from typing import Any

import django_tables2 as tables
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver
from django.template import Context, Template
from django.template.loader import get_template
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.formats import date_format
from django.utils.hashable import make_hashable
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django_tables2 import utils as tables_utils
from django_tables2.columns import library
from django_tables2.columns.base import LinkTransform


@library.register
class KolomTanggal(tables.DateColumn):
    empty_values = (None, "")  # the column's default, as `|default:default` did

    def __init__(self, format=None, short=True, *args, **kwargs):
        super().__init__(format, short, *args, **kwargs)
        self.format_tanggal = format or ("SHORT_DATE_FORMAT" if short else "DATE_FORMAT")

    @classmethod
    def from_field(cls, field, **kwargs):
        if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
            return cls(**kwargs)
        return None

    def render(self, value):
        if type(value) is date:  # the same date in the same format and language: written once
            return _tanggal(value, self.format_tanggal, get_language())
        try:
            return date_format(value, self.format_tanggal)
        except AttributeError:  # as the `date` filter: a value that is no date shows nothing
            return ""


@functools.lru_cache(maxsize=8192)
def _tanggal(value: date, format_tanggal: str, bahasa: str | None) -> str:
    """date_format of a date (month names in the active language, which `bahasa` keys)."""
    return date_format(value, format_tanggal)


@receiver(setting_changed)
def _format_berubah(*, setting, **kwargs):
    if "FORMAT" in setting or setting in ("LANGUAGE_CODE", "USE_THOUSAND_SEPARATOR"):
        _tanggal.cache_clear()


@library.register
class KolomWaktu(tables.DateTimeColumn):
    empty_values = (None, "")

    def __init__(self, format=None, short=True, *args, **kwargs):
        super().__init__(format, short, *args, **kwargs)
        self.format_tanggal = format or ("SHORT_DATETIME_FORMAT" if short else "DATETIME_FORMAT")

    @classmethod
    def from_field(cls, field, **kwargs):
        if isinstance(field, models.DateTimeField):
            return cls(**kwargs)
        return None

    def render(self, value):
        if isinstance(value, datetime) and timezone.is_aware(value):
            value = timezone.localtime(value)
        try:
            return date_format(value, self.format_tanggal)
        except AttributeError:
            return ""


@functools.lru_cache(maxsize=64)
def _templat_kode(kode: str) -> Template:
    return Template(kode)


class KolomTemplat(tables.TemplateColumn):
    def templat(self):
        if self.template_code:
            return _templat_kode(self.template_code)
        return get_template(self.template_name).template  # the cached loader's copy

    def render(self, record, table, value, bound_column, **kwargs):
        isi = self.get_context_data(
            record=record, table=table, value=value, bound_column=bound_column, **kwargs
        )
        return self.templat().render(Context(isi, autoescape=True))


_signature_asli = tables_utils.signature
_signature_simpanan: dict = {}


def _signature(fn):
    """django_tables2.utils.signature, remembered per function (a bound method: per the
    function behind it, whose signature without `self` is the same for every instance)."""
    fungsi = getattr(fn, "__func__", None)
    kunci = ("metode", fungsi) if fungsi is not None else fn
    try:
        hasil = _signature_simpanan.get(kunci)
    except TypeError:  # an unhashable callable
        return _signature_asli(fn)
    if hasil is None:
        if len(_signature_simpanan) > 2000:  # callables made on the fly: stay bounded
            _signature_simpanan.clear()
        hasil = _signature_simpanan[kunci] = _signature_asli(fn)
    return hasil


tables_utils.signature = _signature


# Cells of a row -----------------------------------------------------------------------------
#
# django-tables2's BoundRow.items() looks every column up by name in a linear scan, builds a new
# Accessor and walks the record twice (the path to the last object, then the whole path again),
# asks the model's _meta for the field on every cell and calls the column's render() through
# call_with_appropriate() even where it returns the value as it is. `sel_baris(row)` gives the
# same (bound column, cell) pairs with what does not change from row to row worked out once per
# table: the columns, each accessor's path and, per model class, its field. A record that is no
# model instance, a many-to-many column or any exception on the way takes django-tables2's own
# path, so the result is the same in every case.


class _Kolom:
    """What a bound column's cells share on every row."""

    __slots__ = (
        "bc",
        "jalur",
        "sisa",
        "bidang",
        "tampilan",
        "nilai_saja",
        "dari_nilai",
        "benar",
        "tautan_polos",
        "asli",
    )

    def __init__(self, bc) -> None:
        aksesor = tables_utils.Accessor(bc.accessor)
        jalur, _, sisa = aksesor.rpartition(aksesor.SEPARATOR)
        self.bc = bc
        self.jalur = tuple(jalur.split(aksesor.SEPARATOR)) if jalur else ()
        self.sisa = sisa
        self.bidang: dict = {}  # model class -> the accessor's field (get_field), or None
        self.tampilan: dict = {}  # model class -> Django's own get_<field>_display's dict, or None
        kolom = bc.column
        sendiri = getattr(bc.render, "__self__", None) is kolom  # no table render_<name>
        fungsi = getattr(bc.render, "__func__", None)
        # render() that returns the value as it is: skip the call; a render(value) of the date
        # columns above: called with the value alone.
        self.nilai_saja = sendiri and fungsi is tables.Column.render
        self.dari_nilai = sendiri and fungsi in (KolomTanggal.render, KolomWaktu.render)
        # BooleanColumn.render: the same <span> for every true (false) value of the column, unless
        # a <span> attribute is computed: {bool: html}, else None.
        span = kolom.attrs.get("span", {}) if isinstance(kolom, tables.BooleanColumn) else {}
        polos = not any(callable(v) for v in span.values())
        self.benar: dict | None = (
            {} if sendiri and fungsi is tables.BooleanColumn.render and polos else None
        )
        # linkify=True with no <a> attributes, URL function or reverse(): <a href="…">cell</a>.
        link = bc.link
        self.tautan_polos = (
            type(link) is LinkTransform
            and not link.attrs
            and not link.url
            and not link.reverse_args
        )
        self.asli = isinstance(kolom, tables.ManyToManyColumn)


def _langkah(objek, bit: str):
    """One step of Accessor.resolve on a model instance or another object (safe=True)."""
    try:
        objek = objek[bit]
    except (TypeError, AttributeError, KeyError):
        try:
            objek = getattr(objek, bit)
        except (TypeError, AttributeError):
            objek = objek[int(bit)]  # IndexError/ValueError/...: the caller's fallback
    if callable(objek):
        if getattr(objek, "alters_data", False):
            raise ValueError(bit)
        if not getattr(objek, "do_not_call_in_templates", False):
            objek = objek()
    return objek


def _label_pilihan(kelas, nama: str, bidang) -> dict | None:
    """{value: label} of a field with choices when the model's get_<nama>_display is the one
    Django made (Model._get_FIELD_display for that very field, which rebuilds this dict on every
    call), else None (the model defines its own: it is called)."""
    fungsi = getattr(kelas, f"get_{nama}_display", None)
    sebagian = getattr(fungsi, "_partialmethod", None) or getattr(fungsi, "__partialmethod__", None)
    if (
        sebagian is None
        or sebagian.func is not models.Model._get_FIELD_display  # type: ignore[attr-defined]
        or sebagian.keywords.get("field") is not bidang
    ):
        return None
    return dict(make_hashable(bidang.flatchoices))


def _rencana(table) -> list[_Kolom]:
    rencana = table.__dict__.get("_imp_rencana")
    if rencana is None:
        rencana = table.__dict__["_imp_rencana"] = [_Kolom(bc) for bc in table.columns]
    return rencana


def _isi(row, record, k: _Kolom):
    """BoundRow.get_cell(name) for a model record, or None to take django-tables2's path."""
    bc = k.bc
    objek = record
    for bit in k.jalur:
        objek = _langkah(objek, bit)
        if objek is None:
            break
    nilai = None
    sisa = k.sisa
    if isinstance(objek, models.Model):
        model = type(record)
        if model in k.bidang:
            bidang = k.bidang[model]
        else:
            bidang = k.bidang[model] = tables_utils.Accessor(bc.accessor).get_field(record)
        if getattr(bidang, "choices", ()):
            kelas = type(objek)
            if kelas not in k.tampilan:
                k.tampilan[kelas] = _label_pilihan(kelas, sisa, bidang)
            label = k.tampilan[kelas]
            if label is not None:  # what Model._get_FIELD_display gives, its dict built once
                mentah = getattr(objek, bidang.attname)
                try:
                    nilai = label.get(mentah, mentah)
                except TypeError:  # an unhashable value: Django's own path
                    nilai = getattr(objek, f"get_{sisa}_display")()
                else:
                    nilai = force_str(nilai, strings_only=True)
                sisa = ""
            elif tampil := getattr(objek, f"get_{sisa}_display", None):
                nilai = tampil()
                sisa = ""
    if sisa and objek is not None:
        nilai = _langkah(objek, sisa)
    kolom = bc.column
    if nilai in kolom.empty_values:
        return bc.default
    isi: Any
    if k.nilai_saja:
        isi = nilai
    elif k.dari_nilai:
        isi = bc.render(nilai)
    elif k.benar is not None:
        benar = kolom._get_bool_value(record, nilai, bc)
        if benar not in k.benar:  # what BooleanColumn.render writes for that value
            k.benar[benar] = tables.BooleanColumn.render(kolom, benar, None, bc)
        isi = k.benar[benar]
    else:
        return row._call_render(bc, nilai)
    if not bc.link:
        return isi
    if k.tautan_polos:  # LinkTransform.__call__ with an href only
        href = bc.link.compose_url(record=record, bound_column=bc)
        if href is None:
            return isi
        return mark_safe(f'<a href="{conditional_escape(href)}">{conditional_escape(isi)}</a>')
    return bc.link(isi, **row._optional_cell_arguments(bc, nilai))


def sel_baris(row):
    """(bound column, cell) of each visible column: BoundRow.items(), cheaper."""
    record = row.record
    hasil = []
    for k in _rencana(row.table):
        bc = k.bc
        sel = _TIDAK
        if not k.asli and isinstance(record, models.Model):
            try:
                sel = _isi(row, record, k)
            except Exception:  # as django-tables2 decides (a missing attribute, a link's text…)
                sel = _TIDAK
        if sel is _TIDAK:
            sel = row.get_cell(bc.name)
        bc.current_value = sel  # as items() does, for attrs computed from the row
        bc.current_record = record
        hasil.append((bc, sel))
    return hasil


_TIDAK = object()
