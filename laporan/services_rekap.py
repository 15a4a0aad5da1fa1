"""Recap files made in the background (STYLE.md §6): request → queue → claim → render → store.

A request creates a numbered version in ANTRI and enqueues its id after commit. The worker claims
the row by a conditional UPDATE (ANTRI → PROSES with a fresh token), so a duplicate message does
nothing; only the holder of the token may finish it. A worker killed mid-render leaves PROSES
behind: `rekap_sapu` (beat) puts it back in the queue after the time limit. With Redis down the
row stays ANTRI with `antrian_gagal` set, and the sweeper or the next request enqueues it again.
"""

import hashlib
import io
import logging
import zipfile
from datetime import date, timedelta
from uuid import uuid4

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from kombu.exceptions import OperationalError as KombuOperationalError

from imp_smart.pdf import render_pdf
from laporan import selectors_rekap
from laporan.models import BerkasRekap

log = logging.getLogger(__name__)
B = BerkasRekap.Status
MAKS_PERCOBAAN = 4
GALAT_ANTREAN = (KombuOperationalError, OSError, ConnectionError)
TEMPLATE_PDF = "laporan/pdf/rekap_kabupaten.html"


def _antrekan(berkas_id: int) -> bool:
    """Send the id to the worker now; False (and the row flagged) when Redis is unreachable."""
    from laporan.tasks import rekap_buat as rekap_buat_task

    if rekap_buat_task.app.conf.task_always_eager:
        # No broker (embedded demo): the job runs here; its row records any failure.
        BerkasRekap.objects.filter(pk=berkas_id, antrian_gagal=True).update(antrian_gagal=False)
        try:
            rekap_buat_task.delay(berkas_id)
        except Exception:
            log.exception("Berkas rekap %s gagal dibuat", berkas_id)
        return True
    try:
        rekap_buat_task.delay(berkas_id)
    except GALAT_ANTREAN:
        log.warning("Antrean tidak terjangkau; berkas rekap %s menunggu", berkas_id)
        BerkasRekap.objects.filter(pk=berkas_id).update(antrian_gagal=True)
        return False
    BerkasRekap.objects.filter(pk=berkas_id, antrian_gagal=True).update(antrian_gagal=False)
    return True


def rekap_minta(*, bulan: date, jenis: str, oleh=None) -> BerkasRekap:
    """Ask for a recap file: a new version, or the one already waiting for that month.

    Returns the row; `antrian_gagal` on it tells whether the queue could be reached.
    """
    for _ in range(3):
        try:
            with transaction.atomic():
                berkas, baru = _catat_permintaan(bulan=bulan, jenis=jenis, oleh=oleh)
        except IntegrityError:  # two requests took the same version number at once
            continue
        break
    else:
        raise RuntimeError("Nomor versi rekap tidak dapat ditentukan")
    # After the commit: the worker's connection must find the row (delay on commit).
    transaction.on_commit(lambda: _antrekan(berkas.pk))
    berkas.refresh_from_db()
    return berkas


def _catat_permintaan(*, bulan: date, jenis: str, oleh) -> tuple[BerkasRekap, bool]:
    if jenis not in BerkasRekap.Jenis.values:
        raise ValueError(jenis)
    qs = BerkasRekap.objects.select_for_update().filter(bulan=bulan, jenis=jenis)
    menunggu = qs.filter(status__in=[B.ANTRI, B.PROSES]).order_by("-versi").first()
    if menunggu is not None:
        return menunggu, False
    versi = (qs.aggregate(m=Max("versi"))["m"] or 0) + 1
    berkas = BerkasRekap.objects.create(bulan=bulan, jenis=jenis, versi=versi, diminta_oleh=oleh)
    return berkas, True


def _progres(berkas_id: int, token: str, persen: int, tahap: str) -> None:
    BerkasRekap.objects.filter(pk=berkas_id, token_klaim=token, status=B.PROSES).update(
        progres=persen, tahap=tahap
    )


def rekap_buat(*, berkas_id: int) -> bool:
    """Render and store one recap file. False if another run holds (or finished) it."""
    token = uuid4().hex
    diklaim = BerkasRekap.objects.filter(pk=berkas_id, status=B.ANTRI).update(
        status=B.PROSES,
        token_klaim=token,
        mulai_pada=timezone.now(),
        percobaan=F("percobaan") + 1,
        progres=5,
        tahap="Mengumpulkan angka",
        pesan_galat="",
    )
    if diklaim != 1:
        return False
    berkas = BerkasRekap.objects.get(pk=berkas_id)
    try:
        isi = _render(berkas, token)
    except Exception as exc:
        status = B.GAGAL if berkas.percobaan >= MAKS_PERCOBAAN else B.ANTRI
        BerkasRekap.objects.filter(pk=berkas_id, token_klaim=token).update(
            status=status, progres=0, tahap="", pesan_galat=str(exc)[:1000]
        )
        raise
    nama = default_storage.save(
        f"rekap/{berkas.bulan:%Y/%m}/{berkas.nama_berkas}", ContentFile(isi)
    )  # a draft SK is filed under January of its year
    selesai = BerkasRekap.objects.filter(pk=berkas_id, token_klaim=token, status=B.PROSES).update(
        status=B.SELESAI,
        berkas=nama,
        ukuran=len(isi),
        sha256=hashlib.sha256(isi).hexdigest(),
        progres=100,
        tahap="Selesai",
        selesai_pada=timezone.now(),
    )
    if selesai != 1:  # the sweeper took it back meanwhile; the other run will finish it
        default_storage.delete(nama)
        return False
    return True


