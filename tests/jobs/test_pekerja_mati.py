"""A worker SIGKILLed mid-job: the job is picked up again within 2 minutes and done once.

Real `celery worker` processes over Redis on the test database (tests/jobs/conftest.py). The
first worker is slowed down inside the job (tests/jobs/pekerja_lambat.py) and killed there with
SIGKILL; a second worker starts. The recap is recovered by the sweeper that the test sends
every SAPU_SETIAP seconds, as beat does (laporan/beat.py: every minute); the import by the new
worker's own once-a-minute sweep (imp_smart/celery.py), with no beat. The time from the kill to
the finished job is measured and written to $ARTIFACTS_DIR/pemulihan_pekerjaan.jsonl.
"""

import hashlib
import json
import os
import signal
import time
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from tests.jobs.conftest import tunggu

pytestmark = pytest.mark.integration
SAPU_SETIAP = 60  # seconds, like the beat schedule
BATAS_PULIH = 120  # the requirement: done within 2 minutes of the kill


def _catat(nama: str, detik: float, **lain) -> None:
    folder = Path(os.environ.get("ARTIFACTS_DIR") or "artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    baris = {"uji": nama, "bunuh_sampai_selesai_detik": round(detik, 1), **lain}
    with open(folder / "pemulihan_pekerjaan.jsonl", "a") as f:
        f.write(json.dumps(baris) + "\n")
    print(baris)


def _pulihkan(model, pk: int, mulai: float, pekerja, nama: str, beat=True) -> tuple[object, int]:
    """Wait until the row is done; with `beat`, send the sweeper as beat would (first tick one
    interval after the kill). Returns the row and how many sweeps the test sent."""
    from imp_smart.tasks import pekerjaan_sapu

    S = model.Status
    berikut = mulai + SAPU_SETIAP
    sapuan = 0
    while time.monotonic() - mulai < BATAS_PULIH + 30:
        obj = model.objects.get(pk=pk)
        if obj.status in (S.SELESAI, S.GAGAL):
            return obj, sapuan
        proses = pekerja.proses[-1]
        assert proses.poll() is None, f"pekerja {nama} berhenti:\n{pekerja.log(nama)[-3000:]}"
        if beat and time.monotonic() >= berikut:
            pekerjaan_sapu.delay()
            sapuan += 1
            berikut += SAPU_SETIAP
        time.sleep(0.25)
    raise AssertionError(f"{model.__name__} {pk} masih {model.objects.get(pk=pk).status}")


def test_recap_of_a_killed_worker_is_done_once_within_2_minutes(pekerja_proses, area, users):
    from laporan import services_rekap
    from laporan.models import BerkasRekap

    B = BerkasRekap.Status
    penanda = pekerja_proses.media.parent / "sedang-render"
    pertama = pekerja_proses.mulai("pertama", jeda=600, penanda=penanda, penyapu=False)
    berkas = services_rekap.rekap_minta(bulan=date(2025, 3, 1), jenis="KABUPATEN", oleh=users.dinas)
    tunggu(penanda.exists, batas=90, pesan="pekerja pertama mulai merender")
    time.sleep(settings.IMP_PEKERJAAN_DETAK + 1)  # at least one heartbeat renewed the lease
    sebelum = BerkasRekap.objects.get(pk=berkas.pk)
    assert sebelum.status == B.PROSES and sebelum.percobaan == 1
    assert sebelum.detak > sebelum.mulai_pada  # the heartbeat ran

    os.killpg(pertama.pid, signal.SIGKILL)
    dibunuh = time.monotonic()
    pertama.wait(timeout=10)
    # A second worker cannot take it while the dead one's lease still runs.
    assert services_rekap.rekap_buat(berkas_id=berkas.pk) is False
    pekerja_proses.mulai("kedua", penyapu=False)  # recovery through beat's sweep only

    berkas, sapuan = _pulihkan(BerkasRekap, berkas.pk, dibunuh, pekerja_proses, "kedua")
    lama = time.monotonic() - dibunuh
    _catat("rekap", lama, sapuan=sapuan, lease=settings.IMP_PEKERJAAN_LEASE)
    assert berkas.status == B.SELESAI, (berkas.pesan_galat, pekerja_proses.log("kedua"))
    assert lama <= BATAS_PULIH
    assert (berkas.percobaan, berkas.versi) == (2, 1)
    # Exactly one file, the one the row names, with its hash.
    berkas_disk = [p for p in pekerja_proses.media.rglob("*") if p.is_file()]
    assert [p.relative_to(pekerja_proses.media).as_posix() for p in berkas_disk] == [
        berkas.berkas.name
    ]
    isi = berkas_disk[0].read_bytes()
    assert isi[:4] == b"%PDF" and hashlib.sha256(isi).hexdigest() == berkas.sha256
    # The dead worker's message, redelivered (acks_late), does nothing to a finished job.
    from laporan.tasks import rekap_buat

    rekap_buat.delay(berkas.pk)
    time.sleep(3)
    setelah = BerkasRekap.objects.get(pk=berkas.pk)
    assert (setelah.selesai_pada, setelah.sha256, setelah.percobaan) == (
        berkas.selesai_pada,
        berkas.sha256,
        2,
    )
    assert BerkasRekap.objects.count() == 1
    assert len([p for p in pekerja_proses.media.rglob("*") if p.is_file()]) == 1


def test_import_of_a_killed_worker_is_rerun_whole_once(pekerja_proses, area, users):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from pendataan import impor
    from pendataan.models import Anggota, Impor, Keluarga
    from tests.pendataan.test_impor import _csv_keluarga

    S = Impor.Status
    penanda = pekerja_proses.media.parent / "sedang-menulis"
    pertama = pekerja_proses.mulai("pertama", jeda=600, penanda=penanda)
    berkas = SimpleUploadedFile("keluarga.csv", _csv_keluarga(area), content_type="text/csv")
    job = impor.impor_buat(jenis="keluarga", berkas=berkas, oleh=users.ppkbd)
    # The first worker has written the rows inside its transaction and sleeps before commit.
    tunggu(penanda.exists, batas=90, pesan="pekerja pertama menulis baris")
    assert Impor.objects.get(pk=job.pk).status == S.PROSES
    assert not Anggota.objects.exists()  # not committed: invisible

    os.killpg(pertama.pid, signal.SIGKILL)
    dibunuh = time.monotonic()
    pertama.wait(timeout=10)
    # PostgreSQL rolled the dead connection's transaction back: nothing half-applied.
    time.sleep(1)
    assert not Anggota.objects.exists() and not Keluarga.objects.exists()
    assert impor.impor_proses(impor_id=job.pk) is False  # live lease: nobody else may take it
    pekerja_proses.mulai("kedua")  # no beat: the new worker's own sweep recovers the job

    job, sapuan = _pulihkan(Impor, job.pk, dibunuh, pekerja_proses, "kedua", beat=False)
    lama = time.monotonic() - dibunuh
    _catat("impor", lama, sapuan=sapuan, lease=settings.IMP_PEKERJAAN_LEASE)
    assert job.status == S.SELESAI, (job.pesan_galat, job.kesalahan, pekerja_proses.log("kedua"))
    assert lama <= BATAS_PULIH
    assert job.percobaan == 2 and job.ringkasan["baris"] == 3
    assert Anggota.objects.count() == 3 and Keluarga.objects.count() == 1
    # Redelivered message for the finished import: no second run, no duplicate rows.
    from pendataan.tasks import impor_proses

    impor_proses.delay(job.pk)
    time.sleep(3)
    assert Impor.objects.get(pk=job.pk).percobaan == 2
    assert Anggota.objects.count() == 3


def test_killed_pool_process_message_comes_back_without_the_sweeper(pekerja_proses, area, users):
    """Prefork pool: the OOM killer (here SIGKILL) takes the process rendering the district
    draft SK. The worker puts the message back at once (acks_late + reject_on_worker_lost); the
    claim finds the dead process's lease still live and the task retries once the lease lapses.
    No beat, no sweeper."""
    from imp_smart.models import Pekerjaan as BerkasRekap
    from kader import draft_sk

    penanda = pekerja_proses.media.parent / "sedang-render"
    induk = pekerja_proses.mulai(
        "prefork", jeda=600, penanda=penanda, pool="prefork", penyapu=False
    )
    berkas = draft_sk.draft_sk_minta(tahun=2026, oleh=users.dinas)
    tunggu(penanda.exists, batas=90, pesan="proses pool mulai merender")
    anak = int(tunggu(penanda.read_text, batas=5))
    assert anak != induk.pid
    os.kill(anak, signal.SIGKILL)
    dibunuh = time.monotonic()

    def selesai():
        assert induk.poll() is None, pekerja_proses.log("prefork")[-3000:]
        b = BerkasRekap.objects.get(pk=berkas.pk)
        return b if b.status in ("SELESAI", "GAGAL") else None

    berkas = tunggu(selesai, batas=BATAS_PULIH, jeda=0.25, pesan="rekap selesai tanpa penyapu")
    lama = time.monotonic() - dibunuh
    _catat("draf-sk-prefork", lama, sapuan=0, lease=settings.IMP_PEKERJAAN_LEASE)
    assert berkas.status == "SELESAI", (berkas.pesan_galat, pekerja_proses.log("prefork"))
    assert (berkas.percobaan, BerkasRekap.objects.count()) == (2, 1)
    assert "WorkerLostError" in pekerja_proses.log("prefork")
    berkas_disk = [p for p in pekerja_proses.media.rglob("*") if p.is_file()]
    assert len(berkas_disk) == 1 and berkas_disk[0].read_bytes()[:4] == b"%PDF"
    assert hashlib.sha256(berkas_disk[0].read_bytes()).hexdigest() == berkas.sha256


def test_whole_worker_killed_message_comes_back_from_redis(pekerja_proses, area, users):
    """No beat, no sweeper: the killed worker's unacknowledged message is handed out again by
    Redis after the visibility timeout (shortened here to 15 s; in production it is just above
    the longest hard time limit), and the claim takes the row once the dead lease lapses."""
    from laporan import services_rekap
    from laporan.models import BerkasRekap

    penanda = pekerja_proses.media.parent / "sedang-render"
    pertama = pekerja_proses.mulai("pertama", jeda=600, penanda=penanda, penyapu=False)
    berkas = services_rekap.rekap_minta(bulan=date(2025, 3, 1), jenis="ZIP_KECAMATAN", oleh=None)
    tunggu(penanda.exists, batas=90, pesan="pekerja pertama mulai merender")
    os.killpg(pertama.pid, signal.SIGKILL)
    dibunuh = time.monotonic()
    pertama.wait(timeout=10)
    pekerja_proses.mulai("kedua", penyapu=False, visibility=15)

    def selesai():
        assert pekerja_proses.proses[-1].poll() is None, pekerja_proses.log("kedua")[-3000:]
        b = BerkasRekap.objects.get(pk=berkas.pk)
        return b if b.status in ("SELESAI", "GAGAL") else None

    berkas = tunggu(selesai, batas=BATAS_PULIH, jeda=0.25, pesan="pesan kembali dari Redis")
    lama = time.monotonic() - dibunuh
    _catat("zip-visibility-redis", lama, sapuan=0, lease=settings.IMP_PEKERJAAN_LEASE)
    assert berkas.status == "SELESAI", (berkas.pesan_galat, pekerja_proses.log("kedua"))
    assert (berkas.percobaan, BerkasRekap.objects.count()) == (2, 1)
    berkas_disk = [p for p in pekerja_proses.media.rglob("*") if p.is_file()]
    assert len(berkas_disk) == 1 and berkas_disk[0].read_bytes()[:2] == b"PK"
