"""The personal-data keys: production refuses to start without them; check --deploy says so."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

from imp_smart.checks import kunci_data_pribadi

ROOT = Path(__file__).resolve().parents[2]


def _jalankan(kode: str, **env_tambahan) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(env_tambahan)
    return subprocess.run(
        [sys.executable, "-c", kode], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


MUAT_PRODUKSI = "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='imp_smart.settings.production'; django.setup()"  # noqa: E501


@pytest.mark.parametrize(
    "ada",
    [
        {},
        {"DJANGO_FIELD_ENCRYPTION_KEY": "k1"},
        {"DJANGO_NIK_HASH_KEY": "k2"},
    ],
)
def test_production_refuses_to_start_without_both_keys(ada):
    hasil = _jalankan(MUAT_PRODUKSI, DJANGO_SECRET_KEY="s" * 50, **ada)
    assert hasil.returncode != 0
    assert "ImproperlyConfigured" in hasil.stderr
    for nama in ("DJANGO_FIELD_ENCRYPTION_KEY", "DJANGO_NIK_HASH_KEY"):
        assert (nama in hasil.stderr) == (nama not in ada)


def test_production_starts_with_both_keys():
    hasil = _jalankan(
        MUAT_PRODUKSI,
        DJANGO_SECRET_KEY="s" * 50,
        DJANGO_FIELD_ENCRYPTION_KEY="k1",
        DJANGO_NIK_HASH_KEY="k2",
    )
    assert hasil.returncode == 0, hasil.stderr


@pytest.mark.parametrize(
    ("enkripsi", "hash_nik", "kode"),
    [
        ("", "k2", {"imp_smart.E001"}),
        ("k1", "", {"imp_smart.E002"}),
        ("rahasia", "k2", {"imp_smart.E003"}),
        ("k1", "k1", {"imp_smart.E004"}),
        ("k1,lama", "lama", {"imp_smart.E004"}),
        ("k1", "k2", set()),
    ],
)
def test_deploy_check_reports_missing_or_reused_keys(enkripsi, hash_nik, kode):
    with override_settings(
        SECRET_KEY="rahasia", FIELD_ENCRYPTION_KEY=enkripsi, NIK_HASH_KEY=hash_nik
    ):
        assert {e.id for e in kunci_data_pribadi()} == kode


def test_check_deploy_command_lists_the_key_error():
    hasil = _jalankan(
        "import django, os; from django.core.management import call_command;"
        "os.environ['DJANGO_SETTINGS_MODULE']='imp_smart.settings.test'; django.setup();"
        "call_command('check', deploy=True, fail_level='ERROR')",
        DJANGO_SECRET_KEY="s" * 50,
        DJANGO_FIELD_ENCRYPTION_KEY="",
        DJANGO_NIK_HASH_KEY="k2",
        DATABASE_URL=os.environ.get("DATABASE_URL", ""),
    )
    assert hasil.returncode != 0
    assert "imp_smart.E001" in hasil.stderr


def test_production_keeps_database_connections_and_caches_sessions():
    hasil = _jalankan(
        MUAT_PRODUKSI + "; from django.conf import settings as s;"
        "db = s.DATABASES['default'];"
        "print(db['CONN_MAX_AGE'], db['CONN_HEALTH_CHECKS'], s.SESSION_ENGINE)",
        DJANGO_SECRET_KEY="s" * 50,
        DJANGO_FIELD_ENCRYPTION_KEY="k1",
        DJANGO_NIK_HASH_KEY="k2",
        DATABASE_URL="postgres://u@127.0.0.1:5432/x",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert hasil.returncode == 0, hasil.stderr
    umur, cek, sesi = hasil.stdout.split()
    assert int(umur) > 0
    assert cek == "True"
    assert sesi == "django.contrib.sessions.backends.cached_db"
