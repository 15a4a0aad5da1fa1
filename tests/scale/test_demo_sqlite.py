"""`make run` on the embedded SQLite database: the migrations, the Gowa areas and the demo seed
run, and every page of every demo role's menu answers without a server error (PostgreSQL-only
SQL slipped into a migration, a selector and the worklist once; this catches the next one)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

AKAR = Path(__file__).resolve().parents[2]

JELAJAH = """
import django
django.setup()
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.test.utils import setup_test_environment
from kader.navigasi import menu_untuk

setup_test_environment()
settings.ALLOWED_HOSTS = ["*"]
gagal, jumlah = [], 0
for nama in ["admin", "dinas", "koordinator", "penyuluh", "ppkbd", "subppkbd"]:
    user = get_user_model().objects.get(username=nama)
    c = Client(raise_request_exception=False)
    c.force_login(user)
    utama, lainnya = menu_untuk(user)
    urls = {"/"} | {t.url for t in utama} | {t.url for _, ts in lainnya for t in ts}
    for url in sorted(urls):
        jumlah += 1
        kode = c.get(url).status_code
        if kode >= 500:
            gagal.append((nama, url, kode))
print("halaman", jumlah, "gagal", gagal)
assert jumlah > 60 and not gagal, gagal
"""


@pytest.mark.integration
def test_make_run_steps_work_on_sqlite_and_every_menu_page_answers(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "imp_smart.settings.local",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
    }
    env.pop("REDIS_URL", None)  # as `make run` without Redis: jobs run in-process
    for perintah in (["migrate", "--noinput", "-v0"], ["muat_wilayah"], ["seed_demo"]):
        hasil = subprocess.run(
            [sys.executable, "manage.py", *perintah],
            cwd=AKAR,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert hasil.returncode == 0, (perintah, hasil.stderr[-3000:])
    hasil = subprocess.run(
        [sys.executable, "-c", JELAJAH], cwd=AKAR, env=env, capture_output=True, text=True
    )
    assert hasil.returncode == 0, hasil.stdout[-2000:] + hasil.stderr[-3000:]
    assert "gagal []" in hasil.stdout
