"""Model choice filters whose options come from plain values.

Django's ModelChoiceField builds a model instance per option and reads them through a
server-side cursor (DECLARE/FETCH/CLOSE); a filter form with 167 desa and 179 institutions paid
more for that than for its list. `PilihanModelFilter` reads the options with one `values_list`
query and makes each label from those values (`label_nilai`: the columns and a function of them,
which must give what the model's __str__ gives). The queryset is the same scoped queryset as
before: it limits the options, and a posted value is still looked up in it (to_python), so a
value outside the user's areas is refused with the field's message.
"""

from collections.abc import Callable, Sequence

import django_filters
from django_filters import fields as filter_fields

from imp_smart.widgets import PilihanCepat

LabelNilai = tuple[Sequence[str], Callable[..., str]]


class IteratorNilai(filter_fields.ModelChoiceIterator):
    """(pk, label) pairs from one values_list query, read once per iterator (the widget keeps
    one: rendering, len() and bool() share the list)."""

    def __init__(self, field):
        super().__init__(field)
        self._pilihan: list[tuple[object, str]] | None = None

    def _baca(self) -> list[tuple[object, str]]:
        if self._pilihan is None:
            kolom, label = self.field.label_nilai
            self._pilihan = [
                (pk, label(*nilai)) for pk, *nilai in self.queryset.values_list("pk", *kolom)
            ]
        return self._pilihan

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
