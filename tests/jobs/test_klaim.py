"""Claim, lease, heartbeat, finish-once and sweep (imp_smart/jobs.py) on PostgreSQL, over the
one job model: a plain job (kader's draft SK) and a job with a domain row (imports)."""

import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from imp_smart import jobs
from imp_smart.models import Pekerjaan
from kader import draft_sk
from pendataan import impor
from pendataan.models import Anggota, Impor

BULAN_SK = timezone.datetime(2026, 1, 1).date()


def _draft_sk(**nilai) -> Pekerjaan:
    """A job of kader's draft SK (a plain job row, no domain row)."""
    return Pekerjaan.objects.create(
        jenis_pekerjaan=draft_sk.JENIS,
        kunci=str(BULAN_SK.year),
        parameter={"tahun": BULAN_SK.year},
        nama_berkas=f"draf-sk-pengurus-{BULAN_SK.year}-v1.pdf",
        **nilai,
    )


@pytest.fixture
def berkas(db):
    return _draft_sk()


@pytest.fixture
def impor_job(users, area):
    from tests.pendataan.test_impor import _csv_keluarga

    job = Impor(jenis="keluarga", nama_berkas="k.csv", oleh=users.ppkbd)
    job.berkas.save("k.csv", ContentFile(_csv_keluarga(area)), save=False)
    job.save()
    return job


def _kedaluwarsa(model, pk):
    model.objects.filter(pk=pk).update(lease_sampai=timezone.now() - timedelta(seconds=1))


@pytest.mark.parametrize("model_fixture", ["berkas", "impor_job"])
def test_second_claim_loses_while_lease_is_live_then_wins_when_it_lapses(request, model_fixture):
    obj = request.getfixturevalue(model_fixture)
    model = type(obj)
    satu = jobs.klaim(model, obj.pk)
    assert satu is not None and satu.percobaan == 1
    assert jobs.klaim(model, obj.pk) is None  # live lease: nobody else
    assert 0 < jobs.sisa_lease(model, obj.pk) <= 40
    _kedaluwarsa(model, obj.pk)
    dua = jobs.klaim(model, obj.pk)
    assert dua is not None and dua.percobaan == 2 and dua.token != satu.token
    # The first holder's result is refused: only the live claim may finish.
    assert jobs.perpanjang(satu) is False
    assert jobs.selesaikan(satu) is False
    assert jobs.selesaikan(dua) is True
    obj.refresh_from_db()
    assert obj.status == model.Status.SELESAI and obj.lease_sampai is None
    assert jobs.klaim(model, obj.pk) is None  # done: a redelivered message is a no-op
    assert obj.percobaan == 2


@pytest.mark.django_db(transaction=True)
def test_two_workers_claiming_at_once_one_wins():
    """Eight threads (eight connections) race for one row: exactly one claim."""
    b = _draft_sk()
    mulai = threading.Barrier(8)
    hasil = []

    def ambil():
        try:
            mulai.wait()
            hasil.append(jobs.klaim(Pekerjaan, b.pk))
        finally:
            connection.close()

    benang = [threading.Thread(target=ambil) for _ in range(8)]
    for t in benang:
        t.start()
    for t in benang:
        t.join()
    menang = [k for k in hasil if k is not None]
    assert len(hasil) == 8 and len(menang) == 1
    b.refresh_from_db()
    assert b.percobaan == 1 and b.token_klaim == menang[0].token


@pytest.mark.django_db(transaction=True)
def test_two_sweepers_at_once_send_a_dead_job_once():
    b = _draft_sk(status="PROSES", percobaan=1)
    _kedaluwarsa(Pekerjaan, b.pk)
    Pekerjaan.objects.filter(pk=b.pk).update(diantrekan_pada=timezone.now())
    terkirim = []
    mulai = threading.Barrier(4)

    def sapu():
        try:
            mulai.wait()
            jobs.sapu(Pekerjaan, kirim=terkirim.append)
        finally:
            connection.close()

    benang = [threading.Thread(target=sapu) for _ in range(4)]
    for t in benang:
        t.start()
    for t in benang:
        t.join()
    assert terkirim == [b.pk]
    b.refresh_from_db()
    assert b.status == "ANTRI" and b.token_klaim == "" and b.tahap.startswith("Menunggu")


def test_sweeper_leaves_live_leases_and_fails_jobs_out_of_attempts(berkas, impor_job):
    hidup = jobs.klaim(Pekerjaan, berkas.pk)
    mati = jobs.klaim(Impor, impor_job.pk)
    Impor.objects.filter(pk=impor_job.pk).update(percobaan=Impor.MAKS_PERCOBAAN)
    _kedaluwarsa(Impor, impor_job.pk)
    terkirim = []
    jobs.sapu(Pekerjaan, kirim=terkirim.append)
    jobs.sapu(Impor, kirim=terkirim.append)
    assert terkirim == []
    assert Pekerjaan.objects.get(pk=berkas.pk).token_klaim == hidup.token
    impor_job.refresh_from_db()
    assert impor_job.status == Impor.Status.GAGAL and "4 kali" in impor_job.pesan_galat
    assert jobs.selesaikan(mati) is False


