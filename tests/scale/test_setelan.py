"""DJANGO_STORAGE_BACKEND: local disk unless s3 is asked for; s3 reads its bucket from the
environment, keeps files private with signed URLs; anything else refuses to start.

Each case imports the settings in a fresh interpreter (settings are read once per process)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

AKAR = Path(__file__).resolve().parents[2]
KODE = (
    "import json; from imp_smart.settings import base; "
    "print(json.dumps(base.STORAGES['default'], default=str))"
)


def _muat(**env) -> subprocess.CompletedProcess:
    bersih = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "DJANGO_"))}
    return subprocess.run(
        [sys.executable, "-c", KODE],
        cwd=AKAR,
        env={**bersih, "DJANGO_SECRET_KEY": "uji", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_local_disk_is_the_default():
    hasil = _muat()
    assert hasil.returncode == 0, hasil.stderr
    assert json.loads(hasil.stdout.splitlines()[-1]) == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }


def test_s3_reads_the_bucket_from_the_environment_and_stays_private():
    hasil = _muat(
        DJANGO_STORAGE_BACKEND="s3",
        AWS_STORAGE_BUCKET_NAME="imp-gowa",
        AWS_S3_ENDPOINT_URL="http://minio:9000",
        AWS_ACCESS_KEY_ID="kunci",
        AWS_SECRET_ACCESS_KEY="rahasia",
        AWS_S3_REGION_NAME="ap-southeast-3",
    )
    assert hasil.returncode == 0, hasil.stderr
    default = json.loads(hasil.stdout.splitlines()[-1])
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    opsi = default["OPTIONS"]
    assert (opsi["bucket_name"], opsi["endpoint_url"], opsi["region_name"]) == (
        "imp-gowa",
        "http://minio:9000",
        "ap-southeast-3",
    )
    assert (opsi["access_key"], opsi["secret_key"]) == ("kunci", "rahasia")
    assert opsi["default_acl"] == "private" and opsi["querystring_auth"] is True
    assert opsi["file_overwrite"] is False


@pytest.mark.parametrize(
    "env", [{"DJANGO_STORAGE_BACKEND": "s3"}, {"DJANGO_STORAGE_BACKEND": "ftp"}]
)
def test_s3_without_bucket_or_an_unknown_backend_refuses_to_start(env):
    hasil = _muat(**env)
    assert hasil.returncode != 0
    assert "ImproperlyConfigured" in hasil.stderr
