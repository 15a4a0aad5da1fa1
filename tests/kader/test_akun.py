"""Login, logout, password change in Indonesian; failed logins are throttled (django-axes)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
SANDI = "rahasia-uji-123"


def test_login_page_is_indonesian_and_logs_in(client, users):
    resp = client.get(reverse("login"))
    assert "Masuk ke IMP Smart" in resp.content.decode()
    resp = client.post(reverse("login"), {"username": "u_ppkbd", "password": SANDI})
    assert resp.status_code == 302 and resp.url == reverse("beranda")


def test_wrong_password_says_so_in_indonesian(client, users):
    resp = client.post(reverse("login"), {"username": "u_ppkbd", "password": "salah"})
    assert resp.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in resp.content.decode()


def test_fifth_failure_locks_the_account_even_with_the_right_password(client, users, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "u_ppkbd", "password": "salah"})
    resp = client.post(reverse("login"), {"username": "u_ppkbd", "password": SANDI})
    assert resp.status_code in (403, 429)
    assert "Terlalu banyak percobaan" in resp.content.decode()
    assert "_auth_user_id" not in client.session
    # another user from the same address is not locked out
    resp = client.post(reverse("login"), {"username": "u_sub", "password": SANDI})
    assert resp.status_code == 302


def test_password_change_and_logout(client, users):
    client.force_login(users.sub_ppkbd)
    resp = client.post(
        reverse("password_change"),
        {
            "old_password": SANDI,
            "new_password1": "Baru-Sekali-2026",
            "new_password2": "Baru-Sekali-2026",
        },
    )
    assert resp.status_code == 302
    users.sub_ppkbd.refresh_from_db()
    assert users.sub_ppkbd.check_password("Baru-Sekali-2026")
    resp = client.post(reverse("logout"))
    assert resp.status_code == 302 and resp.url == reverse("login")
    assert client.get(reverse("beranda")).status_code == 302


def test_password_change_errors_are_indonesian(client, users):
    client.force_login(users.sub_ppkbd)
    resp = client.post(
        reverse("password_change"),
        {"old_password": "salah", "new_password1": "a", "new_password2": "b"},
    )
    html = resp.content.decode()
    assert resp.status_code == 200 and "Sandi lama Anda yang dimasukkan salah" in html


def test_dinas_edits_sk_template_and_assignments_in_admin(client):
    from kader.services import pengguna_buat

    dinas = pengguna_buat(username="kasi", password="x-Rahasia-2026", peran="dinas")
    client.force_login(dinas)
    assert client.get(reverse("admin:kader_templatesk_add")).status_code == 200
    assert client.get(reverse("admin:kader_penugasan_add")).status_code == 200
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_cadre_has_no_admin(client, users):
    client.force_login(users.ppkbd)
    resp = client.get(reverse("admin:index"))
    assert resp.status_code == 302 and "login" in resp.url


def test_healthz_answers_without_login(client):
    resp = client.get(reverse("healthz"))
    assert resp.status_code == 200 and resp.content == b"ok"


def test_production_settings_pass_deploy_checks(monkeypatch):
    """`manage.py check --deploy` with production settings finds nothing to warn about."""
    import subprocess
    import sys

    env = {
        "DJANGO_SETTINGS_MODULE": "imp_smart.settings.production",
        "DJANGO_SECRET_KEY": "x" * 60 + "Aa1!-production-like-secret-key",
        "DJANGO_ALLOWED_HOSTS": "imp.gowakab.go.id",
        # Production refuses to start without the personal-data keys (issue 9).
        "DJANGO_FIELD_ENCRYPTION_KEY": "Zm9ybmV0LWtleS1mb3ItdGVzdHMtb25seS0zMmJ5dGU=",
        "DJANGO_NIK_HASH_KEY": "y" * 40 + "-nik-hash-key-of-the-test",
        "DATABASE_URL": "sqlite:///:memory:",
        "PATH": "/usr/bin:/bin",
    }
    hasil = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert hasil.returncode == 0, hasil.stderr + hasil.stdout
