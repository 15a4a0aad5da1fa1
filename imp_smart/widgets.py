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


# Django's input widgets whose template is only `{% include "django/forms/widgets/input.html" %}`.
_TEMPLATE_INPUT = frozenset(
    f"django/forms/widgets/{n}.html"
    for n in ("input", "text", "date", "number", "hidden", "search", "email", "url", "tel")
    + ("time", "datetime", "password")
)
# Multi-input templates: what they write after the first input ({% spaceless %}: whitespace
# between tags dropped).
_PEMISAH_MULTI = {
    "django/forms/widgets/multiwidget.html": ("", True),
    "django_filters/widgets/multiwidget.html": ("-", False),
}


def _akhir(template_name: str) -> str:
    """The newlines an included input template leaves after its <input>: input.html's own,
    and one more for a template that includes it."""
    return "\n" if template_name == "django/forms/widgets/input.html" else "\n\n"


def _input_html(w: dict) -> str | None:
    """input.html and attrs.html of Django's form templates, from a widget context (escaped as
    `{{ }}` escapes, `stringformat:'s'` as str()); None if the widget is not a plain input."""
    if w.get("template_name") not in _TEMPLATE_INPUT:
        return None
    esc = html.escape
    bagian = [f'<input type="{esc(str(w["type"]))}" name="{esc(str(w["name"]))}"']
    if w["value"] is not None:
        bagian.append(f' value="{_escape(str(w["value"]))}"')
    for nama, nilai in w["attrs"].items():
        if nilai is False:
            continue
        bagian.append(
            f" {_escape(nama)}" if nilai is True else f' {_escape(nama)}="{_escape(str(nilai))}"'
        )
    bagian.append(">")
    return "".join(bagian)


def tulis_input(widget, name, value, attrs=None, renderer=None):
    """widget.render() of an input, or of a multi-widget of inputs (a date range), written in
    Python with the markup of Django's templates: a filter form's text box, hidden field and
    date range each cost a template render (≈0.3–0.6 ms) per list page. Anything else: the
    widget's own render()."""
    konteks = widget.get_context(name, value, attrs)["widget"]
    if "subwidgets" in konteks:
        cara = _PEMISAH_MULTI.get(widget.template_name)
        isi = [_input_html(w) for w in konteks["subwidgets"]]
        if cara is not None and isi and None not in isi:
            pemisah, rapat = cara
            bagian = []
            for i, (w, teks) in enumerate(zip(konteks["subwidgets"], isi, strict=True)):
                bagian.append(teks if rapat else teks + _akhir(w["template_name"]))
                if i == 0:
                    bagian.append(pemisah)
            return mark_safe("".join(bagian).strip())  # the renderer strips its output
    elif (teks := _input_html(konteks)) is not None:
        return mark_safe(teks)
    return type(widget).render(widget, name, value, attrs, renderer)
