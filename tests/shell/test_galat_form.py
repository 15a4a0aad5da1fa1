"""Every form shows every error at its top (issue 9 §3): hidden-field and non-field errors too.

Counselling was "silently not saved" because the error sat on a hidden field that no template
showed. The fix is one summary (includes/_form_errors.html) that every crispy form gets through
crispy's own error block (templates/bootstrap5/errors.html) and that forms rendered field by field
include by hand; the scan below fails for a template that renders fields without it."""

import re
from pathlib import Path

import pytest
from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings
from django.template import Context, Template
from django.template.loader import get_template

TEMPLATES = Path(settings.BASE_DIR) / "templates"
RINGKASAN = "includes/_form_errors.html"


class FormUji(forms.Form):
    anggota = forms.IntegerField(widget=forms.HiddenInput)
    tanggal = forms.DateField(label="Tanggal konseling")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()


def _form_galat():
    form = FormUji(data={"anggota": "1", "tanggal": ""})
    assert not form.is_valid()
    form.add_error("anggota", "Perempuan ini bukan PUS pada bulan ini.")
    form.add_error(None, "Konseling ganda pada tanggal yang sama.")
    return form


def test_crispy_form_shows_hidden_field_and_non_field_errors_at_the_top():
    html = Template("{% load crispy_forms_tags %}{% crispy form %}").render(
        Context({"form": _form_galat()})
    )
    atas = html[: html.index('name="tanggal"')]  # everything before the first visible input
    assert "Perempuan ini bukan PUS pada bulan ini." in atas
    assert "Konseling ganda pada tanggal yang sama." in atas
    # A visible field's error links to the field.
    assert re.search(r'<a class="alert-link" href="#id_tanggal">Tanggal konseling</a>: ', atas)


def test_crispy_filter_shows_hidden_field_errors_too():
    html = Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(
        Context({"form": _form_galat()})
    )
    assert "Perempuan ini bukan PUS pada bulan ini." in html


def test_included_summary_shows_every_error_and_nothing_for_a_valid_form():
    t = get_template(RINGKASAN)
    html = t.render({"form": _form_galat()})
    assert html.count("<li>") == 3
    assert 'href="#id_anggota"' not in html  # a hidden field has nothing to link to
    assert t.render({"form": FormUji(data={"anggota": "1", "tanggal": "2026-12-01"})}).strip() == ""


def test_crispy_uses_the_project_error_block():
    origin = Path(get_template("bootstrap5/errors.html").origin.name)
    assert origin == TEMPLATES / "bootstrap5" / "errors.html"
    assert RINGKASAN in origin.read_text()


def _halaman():
    for path in sorted(TEMPLATES.rglob("*.html")):
        rel = path.relative_to(TEMPLATES).as_posix()
        if "/pdf/" in f"/{rel}" or "/email/" in f"/{rel}" or rel.startswith("bootstrap5/"):
            continue
        yield rel, path.read_text()


FIELD_DEMI_FIELD = re.compile(r"as_crispy_field|non_field_errors|\.errors\b")


@pytest.mark.parametrize(
    "rel,isi", [(r, i) for r, i in _halaman() if r != RINGKASAN], ids=lambda v: v[:40]
)
def test_every_form_template_shows_the_error_summary(rel, isi):
    """A template that renders a form field by field (as_crispy_field, its own error markup)
    must include the summary; whole crispy forms get it from the overridden error block."""
    if FIELD_DEMI_FIELD.search(isi):
        assert RINGKASAN in isi, f"{rel} renders form fields without {RINGKASAN}"


def test_the_scan_sees_the_forms_of_the_app():
    semua = dict(_halaman())
    dengan_ringkasan = [r for r, i in semua.items() if RINGKASAN in i and r != RINGKASAN]
    crispy = [r for r, i in semua.items() if re.search(r"\{% crispy |\|crispy\b", i)]
    assert len(dengan_ringkasan) >= 8, dengan_ringkasan
    assert len(crispy) >= 4, crispy
