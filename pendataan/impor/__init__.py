"""Imports of DOMAIN.md §8.1 (families) and §8.2 (KB status): read, validate every row, then
write all or nothing. Used by the upload page (through a Celery task) and by the commands."""

import csv
import io
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Now

from imp_smart import jobs
from imp_smart.ekspor import baris_aman
from kader.scoping import lihat_semua
from pendataan.impor import keluarga, status
from pendataan.impor.baca import (
    BATAS_SIMPAN_KESALAHAN,
    KOLOM_KELUARGA,
    KOLOM_STATUS,
    Hasil,
    baca_berkas,
    cek_kepala,
    tanggal_dari,
)
from pendataan.models import Impor

_LANGKAH = {
    Impor.Jenis.KELUARGA: (keluarga.periksa, lambda data, user, hasil: keluarga.tulis(data, hasil)),
    Impor.Jenis.STATUS_KB: (status.periksa, status.tulis),
}


def jalankan_impor(
    *,
    jenis: str,
    isi: bytes,
    nama: str,
    user=None,
    progres: Callable[[int, int], None] | None = None,
    dalam_transaksi: Callable[[Hasil], None] | None = None,
) -> Hasil:
    """Validate every row; with no error write everything in one transaction, else nothing.
    `user` limits rows to their areas (None = no limit, for the management commands).
    `dalam_transaksi(hasil)` runs inside the write's transaction, after the rows (the job marks
    itself done there: rows and outcome commit together, or neither)."""
    hasil = Hasil()
    try:
        rows = baca_berkas(isi, nama)
    except ValidationError as e:
        hasil.salah(1, "", e.messages[0])
        return hasil
    total = len(rows)
    lapor = (lambda i: progres(i, total)) if progres else (lambda i: None)
    if not cek_kepala(rows, jenis, hasil):
        return hasil
    cek, tulis = _LANGKAH[jenis]
    data = cek(rows, user, hasil, lapor)
    if hasil.kesalahan:
        return hasil
    # Every row checked: the page now says "saving" (the write is one transaction, so it can
    # show no row count of its own: 29 s of the 32 s of a 50,000-row file at district scale).
    lapor(total)
    with transaction.atomic():
        tulis(data, user, hasil)
        hasil.ringkasan["baris"] = len(data)
        if dalam_transaksi is not None:
            dalam_transaksi(hasil)
    return hasil


@transaction.atomic
def impor_buat(*, jenis: str, berkas, oleh) -> Impor:
    """Store an uploaded file and queue its processing once the row is committed. With Redis
    down the row waits (`antrian_gagal`) and the job sweeper sends it later."""
    job = Impor(jenis=jenis, nama_berkas=berkas.name[:200], oleh=oleh)
    job.berkas.save(berkas.name, berkas, save=False)
    job.save()
    transaction.on_commit(lambda: jobs.antrekan(job.pk))
    return job


def _hasil_ke_kolom(hasil: Hasil) -> dict:
    return {
        "kesalahan": hasil.kesalahan[:BATAS_SIMPAN_KESALAHAN],
        "jumlah_kesalahan": len(hasil.kesalahan),
        "ringkasan": {
            **hasil.ringkasan,
            "peringatan": hasil.peringatan[:100],
            "jumlah_peringatan": len(hasil.peringatan),
        },
        "progres": 100,
        "tahap": "Selesai" if hasil.berhasil else "Ditolak (ada kesalahan)",
    }


def impor_proses(*, impor_id: int) -> bool:
    """Run a queued import once. False if another run holds (or finished) it.

    The claim, lease and heartbeat come from imp_smart/jobs.py. The rows and the SELESAI status
    are written in one transaction guarded by the claim's token: a worker killed mid-import
    leaves nothing behind (PostgreSQL rolls the open transaction back), the sweeper re-queues
    the row, and the next run starts again from the first row.
    """
    S = Impor.Status
    k = jobs.klaim(
        Impor,
        impor_id,
        mulai_pada=Now(),
        progres=0,
        baris_diproses=0,
        jumlah_baris=0,
        pesan_galat="",
    )
    if k is None:
        return False
    job = Impor.objects.select_related("oleh").get(pk=impor_id)

    def progres(i: int, total: int) -> None:
        tahap = "Menyimpan ke register" if i >= total else "Memeriksa baris"
        k.lapor(i * 100 // total if total else 0, tahap, baris_diproses=i, jumlah_baris=total)

    def tandai_selesai(hasil: Hasil) -> None:
        if not jobs.selesaikan(k, status=S.SELESAI, **_hasil_ke_kolom(hasil)):
            raise jobs.KlaimHilang(f"impor {impor_id}: klaim diambil alih; dibatalkan")

    try:
        with jobs.detak(k):
            with job.berkas.open("rb") as f:
                isi = f.read()
            hasil = jalankan_impor(
                jenis=job.jenis,
                isi=isi,
                nama=job.nama_berkas,
                user=job.oleh,
                progres=progres,
                dalam_transaksi=tandai_selesai,
            )
    except jobs.KlaimHilang:
        return False  # rolled back; the run that holds the row now does the import
    except Exception as exc:
        jobs.lepaskan(k, exc)  # back to the queue (GAGAL after the last attempt)
        raise
    if not hasil.berhasil:  # rows with errors: nothing written, the list is the outcome
        return jobs.selesaikan(k, status=S.GAGAL, **_hasil_ke_kolom(hasil))
    return True


def _impor_terlihat(user, qs):
    """Kabupaten-wide roles see every import; others only their own uploads."""
    return qs if lihat_semua(user) else qs.filter(diminta_oleh=user)


def jenis_pekerjaan() -> jobs.JenisPekerjaan:
    """Registered by PendataanConfig.ready(): the task, and who may see an import's progress
    (the uploaded file holds NIK: it is never offered for download)."""
    return jobs.JenisPekerjaan(
        kode=Impor.JENIS_PEKERJAAN,
        label="Impor data",
        tugas="pendataan.tasks.impor_proses",
        izin="pendataan.view_impor",
        terlihat=_impor_terlihat,
        model="pendataan.Impor",
        unduhan=False,
    )


def kesalahan_csv(job: Impor) -> str:
    """The stored errors as CSV: baris, kolom, pesan."""
    keluar = io.StringIO()
    w = csv.writer(keluar)
    w.writerow(["baris", "kolom", "pesan"])
    for k in job.kesalahan:  # column names and messages quote the uploaded file: never a formula
        w.writerow(baris_aman([k["baris"], k["kolom"], k["pesan"]]))
    if job.jumlah_kesalahan > len(job.kesalahan):
        w.writerow(["", "", f"… dan {job.jumlah_kesalahan - len(job.kesalahan)} kesalahan lain"])
    return keluar.getvalue()


__all__ = [
    "KOLOM_KELUARGA",
    "KOLOM_STATUS",
    "Hasil",
    "baca_berkas",
    "impor_buat",
    "impor_proses",
    "jalankan_impor",
    "kesalahan_csv",
    "tanggal_dari",
]
