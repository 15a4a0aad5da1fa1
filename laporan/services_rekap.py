"""Recap files made in the background (STYLE.md §6): request → queue → claim → render → store.

A recap file is a job of the one job engine (imp_smart/jobs.py, kind "laporan.rekap"): a
request creates a numbered version per kind and month in ANTRI (or returns the one already
waiting) and enqueues its id after commit; the worker claims the row (one conditional UPDATE, a
fresh token and a lease renewed by a heartbeat while rendering), so a duplicate message does
nothing and only the holder of the token may store the result. A worker killed mid-render stops
renewing its lease: the sweeper (beat, every minute) puts the row back in the queue, so it is
made again within two minutes, once. With Redis down the row stays ANTRI with `antrian_gagal`
set, and the sweeper or the next request enqueues it again.
"""

import io
import logging
import zipfile
from datetime import date

from imp_smart import jobs
from imp_smart.pdf import penandatangan, render_pdf
from kader.models import Wilayah
from kader.scoping import SEMUA
from laporan import dokumen_fidal, jadwal, selectors_program, selectors_rekap
from laporan.models import BerkasRekap

log = logging.getLogger(__name__)
B = BerkasRekap.Status
MAKS_PERCOBAAN = BerkasRekap.MAKS_PERCOBAAN
TEMPLATE_PDF = "laporan/pdf/rekap_kabupaten.html"


def jenis_pekerjaan() -> jobs.JenisPekerjaan:
    """Registered by LaporanConfig.ready(): the task, and who may see the recap files."""
    return jobs.JenisPekerjaan(
        kode=BerkasRekap.JENIS_PEKERJAAN,
        label="Berkas rekap kabupaten",
        tugas="laporan.tasks.rekap_buat",
        izin="laporan.view_berkasrekap",
        model="laporan.BerkasRekap",
    )


def rekap_minta(*, bulan: date, jenis: str, oleh=None) -> BerkasRekap:
    """Ask for a recap file: a new version, or the one already waiting for that month.

    Returns the row; `antrian_gagal` on it tells whether the queue could be reached.
    """
    if jenis not in BerkasRekap.Jenis.values:
        raise ValueError(jenis)
    return jobs.minta(
        BerkasRekap, kunci=f"{jenis}/{bulan:%Y-%m}", oleh=oleh, jenis=jenis, bulan=bulan
    )


def rekap_buat(*, berkas_id: int) -> bool:
    """Render and store one recap file. False if another run holds (or finished) it."""
    return jobs.buat_berkas(
        BerkasRekap,
        berkas_id,
        render=_render,
        jalur=lambda b: f"rekap/{b.bulan:%Y/%m}/{b.nama_berkas}",
        tahap="Mengumpulkan angka",
    )


def konteks_pdf(*, bulan: date, kecamatan_ids=None, langkah=None) -> dict:
    """Everything the recap PDF shows (shared by the district and per-kecamatan files)."""
    langkah = langkah or (lambda persen, tahap: None)
    rekap = selectors_rekap.rekap_bulan(
        bulan=bulan, kecamatan_ids=SEMUA if kecamatan_ids is None else kecamatan_ids
    )
    langkah(35, "Menghitung tren 12 bulan")
    desa_ids = SEMUA  # the district file: every desa
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
        "fidal": dokumen_fidal.ringkasan_rekap(rekap),  # §9 items and targets per method
        # §10 "Hasil program": births/PUP trend, partners, classification per kecamatan
        "program": selectors_program.ringkasan_rekap(bulan=bulan, desa_ids=desa_ids),
    }


def _render(berkas: BerkasRekap, k: jobs.Klaim) -> bytes:
    def langkah(persen, tahap):
        k.lapor(persen, tahap)

    if berkas.jenis == BerkasRekap.Jenis.KABUPATEN:
        konteks = konteks_pdf(bulan=berkas.bulan, langkah=langkah)
        langkah(70, "Menyusun PDF")
        return render_pdf(TEMPLATE_PDF, {**konteks, "berkas": berkas})
    return _render_zip(berkas, langkah)


def pdf_kecamatan(*, bulan: date, kecamatan_id: int) -> bytes:
    """The recap PDF of one kecamatan (for its koordinator; also the ZIP's members)."""
    return render_pdf(TEMPLATE_PDF, konteks_pdf(bulan=bulan, kecamatan_ids=[kecamatan_id]))


def _render_zip(berkas: BerkasRekap, langkah) -> bytes:
    daftar = list(Wilayah.objects.kecamatan().order_by("kode"))
    keluaran = io.BytesIO()
    with zipfile.ZipFile(keluaran, "w", zipfile.ZIP_DEFLATED) as arsip:
        for i, kec in enumerate(daftar):
            langkah(5 + 90 * i // max(len(daftar), 1), f"Kecamatan {kec.nama}")
            isi = pdf_kecamatan(bulan=berkas.bulan, kecamatan_id=kec.pk)
            arsip.writestr(f"rekap-{berkas.bulan:%Y-%m}-{kec.kode}-{kec.nama}.pdf", isi)
    return keluaran.getvalue()


def rekap_jadwal(*, hari_ini: date | None = None) -> BerkasRekap:
    """Beat job on the 15th: the district recap of the previous month."""
    return rekap_minta(
        bulan=jadwal.bulan_laporan_berjalan(hari_ini), jenis=BerkasRekap.Jenis.KABUPATEN
    )