def test_claim_of_an_expired_job_out_of_attempts_fails_it_with_a_message(berkas):
    Pekerjaan.objects.filter(pk=berkas.pk).update(
        status="PROSES", percobaan=Pekerjaan.MAKS_PERCOBAAN
    )
    _kedaluwarsa(Pekerjaan, berkas.pk)
    assert draft_sk.draft_sk_buat(pekerjaan_id=berkas.pk) is False
    berkas.refresh_from_db()
    assert berkas.status == "GAGAL" and "berhenti di tengah jalan" in berkas.pesan_galat


def test_failed_job_message_on_its_pages(client, users, berkas, impor_job):
    pesan = jobs.PESAN_HABIS.format(n=4)
    Pekerjaan.objects.filter(pk=berkas.pk).update(status="GAGAL", pesan_galat=pesan)
    Impor.objects.filter(pk=impor_job.pk).update(status="GAGAL", pesan_galat=pesan)
    client.force_login(users.dinas)
    status = client.get(reverse("pekerjaan_status", args=[berkas.pk])).json()
    assert status["status"] == "GAGAL" and status["pesan_galat"] == pesan
    halaman = client.get(reverse("kader:sk_draft") + "?tahun=2026").content.decode()
    assert "berhenti di tengah jalan" in halaman
    client.force_login(users.ppkbd)
    halaman = client.get(impor_job.get_absolute_url()).content.decode()
    assert "Impor gagal diproses" in halaman and "berhenti di tengah jalan" in halaman
    assert "0 kesalahan ditemukan" not in halaman


@pytest.mark.django_db(transaction=True)
def test_heartbeat_renews_the_lease_and_notices_a_lost_claim():
    b = _draft_sk()
    k = jobs.klaim(Pekerjaan, b.pk)
    awal = Pekerjaan.objects.get(pk=b.pk).lease_sampai
    with jobs.detak(k, setiap=0.05):
        threading.Event().wait(0.3)
        diperpanjang = Pekerjaan.objects.get(pk=b.pk)
        assert diperpanjang.lease_sampai > awal and diperpanjang.detak is not None
        Pekerjaan.objects.filter(pk=b.pk).update(token_klaim="orang-lain")
        assert k.hilang.wait(2)


def test_redelivered_message_for_a_finished_recap_does_nothing(berkas):
    assert draft_sk.draft_sk_buat(pekerjaan_id=berkas.pk) is True
    berkas.refresh_from_db()
    hasil = (berkas.berkas.name, berkas.sha256, berkas.selesai_pada, berkas.percobaan)
    assert draft_sk.draft_sk_buat(pekerjaan_id=berkas.pk) is False
    berkas.refresh_from_db()
    assert (berkas.berkas.name, berkas.sha256, berkas.selesai_pada, berkas.percobaan) == hasil


def test_import_that_lost_its_claim_writes_nothing(impor_job):
    """The rows and the SELESAI commit together: a run whose claim was taken over while it
    wrote (the sweeper saw a lapsed lease) rolls its rows back."""
    from pendataan.impor import keluarga

    asli = keluarga.tulis

    def tulis_lalu_diambil(data, hasil):
        asli(data, hasil)
        Impor.objects.filter(pk=impor_job.pk).update(token_klaim="pekerja-baru")

    with mock.patch.object(keluarga, "tulis", tulis_lalu_diambil):
        assert impor.impor_proses(impor_id=impor_job.pk) is False
    assert not Anggota.objects.exists()
    Impor.objects.filter(pk=impor_job.pk).update(status="ANTRI")
    assert impor.impor_proses(impor_id=impor_job.pk) is True
    impor_job.refresh_from_db()
    assert impor_job.status == Impor.Status.SELESAI and impor_job.percobaan == 2
    assert Anggota.objects.count() == 3


def test_import_error_goes_back_to_queue_then_fails_after_max(impor_job):
    with mock.patch.object(impor, "jalankan_impor", side_effect=OSError("disk penuh")):
        for _ in range(Impor.MAKS_PERCOBAAN - 1):
            with pytest.raises(OSError):
                impor.impor_proses(impor_id=impor_job.pk)
            impor_job.refresh_from_db()
            assert impor_job.status == Impor.Status.ANTRI and "disk penuh" in impor_job.pesan_galat
        with pytest.raises(OSError):
            impor.impor_proses(impor_id=impor_job.pk)
    impor_job.refresh_from_db()
    assert impor_job.status == Impor.Status.GAGAL and impor_job.token_klaim == ""


