"""Real worker processes for the job-recovery tests (they are SIGKILLed on purpose).

`celery_real_worker` (tests/integration_support.py) runs a worker thread inside pytest: it
cannot be killed. `pekerja_proses` starts `celery worker` as separate processes over Redis on
the test database, with files on disk shared with the test (tests/jobs/settings_pekerja.py).
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.integration_support import bersihkan_redis, lingkungan_proses

AKAR = Path(__file__).resolve().parents[2]


class Pekerja:
    """Starts worker processes; every one left is killed at the end of the test."""

    def __init__(self, env: dict, log_dir: Path):
        self.env = env
        self.log_dir = log_dir
        self.proses: list[subprocess.Popen] = []

    def mulai(
        self,
        nama: str,
        *,
        jeda: float = 0,
        penanda: Path | None = None,
        pool="solo",
        penyapu: bool = True,
        visibility: int | None = None,
    ):
        """`penyapu`: the worker's own once-a-minute sweep (imp_smart/celery.py);
        `visibility`: Redis visibility timeout of this worker (seconds) instead of settings'."""
        env = {
            **self.env,
            "IMP_UJI_VISIBILITY": str(visibility or ""),
            "IMP_UJI_JEDA": str(jeda),
            "IMP_UJI_PENANDA": str(penanda or ""),
            "IMP_PEKERJAAN_SAPU_DI_PEKERJA": str(penyapu),
        }
        log = open(self.log_dir / f"pekerja-{nama}.log", "wb")  # noqa: SIM115
        argumen = [f"--pool={pool}", "--concurrency=1", f"--hostname={nama}@%h"]
        argumen += ["--loglevel=INFO", "--without-gossip", "--without-mingle"]
        p = subprocess.Popen(
            [sys.executable, "-m", "tests.jobs.pekerja_lambat", *argumen],
            cwd=AKAR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.proses.append(p)
        return p

    def log(self, nama: str) -> str:
        return (self.log_dir / f"pekerja-{nama}.log").read_text(errors="replace")

    def hentikan_semua(self) -> None:
        for p in self.proses:
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGKILL)  # the worker and any pool process it forked
            p.wait(timeout=30)


@pytest.fixture
def pekerja_proses(request, transactional_db, settings, tmp_path):
    from imp_smart import celery_app as app

    env, media = lingkungan_proses(request, settings, tmp_path, "tests.jobs.settings_pekerja")
    broker_url = env["REDIS_URL"]
    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url")}
    app.conf.update(task_always_eager=False, broker_url=broker_url)
    bersihkan_redis(broker_url)
    pekerja = Pekerja(env, tmp_path)
    pekerja.media = media
    try:
        yield pekerja
    finally:
        pekerja.hentikan_semua()
        bersihkan_redis(broker_url)
        app.conf.update(saved)


def tunggu(syarat, *, batas: float, jeda: float = 0.2, pesan: str = ""):
    """Poll `syarat()` until it returns something truthy; fail after `batas` seconds."""
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        hasil = syarat()
        if hasil:
            return hasil
        time.sleep(jeda)
    raise AssertionError(f"tidak terjadi dalam {batas} detik: {pesan}")
