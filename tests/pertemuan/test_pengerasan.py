"""Issue 9 (hardening) in pertemuan: each test fails without its fix."""

import re

import pytest
from django import forms as dj_forms
from django.urls import reverse

from pertemuan import forms as pforms

pytestmark = pytest.mark.django_db


# --- item 2: one "media" control on the KIE form ---------------------------------------------


def test_kie_form_has_exactly_one_media_control(client, users):
    client.force_login(users.ppkbd)
    html = client.get(reverse("pertemuan:kie_create")).content.decode()
    assert len(re.findall(r"<select[^>]*name=\"media", html)) == 1
    # … and it sits below "Tanggal", not above it.
    assert html.index('name="tanggal"') < html.index('name="media')


def _kelas_form():
    for nilai in vars(pforms).values():
        if (
            isinstance(nilai, type)
            and issubclass(nilai, dj_forms.BaseForm)
            and nilai.__module__ == pforms.__name__
        ):
            yield nilai


@pytest.mark.parametrize("kelas", list(_kelas_form()), ids=lambda k: k.__name__)
def test_no_form_field_shadows_a_form_attribute(kelas):
    """A field called `media` (or `errors`, `fields`…) wins over the form attribute in a template
    lookup: `{{ form.media }}` in crispy's template rendered the field a second time."""
    meta = getattr(kelas, "_meta", None)
    nama = set(kelas.base_fields) | set(getattr(meta, "fields", None) or [])
    bentrok = {n for n in nama if hasattr(dj_forms.Form, n)}
    assert not bentrok