def test_task_retries_after_the_lease_when_a_live_claim_holds_the_row(berkas):
    jobs.klaim(Pekerjaan, berkas.pk)
    tugas = mock.Mock(max_retries=3, request=mock.Mock(is_eager=False, retries=0))
    tugas.retry.side_effect = RuntimeError("retry")
    with pytest.raises(RuntimeError, match="retry"):
        jobs.tunda_bila_dipegang(tugas, Pekerjaan, berkas.pk)
    assert 30 <= tugas.retry.call_args.kwargs["countdown"] <= 42
    Pekerjaan.objects.filter(pk=berkas.pk).update(status="SELESAI")
    jobs.tunda_bila_dipegang(tugas, Pekerjaan, berkas.pk)  # done: no retry
    assert tugas.retry.call_count == 1


def test_sweep_every_job_model_and_beat_every_minute(db):
    from django_celery_beat.models import PeriodicTask

    from laporan.beat import daftarkan_jadwal
    from laporan.models import BerkasRekap

    kelas = {j.kode: j.kelas() for j in jobs.jenis_terdaftar()}  # other kinds may follow
    assert {k: kelas[k] for k in ("laporan.rekap", "pendataan.impor", draft_sk.JENIS)} == {
        "laporan.rekap": BerkasRekap,
        "pendataan.impor": Impor,
        draft_sk.JENIS: Pekerjaan,
    }
    daftarkan_jadwal()
    sapu = PeriodicTask.objects.get(task="imp_smart.tasks.pekerjaan_sapu")
    assert sapu.crontab.minute == "*" and sapu.crontab.hour == "*"
    assert not PeriodicTask.objects.filter(task="laporan.tasks.rekap_sapu").exists()


def test_time_limits_lease_and_visibility_fit_together(settings):
    """Soft < hard < visibility timeout for every job task; a killed job is sent again within
    2 minutes: lease + one beat interval (60 s) ≤ 120 s, with ≥ 3 heartbeats per lease."""
    from imp_smart import celery_app
    from kader.tasks import draft_sk_buat
    from laporan.tasks import rekap_buat
    from pendataan.tasks import impor_proses

    conf = celery_app.conf
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    for tugas in (rekap_buat, impor_proses, draft_sk_buat):
        keras = tugas.time_limit or conf.task_time_limit
        lunak = tugas.soft_time_limit or conf.task_soft_time_limit
        assert lunak < keras < visibility, tugas.name
        assert tugas.acks_late and tugas.reject_on_worker_lost, tugas.name
    assert visibility <= max(conf.task_time_limit, impor_proses.time_limit) + 120
    # Redelivery after a dead pool process only where attempts are counted (no endless loop).
    assert not conf.task_reject_on_worker_lost
    from laporan.tasks import cuplikan_perbarui

    assert not cuplikan_perbarui.reject_on_worker_lost
    assert settings.IMP_PEKERJAAN_LEASE + 60 <= 120
    assert settings.IMP_PEKERJAAN_DETAK * 3 <= settings.IMP_PEKERJAAN_LEASE


@pytest.mark.django_db(transaction=True)
def test_upload_with_redis_down_waits_and_the_sweeper_sends_it(client, users, area, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from kombu.exceptions import OperationalError

    from imp_smart import celery_app
    from tests.pendataan.test_impor import _csv_keluarga

    monkeypatch.setattr(celery_app.conf, "task_always_eager", False)
    client.force_login(users.ppkbd)
    berkas = SimpleUploadedFile("k.csv", _csv_keluarga(area), content_type="text/csv")
    mati = mock.patch("pendataan.tasks.impor_proses.delay", side_effect=OperationalError("x"))
    with mati:
        resp = client.post(
            reverse("pendataan:impor_create"), {"jenis": "keluarga", "berkas": berkas}
        )
    job = Impor.objects.get()
    assert resp.status_code == 302 and job.status == Impor.Status.ANTRI and job.antrian_gagal
    with mock.patch("pendataan.tasks.impor_proses.delay") as delay:
        assert jobs.sapu(Impor) == 1
        assert jobs.sapu(Impor) == 0  # sent just now: not again
    delay.assert_called_once_with(job.pk)
    job.refresh_from_db()
    assert not job.antrian_gagal and job.diantrekan_pada is not None


@pytest.mark.django_db(transaction=True)
def test_run_whose_row_was_taken_over_stops_at_the_next_step(monkeypatch):
    """The heartbeat finds the row taken over (the sweeper saw a lapsed lease): the run stops
    before rendering and writes nothing, and its task does not retry."""
    from kader import selectors

    monkeypatch.setattr(jobs, "jeda_detak", lambda: 0.05)
    b = _draft_sk()
    asli = selectors.konteks_draft_sk

    def diambil_alih(**kwargs):
        Pekerjaan.objects.filter(pk=b.pk).update(token_klaim="pekerja-baru")
        threading.Event().wait(0.5)  # the heartbeat notices meanwhile
        return asli(**kwargs)

    monkeypatch.setattr(selectors, "konteks_draft_sk", diambil_alih)
    with mock.patch.object(draft_sk, "render_pdf") as render:
        assert draft_sk.draft_sk_buat(pekerjaan_id=b.pk) is False
    render.assert_not_called()
    b.refresh_from_db()
    assert b.token_klaim == "pekerja-baru" and b.status == "PROSES" and not b.berkas
