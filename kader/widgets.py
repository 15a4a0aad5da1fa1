"""Widgets shared by the apps' filter forms."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe


class PilihanCepat(forms.Select):
    """A select rendered in Python: Django renders each option through a template, which
    costs more than the whole query on a list with 167 desa or a thousand cadres."""

    def render(self, name, value, attrs=None, renderer=None):
        terpilih = "" if value is None else str(value)
        opsi = "".join(
            f'<option value="{escape(v)}"{" selected" if str(v) == terpilih else ""}>'
            f"{escape(label)}</option>"
            for v, label in self.choices
        )
        atribut = flatatt(self.build_attrs(self.attrs, {**(attrs or {}), "name": name}))
        return mark_safe(f"<select{atribut}>{opsi}</select>")
