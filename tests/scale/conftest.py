"""Several web and worker processes on one database, one Redis and one file store.

`dua_mesin` starts two gunicorn instances (each on its own port, as two machines would be) and
two `celery worker` processes, all on the test database with tests/scale/settings_skala.py
(production-like: DEBUG off, sessions in the Redis cache written through to the database) and
one file store: a media directory on disk shared by all of them, or (param "s3") a bucket on a
local S3-compatible server, as machines that share no disk would use.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from uuid import uuid4

import pytest

from tests.integration_support import bersihkan_redis, lingkungan_proses

AKAR = Path(__file__).resolve().parents[2]


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tunggu_sehat(url: str, proses: subprocess.Popen, log: Path, batas: float = 60) -> None:
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        assert proses.poll() is None, f"{url} berhenti:\n{log.read_text(errors='replace')[-3000:]}"
        try:
            with urllib.request.urlopen(f"{url}/healthz/", timeout=2) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} tidak menjawab /healthz/ dalam {batas} detik")


@pytest.fixture(scope="session")
def s3_tiruan():
    """A local S3-compatible server (moto); each test makes its own private bucket."""
    moto_server = pytest.importorskip("moto.server")
    port = _port_bebas()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


class Mesin:
    def __init__(self, env: dict, log_dir: Path):
        self.env = env
        self.log_dir = log_dir
        self.proses: list[subprocess.Popen] = []
        self.web: list[str] = []

    def _mulai(self, nama: str, argumen: list[str]) -> subprocess.Popen:
        log = open(self.log_dir / f"{nama}.log", "wb")  # noqa: SIM115
        p = subprocess.Popen(
            argumen,
            cwd=AKAR,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.proses.append(p)
        return p

    def web_mulai(self, nama: str) -> str:
        port = _port_bebas()
        gunicorn = [sys.executable, "-m", "gunicorn", "imp_smart.wsgi:application"]
        p = self._mulai(nama, [*gunicorn, "--workers", "2", "--bind", f"127.0.0.1:{port}"])
        url = f"http://127.0.0.1:{port}"
        _tunggu_sehat(url, p, self.log_dir / f"{nama}.log")
        self.web.append(url)
        return url

    def pekerja_mulai(self, nama: str) -> subprocess.Popen:
        celery = [sys.executable, "-m", "celery", "-A", "imp_smart", "worker"]
        argumen = ["--pool=solo", f"--hostname={nama}@%h", "--loglevel=INFO"]
        return self._mulai(nama, [*celery, *argumen, "--without-gossip", "--without-mingle"])

    def log(self, nama: str) -> str:
        return (self.log_dir / f"{nama}.log").read_text(errors="replace")

    def hentikan_semua(self) -> None:
        for p in self.proses:
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
        for p in self.proses:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait(timeout=10)


@pytest.fixture(params=["disk-bersama", "s3"])
def dua_mesin(request, transactional_db, settings, tmp_path):
    env, media = lingkungan_proses(request, settings, tmp_path, "tests.scale.settings_skala")
    broker_url = env["REDIS_URL"]
    baca = None
    if request.param == "s3":
        pytest.importorskip("storages.backends.s3")
        import boto3

        endpoint = request.getfixturevalue("s3_tiruan")
        bucket = f"imp-skala-{uuid4().hex[:12]}"
        klien = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id="uji",
            aws_secret_access_key="uji-rahasia",
        )
        klien.create_bucket(Bucket=bucket)
        env.update(IMP_UJI_S3_ENDPOINT=endpoint, IMP_UJI_S3_BUCKET=bucket)
        baca = lambda name: klien.get_object(Bucket=bucket, Key=name)["Body"].read()  # noqa: E731
    bersihkan_redis(broker_url)
    mesin = Mesin(env, tmp_path)
    mesin.media = media
    # What the test reads back from the store, bypassing the app.
    mesin.baca = baca or (lambda name: (media / name).read_bytes())
    try:
        yield mesin
    finally:
        mesin.hentikan_semua()
        bersihkan_redis(broker_url)
    if baca:
        assert not any(media.rglob("*")), "berkas ditulis ke disk lokal, bukan ke bucket"
