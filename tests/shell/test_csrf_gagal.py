"""A form sent with a stale CSRF token gets an Indonesian page that says nothing was saved and
opens the form again (templates/403_kedaluwarsa.html), not Django's technical page."""

import pytest
from django.test import Client

from pertemuan.models import Pertemuan

pytestmark = pytest.mark.django_db


def test_login_form_sent_without_its_token_says_how_to_go_on():
    c = Client(enforce_csrf_checks=True)
    url = "/akun/masuk/"
    r = c.post(url, {"username": "siapa", "password": "x"})
    assert r.status_code == 403
    html = r.content.decode()
    assert "Formulir sudah kedaluwarsa" in html and "belum tersimpan" in html
    assert f'href="{url}"' in html  # the same form again, with a fresh token
    assert "CSRF verification failed" not in html


def test_a_logged_in_form_with_a_stale_token_saves_nothing(users, area):
    c = Client(enforce_csrf_checks=True)
    c.force_login(users.ppkbd)
    c.get("/pertemuan/tambah/")
    sebelum = Pertemuan.objects.count()
    r = c.post(
        "/pertemuan/tambah/",
        {"csrfmiddlewaretoken": "basi" * 8, "judul": "Rapat"},
        HTTP_REFERER="http://testserver/pertemuan/tambah/?x=<b>",
    )
    assert r.status_code == 403
    html = r.content.decode()
    assert "Formulir sudah kedaluwarsa" in html
    assert 'href="/pertemuan/tambah/?x=&lt;b&gt;"' in html  # the page it was on, escaped
    assert "<b>" not in html
    assert Pertemuan.objects.count() == sebelum


def test_a_stale_logout_goes_back_to_its_page_and_a_foreign_referer_is_not_followed(users):
    c = Client(enforce_csrf_checks=True)
    c.force_login(users.ppkbd)
    r = c.post("/akun/keluar/", HTTP_REFERER="http://testserver/pertemuan/")
    assert r.status_code == 403 and 'href="/pertemuan/"' in r.content.decode()
    assert "_auth_user_id" in c.session  # still logged in: nothing done
    r = c.post("/akun/keluar/", HTTP_REFERER="https://contoh.invalid/jebakan/")
    assert 'href="/akun/keluar/"' in r.content.decode()
    assert "contoh.invalid" not in r.content.decode()
