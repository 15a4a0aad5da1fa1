"""The district PDF made by a real Celery worker over Redis, checked with pdftotext."""

import subprocess
import time
from datetime import date

import pytest

from imp_smart.models import Pekerjaan
from laporan import services, services_rekap
from laporan.models import BerkasRekap, LaporanDesa
from tests.laporan.factories import isi_register

pytestmark = pytest.mark.integration
BULAN = date(2025, 3, 1)


def tunggu_selesai(pk: int, batas: float = 120, model=BerkasRekap) -> BerkasRekap:
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        berkas = model.objects.get(pk=pk)
        if berkas.status in (model.Status.SELESAI, model.Status.GAGAL):
            return berkas
        time.sleep(0.3)
    raise AssertionError(f"berkas {pk} belum selesai: {model.objects.get(pk=pk).status}")


def teks_pdf(isi: bytes, tmp_path) -> str:
    jalur = tmp_path / "rekap.pdf"
    jalur.write_bytes(isi)
    hasil = subprocess.run(
        ["pdftotext", "-layout", str(jalur), "-"], capture_output=True, text=True, check=True
    )
    return hasil.stdout


def test_district_pdf_in_real_worker_then_version_2(celery_real_worker, area, users, tmp_path):
    # Desa A: 5 PUS, approved (frozen). Desa B: 2 PUS from the register, not approved.
    isi_register(
        dusun=area.dusun_a1, bulan=BULAN, pb=1, status=["SUNTIK", "PIL", "IUD", "HAMIL", "TIAL"]
    )
    from tests.factories import DusunFactory

    isi_register(
        dusun=DusunFactory(induk=area.desa_b, nama="B1"), bulan=BULAN, status=["IMPLAN", "IAS"]
    )
    lap = services.laporan_buat(desa=area.desa_a, bulan=BULAN)
    services.laporan_simpan(
        laporan=lap, oleh=users.ppkbd, nilai={}, alasan={}, nihil=True, catatan=""
    )
    services.laporan_kirim(laporan=lap, oleh=users.ppkbd)
    services.laporan_verifikasi(laporan=lap, oleh=users.penyuluh)
    services.laporan_setujui(laporan=lap, oleh=users.koordinator)
    assert LaporanDesa.objects.get().angka_beku["pus"] == 5

    satu = services_rekap.rekap_minta(bulan=BULAN, jenis="KABUPATEN", oleh=users.dinas)
    assert not satu.antrian_gagal
    satu = tunggu_selesai(satu.pk)
    assert satu.status == BerkasRekap.Status.SELESAI, satu.pesan_galat
    assert (satu.versi, satu.progres, len(satu.sha256)) == (1, 100, 64)
    teks = teks_pdf(satu.berkas.read(), tmp_path)
    baris = teks.splitlines()
    # Totals: 7 PUS, 4 PA (suntik, pil, IUD of A + implan of B), CPR 57,14.
    jumlah = next(b for b in baris if b.strip().startswith("Jumlah") and "57,14" in b)
    assert " 7 " in f" {jumlah} " and " 4 " in f" {jumlah} "
    desa_a = next(b for b in baris if b.strip().startswith("Desa A"))
    assert "Disetujui" in desa_a and "60,00" in desa_a  # CPR 3/5
    desa_b = next(b for b in baris if b.strip().startswith("Desa B"))
    assert "Belum disetujui" in desa_b
    assert "Cakupan dan ketepatan waktu laporan" in teks
    cakupan = [b for b in baris if "Kecamatan K" in b and "50,00" in b]
    assert cakupan, "coverage row of Kecamatan K (1 of 2 desa approved) missing"

    dua = services_rekap.rekap_minta(bulan=BULAN, jenis="KABUPATEN", oleh=users.dinas)
    dua = tunggu_selesai(dua.pk)
    assert (dua.versi, dua.status) == (2, BerkasRekap.Status.SELESAI)
    assert BerkasRekap.objects.filter(bulan=BULAN).count() == 2


def test_job_of_a_killed_worker_is_picked_up_again(celery_real_worker, area, users):
    """A row left in PROSES by a worker that died mid-render: the beat sweeper puts it back
    in the queue and the live worker finishes it, once."""
    from datetime import timedelta

    from django.utils import timezone

    from imp_smart.tasks import pekerjaan_sapu

    mati = BerkasRekap.objects.create(
        bulan=BULAN,
        jenis="KABUPATEN",
        versi=1,
        status=BerkasRekap.Status.PROSES,
        token_klaim="pekerja-mati",
        progres=55,
        mulai_pada=timezone.now() - timedelta(hours=1),
    )
    # The dead worker's message is redelivered too (acks_late): the claim makes it a no-op.
    assert services_rekap.rekap_buat(berkas_id=mati.pk) is False
    pekerjaan_sapu.delay()
    mati = tunggu_selesai(mati.pk)
    assert mati.status == BerkasRekap.Status.SELESAI and mati.percobaan == 1
    assert mati.token_klaim != "pekerja-mati" and mati.berkas.read(4) == b"%PDF"
    assert BerkasRekap.objects.count() == 1


def test_district_draft_sk_in_real_worker(celery_real_worker, area, users, tmp_path):
    """The yearly draft SK of the whole kabupaten rides the same file jobs on the worker."""
    from tests.factories import KaderFactory, PengurusFactory

    ketua = KaderFactory(institusi=area.ppkbd_a, nama="Ketua Melati Uji")
    PengurusFactory(kader=ketua, jabatan="ketua")
    from kader import draft_sk

    berkas = draft_sk.draft_sk_minta(tahun=2026, oleh=users.dinas)
    berkas = tunggu_selesai(berkas.pk, model=Pekerjaan)
    assert berkas.status == BerkasRekap.Status.SELESAI, berkas.pesan_galat
    teks = " ".join(teks_pdf(berkas.berkas.read(), tmp_path).split())
    assert "Melati" in teks and "Ketua Melati Uji" in teks and "Anggrek" in teks
    assert berkas.nama_berkas == "draf-sk-pengurus-2026-v1.pdf"
