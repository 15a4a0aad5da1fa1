"""Widgets shared by the apps' filter forms."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


class PilihanCepat(forms.Select):
    """A select rendered in Python: Django renders each option through a template, which
    costs more than the whole query on a list with 167 desa or a thousand cadres.

    Every value and label goes through format_html (escaped once; a label that is already
    safe HTML is not escaped twice)."""

    def render(self, name, value, attrs=None, renderer=None):
        terpilih = "" if value is None else str(value)
        opsi = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (v, " selected" if str(v) == terpilih else "", label)
                for v, label in self._datar(self.choices)
            ),
        )
        atribut = flatatt(self.build_attrs(self.attrs, {**(attrs or {}), "name": name}))
        return format_html("<select{}>{}</select>", atribut, opsi)

    @staticmethod
    def _datar(choices):
        """Options of grouped choices are listed in order (groups are not used by filters)."""
        for v, label in choices:
            if isinstance(label, list | tuple):
                yield from label
            else:
                yield v, label
