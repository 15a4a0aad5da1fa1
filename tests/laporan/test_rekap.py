"""District recap jobs: versions, claim, retries, sweeper, Redis down; the PDF's content."""

import subprocess
import zipfile
from datetime import date, timedelta
from io import BytesIO
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from imp_smart import jobs
from laporan import services_rekap
from laporan.models import BerkasRekap, LaporanDesa
from tests.laporan.factories import LaporanDesaFactory, angka_seimbang

BULAN = date(2025, 3, 1)
B = BerkasRekap.Status


def pdf_teks(isi: bytes, tmp_path) -> str:
    berkas = tmp_path / "rekap.pdf"
    berkas.write_bytes(isi)
    return subprocess.run(
        ["pdftotext", "-layout", str(berkas), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def disetujui(area, angka_tetap):
    """Desa A approved with frozen figures; desa B only sent; desa X nothing."""
    from laporan import angka as A

    beku = A.dengan_indikator(
        angka_seimbang(
            pus=1234,
            pa_suntik=1220,
            hamil=14,
            ias=0,
            iat=0,
            tial=0,
            pa_iud=0,
            pa_implan=0,
            pa_pil=0,
            pa_tradisional=0,
        )
    )
    LaporanDesaFactory(
        desa=area.desa_a,
        bulan=BULAN,
        status=LaporanDesa.Status.DISETUJUI,
        angka_beku=beku,
        dikirim_pertama_pada=timezone.now(),
    )
    LaporanDesaFactory(desa=area.desa_b, bulan=BULAN, status=LaporanDesa.Status.DIKIRIM)
    return area


def test_request_creates_numbered_versions(disetujui, users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        satu = services_rekap.rekap_minta(bulan=BULAN, jenis="KABUPATEN", oleh=users.dinas)
    satu.refresh_from_db()
    assert (satu.versi, satu.status, satu.progres) == (1, B.SELESAI, 100)
    isi = satu.berkas.read()
    assert isi[:4] == b"%PDF"
    import hashlib

    assert satu.sha256 == hashlib.sha256(isi).hexdigest() and satu.ukuran == len(isi)
    with django_capture_on_commit_callbacks(execute=True):
        dua = services_rekap.rekap_minta(bulan=BULAN, jenis="KABUPATEN", oleh=users.dinas)
    dua.refresh_from_db()
    assert (dua.versi, dua.status) == (2, B.SELESAI)


def test_pdf_text_has_totals_desa_rows_and_coverage(disetujui, tmp_path):
    berkas = BerkasRekap.objects.create(bulan=BULAN, jenis="KABUPATEN", versi=1)
    assert services_rekap.rekap_buat(berkas_id=berkas.pk) is True
    berkas.refresh_from_db()
    teks = pdf_teks(berkas.berkas.read(), tmp_path)
    assert "REKAPITULASI BULANAN" in teks and "Maret 2025" in teks
    assert "1.234" in teks  # PUS of desa A (frozen), Indonesian thousands
    assert "Desa A" in teks and "Belum disetujui" in teks  # desa B/X flagged
    assert "Cakupan dan ketepatan waktu laporan" in teks
    assert "33,33" in teks  # coverage 1 of 3 desa approved


def test_claim_runs_once(disetujui):
    berkas = BerkasRekap.objects.create(bulan=BULAN, jenis="KABUPATEN", versi=1)
    assert services_rekap.rekap_buat(berkas_id=berkas.pk) is True
    assert services_rekap.rekap_buat(berkas_id=berkas.pk) is False
    assert BerkasRekap.objects.get().versi == 1


def test_failure_goes_back_to_queue_then_fails_after_max(disetujui):
    berkas = BerkasRekap.objects.create(bulan=BULAN, jenis="KABUPATEN", versi=1)
    with mock.patch.object(services_rekap, "render_pdf", side_effect=OSError("font hilang")):
        for _ in range(services_rekap.MAKS_PERCOBAAN - 1):
            with pytest.raises(OSError):
                services_rekap.rekap_buat(berkas_id=berkas.pk)
            berkas.refresh_from_db()
            assert berkas.status == B.ANTRI and "font hilang" in berkas.pesan_galat
        with pytest.raises(OSError):
            services_rekap.rekap_buat(berkas_id=berkas.pk)
    berkas.refresh_from_db()
    assert berkas.status == B.GAGAL and not berkas.berkas


def test_sweeper_requeues_stuck_job_and_stale_holder_cannot_finish(disetujui):
    berkas = BerkasRekap.objects.create(
        bulan=BULAN,
        jenis="KABUPATEN",
        versi=1,
        status=B.PROSES,
        token_klaim="mati",
        mulai_pada=timezone.now() - timedelta(hours=1),
    )
    with mock.patch.object(jobs, "antrekan") as antrekan:
        assert jobs.sapu(BerkasRekap) >= 1
    berkas.refresh_from_db()
    assert berkas.status == B.ANTRI and berkas.token_klaim == ""
    antrekan.assert_called_with(berkas.pk)
    assert services_rekap.rekap_buat(berkas_id=berkas.pk) is True
    # The dead worker's token no longer matches: it could not have overwritten the result.
    assert BerkasRekap.objects.filter(pk=berkas.pk, token_klaim="mati").count() == 0


@pytest.mark.django_db(transaction=True)
def test_redis_down_keeps_request_and_says_so(client, users, disetujui, monkeypatch):
    # Real commits (no test transaction): the enqueue happens when the view's write commits.
    from imp_smart import celery_app

    monkeypatch.setattr(celery_app.conf, "task_always_eager", False)
    client.force_login(users.dinas)
    url = reverse("laporan:rekap_minta", args=["2025-03"])
    with mock.patch("laporan.tasks.rekap_buat.delay", side_effect=OperationalError("refused")):
        respons = client.post(url, {"jenis": "KABUPATEN"}, follow=True)
    assert respons.status_code == 200
    assert "Redis" in respons.content.decode() and "tersimpan" in respons.content.decode()
    berkas = BerkasRekap.objects.get()
    assert berkas.status == B.ANTRI and berkas.antrian_gagal
    # Redis is back: the next request reuses the waiting row (no new version) and enqueues it.
    with mock.patch("laporan.tasks.rekap_buat.delay") as delay:
        client.post(url, {"jenis": "KABUPATEN"})
    delay.assert_called_once_with(berkas.pk)
    berkas.refresh_from_db()
    assert BerkasRekap.objects.count() == 1 and berkas.versi == 1
    assert berkas.status == B.ANTRI and not berkas.antrian_gagal


def test_render_error_in_eager_mode_is_recorded_not_500(
    client, users, disetujui, django_capture_on_commit_callbacks
):
    client.force_login(users.dinas)
    url = reverse("laporan:rekap_minta", args=["2025-03"])
    rusak = mock.patch.object(services_rekap, "render_pdf", side_effect=ValueError("rusak"))
    with rusak, django_capture_on_commit_callbacks(execute=True):
        respons = client.post(url, {"jenis": "KABUPATEN"})
    assert respons.status_code == 302
    berkas = BerkasRekap.objects.get()
    assert "rusak" in berkas.pesan_galat and berkas.status in (B.ANTRI, B.GAGAL)


def test_sweeper_enqueues_rows_redis_never_got(disetujui):
    berkas = BerkasRekap.objects.create(bulan=BULAN, jenis="KABUPATEN", versi=1, antrian_gagal=True)
    jobs.sapu(BerkasRekap)  # eager in tests: the job runs right away
    berkas.refresh_from_db()
    assert berkas.status == B.SELESAI and not berkas.antrian_gagal


def test_zip_has_one_pdf_per_kecamatan(disetujui):
    berkas = BerkasRekap.objects.create(bulan=BULAN, jenis="ZIP_KECAMATAN", versi=1)
    services_rekap.rekap_buat(berkas_id=berkas.pk)
    berkas.refresh_from_db()
    arsip = zipfile.ZipFile(BytesIO(berkas.berkas.read()))
    nama = sorted(arsip.namelist())
    assert len(nama) == 2 and all(n.endswith(".pdf") for n in nama)
    assert arsip.read(nama[0])[:4] == b"%PDF"


def test_beat_schedules_registered_once(db):
    from django_celery_beat.models import PeriodicTask

    from laporan.beat import daftarkan_jadwal

    daftarkan_jadwal()
    daftarkan_jadwal()
    tugas = PeriodicTask.objects.filter(name__startswith="laporan:")
    assert tugas.count() == 5  # recap, reminders, sweeper, two snapshot refreshes
    rekap = tugas.get(task="laporan.tasks.rekap_jadwal")
    assert rekap.crontab.day_of_month == "15"


def test_scheduled_recap_is_for_previous_month(disetujui, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        berkas = services_rekap.rekap_jadwal(hari_ini=date(2025, 4, 15))
    assert berkas.bulan == BULAN and berkas.jenis == "KABUPATEN"
