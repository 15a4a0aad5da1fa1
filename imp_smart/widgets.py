"""Widgets shared by the apps' filter forms."""

import html

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe


def _escape(teks) -> str:
    """Django's conditional_escape without its per-call overhead (a thousand options): safe HTML
    stays as it is, anything else is escaped like django.utils.html.escape."""
    return teks.__html__() if hasattr(teks, "__html__") else html.escape(str(teks))


class PilihanCepat(forms.Select):
    """A select rendered in Python: Django renders each option through a template, which
    costs more than the whole query on a list with 167 desa or a thousand cadres.

    Every value and label goes through format_html (escaped once; a label that is already
    safe HTML is not escaped twice)."""

    def render(self, name, value, attrs=None, renderer=None):
        terpilih = "" if value is None else str(value)
        esc = _escape
        html_opsi = getattr(self.choices, "html_opsi", None)
        if html_opsi is None:
            sumber = self._datar(self.choices)
            badan = ""
        else:  # imp_smart.saringan: the rows' options come written (and perhaps cached)
            sumber = iter(self.choices._tambahan())
            badan = html_opsi()
            if terpilih:
                cari = f'<option value="{html.escape(terpilih)}">'
                badan = badan.replace(cari, f"{cari[:-1]} selected>", 1)
        # format_html per option tripled the cost (1,000 options: 22 → 64 ms); every piece is
        # escaped here instead, and only that escaped text is marked safe.
        opsi = "".join(
            f'<option value="{esc(v)}"{" selected" if str(v) == terpilih else ""}>{esc(label)}'
            "</option>"
            for v, label in sumber
        )
        atribut = flatatt(self.build_attrs(self.attrs, {**(attrs or {}), "name": name}))
        return format_html("<select{}>{}</select>", atribut, mark_safe(opsi + badan))

    @staticmethod
    def _datar(choices):
        """Options of grouped choices are listed in order (groups are not used by filters)."""
        for v, label in choices:
            if isinstance(label, list | tuple):
                yield from label
            else:
                yield v, label
