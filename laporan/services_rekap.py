"""Recap files made in the background (STYLE.md §6): request → queue → claim → render → store.

A request creates a numbered version in ANTRI and enqueues its id after commit. The worker claims
the row (imp_smart/jobs.py: one conditional UPDATE, a fresh token and a lease renewed by a
heartbeat while rendering), so a duplicate message does nothing and only the holder of the token
may store the result. A worker killed mid-render stops renewing its lease: the sweeper (beat,
every minute) puts the row back in the queue, so it is made again within two minutes, once.
With Redis down the row stays ANTRI with `antrian_gagal` set, and the sweeper or the next request
enqueues it again.
"""

import hashlib
import io
import logging
import zipfile
from datetime import date

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.db.models.functions import Now

from imp_smart import jobs
from imp_smart.pdf import penandatangan, render_pdf
from laporan import selectors_rekap
from laporan.models import BerkasRekap

log = logging.getLogger(__name__)
B = BerkasRekap.Status
MAKS_PERCOBAAN = BerkasRekap.MAKS_PERCOBAAN
TEMPLATE_PDF = "laporan/pdf/rekap_kabupaten.html"


def _antrekan(berkas_id: int) -> bool:
    """Send the id to the worker now; False (and the row flagged) when Redis is unreachable."""
    return jobs.antrekan(BerkasRekap, berkas_id)


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


def rekap_buat(*, berkas_id: int) -> bool:
    """Render and store one recap file. False if another run holds (or finished) it."""
    k = jobs.klaim(
        BerkasRekap,
        berkas_id,
        mulai_pada=Now(),
        progres=5,
        tahap="Mengumpulkan angka",
        pesan_galat="",
    )
    if k is None:
        return False
    berkas = k.objek
    try:
        with jobs.detak(k):
            isi = _render(berkas, k)
    except jobs.KlaimHilang:
        return False  # the sweeper gave the row to another run: stop, write nothing
    except Exception as exc:
        jobs.lepaskan(k, exc)
        raise
    nama = default_storage.save(
        f"rekap/{berkas.bulan:%Y/%m}/{berkas.nama_berkas}", ContentFile(isi)
    )  # a draft SK is filed under January of its year
    selesai = jobs.selesaikan(
        k,
        berkas=nama,
        ukuran=len(isi),
        sha256=hashlib.sha256(isi).hexdigest(),
        progres=100,
        tahap="Selesai",
        selesai_pada=Now(),
    )
    if not selesai:  # the sweeper took it back meanwhile; the new holder will finish it
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
        "penandatangan": penandatangan(),
    }


def _render(berkas: BerkasRekap, k: jobs.Klaim) -> bytes:
    def langkah(persen, tahap):
        k.periksa()
        k.milik().update(progres=persen, tahap=tahap)

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
    """Put rows of dead workers back in the queue and re-send rows the queue never got."""
    return jobs.sapu(BerkasRekap, kirim=_antrekan)


def rekap_jadwal(*, hari_ini: date | None = None) -> BerkasRekap:
    """Beat job on the 15th: the district recap of the previous month."""
    from laporan import jadwal

    return rekap_minta(
        bulan=jadwal.bulan_laporan_berjalan(hari_ini), jenis=BerkasRekap.Jenis.KABUPATEN
    )