def konteks_pdf(*, bulan: date, kecamatan_ids=None, langkah=None) -> dict:
    """Everything the recap PDF shows (shared by the district and per-kecamatan files)."""
    langkah = langkah or (lambda persen, tahap: None)
    rekap = selectors_rekap.rekap_bulan(bulan=bulan, kecamatan_ids=kecamatan_ids)
    langkah(35, "Menghitung tren 12 bulan")
    desa_ids = None
    if kecamatan_ids is not None:
        desa_ids = [b["wilayah"].pk for k in rekap["kecamatan"] for b in k["desa"]]
    data_tren = selectors_rekap.tren(sampai=bulan, desa_ids=desa_ids)
    langkah(55, "Menggambar grafik")
    return {
        "rekap": rekap,
        "tren": data_tren,
        "grafik_tren": selectors_rekap.grafik_tren(data_tren),
        "grafik_kecamatan": selectors_rekap.grafik_kecamatan(rekap),
        "per_kecamatan": kecamatan_ids is not None,
        "kepala_dinas": getattr(settings, "IMP_KEPALA_DINAS", ""),
    }


def _render(berkas: BerkasRekap, token: str) -> bytes:
    def langkah(persen, tahap):
        _progres(berkas.pk, token, persen, tahap)

    if berkas.jenis == BerkasRekap.Jenis.KABUPATEN:
        konteks = konteks_pdf(bulan=berkas.bulan, langkah=langkah)
        langkah(70, "Menyusun PDF")
        return render_pdf(TEMPLATE_PDF, {**konteks, "berkas": berkas})
    if berkas.jenis == BerkasRekap.Jenis.DRAFT_SK:
        from kader.selectors import konteks_draft_sk

        konteks = konteks_draft_sk(tahun=berkas.bulan.year)
        langkah(30, f"Menyusun lampiran {konteks['jumlah_institusi']} institusi")
        return render_pdf("kader/pdf/draft_sk.html", konteks)
    return _render_zip(berkas, langkah)


def pdf_kecamatan(*, bulan: date, kecamatan_id: int) -> bytes:
    """The recap PDF of one kecamatan (for its koordinator; also the ZIP's members)."""
    return render_pdf(TEMPLATE_PDF, konteks_pdf(bulan=bulan, kecamatan_ids=[kecamatan_id]))


def _render_zip(berkas: BerkasRekap, langkah) -> bytes:
    from kader.models import Wilayah

    daftar = list(Wilayah.objects.kecamatan().order_by("kode"))
    keluaran = io.BytesIO()
    with zipfile.ZipFile(keluaran, "w", zipfile.ZIP_DEFLATED) as arsip:
        for i, kec in enumerate(daftar):
            langkah(5 + 90 * i // max(len(daftar), 1), f"Kecamatan {kec.nama}")
            isi = pdf_kecamatan(bulan=berkas.bulan, kecamatan_id=kec.pk)
            arsip.writestr(f"rekap-{berkas.bulan:%Y-%m}-{kec.kode}-{kec.nama}.pdf", isi)
    return keluaran.getvalue()


def rekap_sapu() -> int:
    """Beat job: put stuck rows back in the queue and re-send rows the queue never got."""
    sekarang = timezone.now()
    macet = sekarang - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    kembali = BerkasRekap.objects.filter(status=B.PROSES, mulai_pada__lt=macet).update(
        status=B.ANTRI, token_klaim="", progres=0, tahap="Diulang setelah pekerja berhenti"
    )
    lama = sekarang - timedelta(minutes=2)
    # Never reached the queue, or waiting so long that the message was probably lost.
    belum = Q(antrian_gagal=True) | Q(diminta_pada__lt=lama, mulai_pada__isnull=True)
    ids = list(
        BerkasRekap.objects.filter(status=B.ANTRI)
        .filter(belum | Q(mulai_pada__lt=lama))
        .values_list("pk", flat=True)
    )
    for pk in ids:
        _antrekan(pk)
    return kembali + len(ids)


def rekap_jadwal(*, hari_ini: date | None = None) -> BerkasRekap:
    """Beat job on the 15th: the district recap of the previous month."""
    from laporan import jadwal

    return rekap_minta(
        bulan=jadwal.bulan_laporan_berjalan(hari_ini), jenis=BerkasRekap.Jenis.KABUPATEN
    )
