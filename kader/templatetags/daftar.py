"""Tags of the list pages, rendered in Python because every list page pays for them.

- `{% saringan_field field %}`: one filter field as Bootstrap 5 markup. crispy-forms renders a
  field through several templates (≈4 ms each); a filter needs only label, control and error,
  so this writes the same markup (`form-label`, `form-select`/`form-control`, `is-invalid`,
  `invalid-feedback`). Forms that are filled in and saved keep crispy-forms.
- `{% baris_tabel row %}`: one django-tables2 row, the markup of the package's Bootstrap
  template (`<tr attrs><td attrs>cell</td>…`) with the same localize rules, without a template
  node per cell (25 rows × 7 columns made the loop the largest cost of the register list).
"""

import copy

from django import forms, template
from django.template.base import render_value_in_context
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()


def _kelas(widget) -> str:
    if isinstance(widget, forms.CheckboxInput):
        return "form-check-input"
    if isinstance(widget, forms.Select | forms.SelectMultiple):
        return "form-select"
    return "form-control"


@register.simple_tag
def saringan_field(field):
    widget = field.field.widget
    kelas = _kelas(widget)
    centang = kelas == "form-check-input"
    if field.errors:
        kelas += " is-invalid"
    ganti = None
    if isinstance(widget, forms.NullBooleanSelect):
        # As a filter, "unknown" means "do not filter": Django's labels read "Tidak diketahui".
        ganti = copy.copy(widget)
        ganti.choices = [("unknown", "Semua"), ("true", "Ya"), ("false", "Tidak")]
    kontrol = field.as_widget(
        widget=ganti, attrs={"class": f"{widget.attrs.get('class', '')} {kelas}".strip()}
    )
    # Django points the control's aria-describedby at "<id>_error".
    galat = (
        format_html(
            '<div id="{}_error" class="invalid-feedback d-block">{}</div>',
            field.auto_id,
            " ".join(field.errors),
        )
        if field.errors
        else ""
    )
    if centang:
        return format_html(
            '<div class="form-check mt-4">{}<label class="form-check-label" for="{}">{}</label>'
            "{}</div>",
            kontrol,
            field.id_for_label,
            field.label,
            galat,
        )
    return format_html(
        '<div class="mb-2"><label class="form-label small mb-1" for="{}">{}</label>{}{}</div>',
        field.id_for_label,
        field.label,
        kontrol,
        galat,
    )


@register.simple_tag(takes_context=True)
def baris_tabel(context, row):
    sel = []
    for column, cell in row.items():
        if column.localize is None:
            isi = render_value_in_context(cell, context)
        else:
            isi = conditional_escape(localize(cell, use_l10n=bool(column.localize)))
        sel.append(f"<td {column.attrs['td'].as_html()}>{isi}</td>")
    return mark_safe(f"<tr {row.attrs.as_html()}>{''.join(sel)}</tr>")
