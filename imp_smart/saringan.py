"""Model choice filters whose options come from plain values.

Django's ModelChoiceField builds a model instance per option and reads them through a
server-side cursor (DECLARE/FETCH/CLOSE); a filter form with 167 desa and 179 institutions paid
more for that than for its list. `PilihanModelFilter` reads the options with one `values_list`
query and makes each label from those values (`label_nilai`: the columns and a function of them,
which must give what the model's __str__ gives). The queryset is the same scoped queryset as
before: it limits the options, and a posted value is still looked up in it (to_python), so a
value outside the user's areas is refused with the field's message.

The options, and their HTML, are kept in the shared cache (imp_smart.tembolok) when every table
the options' query reads belongs to a model registered with `daftarkan_model_opsi()` (the apps
register the areas, institutions and cadres): a write to any of those models draws a new
generation (signals), a write that sends none (QuerySet.update, raw SQL) is bounded by
`UMUR_OPSI`. The key is the query's SQL and parameters, so each scope (the user's area ids are
parameters) and each chosen desa has its own entry. The value chosen is marked when the select
is written; it is never part of the cached HTML.
"""

import hashlib
import html
import re
from collections.abc import Callable, Sequence

import django_filters
from django.db.models.signals import post_delete, post_save
from django_filters import fields as filter_fields

from imp_smart import tembolok
from imp_smart.halaman import catat_tabel
from imp_smart.widgets import PilihanCepat

LabelNilai = tuple[Sequence[str], Callable[..., str]]

KUNCI_GENERASI_OPSI = "imp:opsi:generasi"
UMUR_OPSI = 10 * 60
_TABEL_OPSI: set[str] = set()  # db tables of the registered models
_TABEL_SQL = re.compile(r'(?:FROM|JOIN)\s+"([^"]+)"')


def lupakan_opsi(**kwargs) -> None:
    """Every cached option list is stale (a signal receiver; also callable by hand)."""
    tembolok.generasi_baru(KUNCI_GENERASI_OPSI)


def daftarkan_model_opsi(*models) -> None:
    """Option lists read only from these models' tables may be cached; a write to one of them
    makes every cached list stale. Called from the apps' ready()."""
    for model in models:
        _TABEL_OPSI.add(model._meta.db_table)
        for sinyal in (post_save, post_delete):
            sinyal.connect(lupakan_opsi, sender=model, dispatch_uid=f"opsi_{model._meta.label}")


class IteratorNilai(filter_fields.ModelChoiceIterator):
    """(pk, label) pairs from one values_list query, read once per iterator (the widget keeps
    one: rendering, len() and bool() share the list); with `html_opsi()`, the escaped <option>s
    of those pairs, cached with them where the query allows (see the module's doc)."""

    def __init__(self, field):
        super().__init__(field)
        self._isi: tuple[list[tuple[object, str]], str] | None = None

    def _hitung(self) -> tuple[list[tuple[object, str]], str]:
        kolom, label = self.field.label_nilai
        pilihan = [(pk, label(*nilai)) for pk, *nilai in self.queryset.values_list("pk", *kolom)]
        esc = html.escape
        opsi = "".join(f'<option value="{esc(str(v))}">{esc(str(t))}</option>' for v, t in pilihan)
        return pilihan, opsi

    def _kunci(self) -> str | None:
        """The cache key of this query, or None when it reads a table no registered model owns
        (or cannot be compiled to SQL, e.g. an empty IN list)."""
        try:
            kueri = self.queryset.values_list("pk", *self.field.label_nilai[0]).query
            sql, params = kueri.sql_with_params()
        except Exception:  # EmptyResultSet and the like: not worth a cache entry
            return None
        tabel = set(_TABEL_SQL.findall(sql))
        if not tabel or not tabel <= _TABEL_OPSI:
            return None
        catat_tabel(*tabel)  # a kept page that offers these options read these tables
        fungsi = self.field.label_nilai[1]
        asal = f"{fungsi.__module__}.{fungsi.__qualname__}|{sql}|{params!r}"
        return "imp:opsi:" + hashlib.sha256(asal.encode()).hexdigest()

    def _baca_semua(self) -> tuple[list[tuple[object, str]], str]:
        if self._isi is None:
            kunci = self._kunci() if _TABEL_OPSI else None
            if kunci is None:
                self._isi = self._hitung()
            else:
                self._isi = tembolok.simpanan(KUNCI_GENERASI_OPSI, kunci, self._hitung, UMUR_OPSI)
        return self._isi

    def _baca(self) -> list[tuple[object, str]]:
        return self._baca_semua()[0]

    def html_opsi(self) -> str:
        """The escaped <option> elements of the model's rows (not the empty or null option)."""
        return self._baca_semua()[1]

    def _tambahan(self) -> list[tuple[object, str]]:
        awal: list[tuple[object, str]] = []
        if self.field.empty_label is not None:
            awal.append(("", self.field.empty_label))
        if self.field.null_label is not None:
            awal.append((self.field.null_value, self.field.null_label))
        return awal

    def __iter__(self):
        yield from self._tambahan()
        yield from self._baca()

    def __len__(self):
        return len(self._tambahan()) + len(self._baca())

    def __bool__(self):
        return bool(self._tambahan()) or bool(self._baca())


class PilihanModelField(filter_fields.ModelChoiceField):
    """django-filter's ModelChoiceField with options from values (IteratorNilai)."""

    iterator = IteratorNilai

    def __init__(self, *args, label_nilai: LabelNilai, **kwargs):
        self.label_nilai = label_nilai
        super().__init__(*args, **kwargs)


class PilihanModelFilter(django_filters.ModelChoiceFilter):
    """A ModelChoiceFilter (queryset may be a callable of the request, as usual) whose options
    are read as values and written by PilihanCepat. `label_nilai=(columns, function)`: the
    option label from those columns, equal to str() of the object."""

    field_class = PilihanModelField

    def __init__(self, *args, label_nilai: LabelNilai, **kwargs):
        kwargs.setdefault("widget", PilihanCepat)
        super().__init__(*args, label_nilai=label_nilai, **kwargs)
