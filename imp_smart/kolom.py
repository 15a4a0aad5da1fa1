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
from datetime import datetime

import django_tables2 as tables
from django.db import models
from django.template import Context, Template
from django.template.loader import get_template
from django.utils import timezone
from django.utils.formats import date_format
from django_tables2 import utils as tables_utils
from django_tables2.columns import library


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
        try:
            return date_format(value, self.format_tanggal)
        except AttributeError:  # as the `date` filter: a value that is no date shows nothing
            return ""


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
