"""Sliding session expiry (imp_smart/sesi.py): the idle timeout holds without a session write on
every request."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from imp_smart import sesi

pytestmark = pytest.mark.django_db

UMUR = 60 * 60 * 12


@pytest.fixture
def masuk(client, users, settings):
    settings.SESSION_COOKIE_AGE = UMUR
    settings.SESSION_SAVE_EVERY_REQUEST = False
    settings.IMP_SESI_SEGARKAN = 300
    client.force_login(users.ppkbd)
    return client


def _jam(monkeypatch, detik: float) -> None:
    monkeypatch.setattr(sesi.time, "time", lambda: detik)


def _baris(client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def test_session_is_written_once_per_window_not_per_request(masuk, users, monkeypatch):
    awal = 1_800_000_000
    _jam(monkeypatch, awal)
    masuk.force_login(users.ppkbd)  # a login writes the session: stamped there
    assert masuk.session[sesi.KUNCI] == awal
    pertama = masuk.get(reverse("beranda"))
    assert pertama.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in pertama.cookies  # nothing to write
    kedaluwarsa = _baris(masuk).expire_date

    _jam(monkeypatch, awal + 299)  # within five minutes: nothing written, no cookie sent
    kedua = masuk.get(reverse("beranda"))
    assert kedua.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in kedua.cookies
    assert _baris(masuk).expire_date == kedaluwarsa

    _jam(monkeypatch, awal + 300)  # the window passed: the expiry moves with the activity
    ketiga = masuk.get(reverse("beranda"))
    assert settings.SESSION_COOKIE_NAME in ketiga.cookies
    assert ketiga.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == UMUR
    baru = _baris(masuk).expire_date
    assert baru > kedaluwarsa
    assert abs(baru - (timezone.now() + timedelta(seconds=UMUR))) < timedelta(minutes=1)
    assert masuk.session[sesi.KUNCI] == awal + 300


def test_session_idle_past_its_age_ends(masuk):
    masuk.get(reverse("beranda"))
    # Twelve hours later: the database row has expired, and so has the cache's copy.
    Session.objects.filter(session_key=masuk.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    cache.clear()
    jawab = masuk.get(reverse("beranda"))
    assert jawab.status_code == 302
    assert jawab.url.startswith(reverse("login"))


def test_a_clock_set_back_moves_the_expiry(masuk, monkeypatch):
    _jam(monkeypatch, 1_800_000_000)
    masuk.get(reverse("beranda"))
    masuk.get(reverse("beranda"))
    _jam(monkeypatch, 1_700_000_000)
    jawab = masuk.get(reverse("beranda"))
    assert settings.SESSION_COOKIE_NAME in jawab.cookies
    assert masuk.session[sesi.KUNCI] == 1_700_000_000


def test_unknown_session_cookie_creates_no_session(client, db):
    client.cookies[settings.SESSION_COOKIE_NAME] = "tidakada" * 4
    jawab = client.get(reverse("login"))
    assert jawab.status_code == 200
    assert not Session.objects.exists()


def test_logout_leaves_no_session(masuk):
    masuk.get(reverse("beranda"))
    masuk.post(reverse("logout"))
    assert not Session.objects.exists()
