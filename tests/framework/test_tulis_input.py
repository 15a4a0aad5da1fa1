"""imp_smart.widgets.tulis_input writes what Django's input templates write (filter forms' text
boxes, hidden fields, month boxes and date ranges), escaped the same way; other widgets are
rendered by Django."""

import datetime as dt

import django_filters
import pytest
from django import forms

from imp_smart.widgets import tulis_input

JAHAT = '"><script>alert(1)</script>&'

WIDGET = [
    forms.TextInput(),
    forms.TextInput(attrs={"placeholder": "Nama <kepala>", "autocomplete": "off", "x": True}),
    forms.HiddenInput(),
    forms.NumberInput(attrs={"min": 0, "step": "1", "disabled": False}),
    forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    forms.DateInput(),
    forms.SearchInput(),
    forms.EmailInput(),
    django_filters.widgets.DateRangeWidget(attrs={"type": "date"}),
    django_filters.widgets.RangeWidget(),
    forms.MultiWidget(widgets=[forms.TextInput(), forms.NumberInput()]),
    forms.CheckboxInput(),  # not a plain input: Django renders it
    forms.Textarea(),  # idem
]

NILAI = [None, "", "Siti", JAHAT, 12, dt.date(2026, 11, 5), ["2026-01-01", JAHAT], [None, "3"]]


@pytest.mark.parametrize("widget", WIDGET, ids=lambda w: type(w).__name__)
@pytest.mark.parametrize("nilai", NILAI, ids=repr)
def test_sama_dengan_template_django(widget, nilai):
    attrs = {"id": "id_q", "class": "form-control is-invalid", "aria-invalid": "true"}
    if isinstance(widget, forms.MultiWidget) and not isinstance(nilai, list):
        nilai = [nilai, nilai]
    assert tulis_input(widget, "q", nilai, dict(attrs)) == widget.render("q", nilai, dict(attrs))


def test_nilai_jahat_di_escape():
    html = tulis_input(forms.TextInput(), "q", JAHAT, {"id": "id_q"})
    assert "<script>" not in html
    assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;"' in html
