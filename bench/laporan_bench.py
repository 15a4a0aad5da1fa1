"""Benchmark of laporan (issue 5 §5). Run by hand against a district-scale database:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/imp_laporan_bench \\
        REDIS_URL=redis://127.0.0.1:6379/14 .venv/bin/python bench/laporan_bench.py

The database must hold the district seed (`manage.py seed_demo --skala kabupaten`: 167 desa,
±215,000 families, then laporan.demo with past months approved). Pages are timed around
Django's test client (middleware, view, template; no network). The PDF is timed from the request
to the row being SELESAI, rendered by a real Celery worker thread over Redis (without REDIS_URL
the service is called directly and the table says so).
"""

import os
import time

from alat import klien, siapkan, ukur, ulang_bawaan

ULANG = ulang_bawaan(30)


def _ukur(fungsi, ulang=ULANG) -> tuple[float, dict]:
    return ukur(fungsi, ulang)


def _pdf(bulan) -> tuple[float, str]:
    from laporan import services_rekap
    from laporan.models import BerkasRekap

    if not os.environ.get("REDIS_URL"):
        t = time.perf_counter()
        versi = services_rekap.rekap_minta(bulan=bulan, jenis="KABUPATEN")
        return (time.perf_counter() - t) * 1000, f"tanpa Redis (eager), versi {versi.versi}"
    from celery.contrib.testing.worker import start_worker

    from imp_smart import celery_app as app

    app.conf.update(task_always_eager=False)
    app.control.purge()
    with start_worker(
        app,
        pool="solo",
        concurrency=1,
        perform_ping_check=False,
        loglevel="WARNING",
        shutdown_timeout=60,
    ):
        t = time.perf_counter()
        berkas = services_rekap.rekap_minta(bulan=bulan, jenis="KABUPATEN")
        while True:
            berkas.refresh_from_db()
            if berkas.status in (BerkasRekap.Status.SELESAI, BerkasRekap.Status.GAGAL):
                break
            time.sleep(0.1)
        detik = (time.perf_counter() - t) * 1000
    keterangan = (
        f"worker Celery + Redis, versi {berkas.versi}, {berkas.status}, "
        f"{(berkas.ukuran or 0) // 1024} KiB"
    )
    return detik, keterangan


def main():
    siapkan()
    from django.core.cache import cache
    from django.db import connection

    from kader.models import Wilayah
    from kader.scoping import SEMUA
    from laporan import ekspor, jadwal, selectors_rekap
    from laporan.models import LaporanDesa
    from pendataan.models import Keluarga

    bulan = jadwal.bulan_laporan_berjalan()
    n_desa = Wilayah.objects.desa().count()
    n_kec = Wilayah.objects.kecamatan().count()
    n_kel = Keluarga.objects.count()
    if n_kel < 100_000:
        print(f"Hanya {n_kel} keluarga: jalankan `manage.py seed_demo --skala kabupaten` dahulu.")
    disetujui = LaporanDesa.objects.filter(bulan=bulan, status="DISETUJUI").count()
    print(
        f"Basis data {connection.settings_dict['NAME']}: {n_desa} desa, {n_kec} kecamatan, "
        f"{n_kel:,} keluarga; bulan {bulan:%Y-%m}: {disetujui} laporan disetujui.\n"
    )

    baris = []
    _, s = _ukur(lambda: selectors_rekap.rekap_bulan(bulan=bulan, kecamatan_ids=SEMUA), ulang=5)
    baris.append(("Rekap 1 bulan: 167 desa + 18 kec + kab (angka beku/pendataan)", s, 2000, ""))
    _, s = _ukur(lambda: ekspor.baris_rekap_csv(bulan=bulan), ulang=5)
    baris.append(("Rekap CSV §8.3 dari pendataan (semua tingkat)", s, 2000, ""))

    pdf_ms, ket = _pdf(bulan)
    baris.append(
        (
            "PDF rekap kabupaten end to end",
            {"median": pdf_ms, "p95": pdf_ms, "maks": pdf_ms},
            20000,
            ket,
        )
    )

    for peran in ("dinas", "koordinator"):
        k, _ = klien(peran)
        cache.clear()
        pertama, s = _ukur(lambda k=k: k.get("/laporan/"))
        baris.append((f"Dasbor ({peran}), hangat", s, 300, f"pertama (dingin) {pertama:.0f} ms"))
        pertama, s = _ukur(lambda k=k: k.get("/laporan/status/"))
        baris.append((f"Papan status ({peran})", s, 200, f"pertama {pertama:.0f} ms"))

    print(f"| {'ukuran':<62} | {'median ms':>9} | {'p95 ms':>8} | {'batas ms':>8} | ok | catatan")
    print(f"|{'-' * 64}|{'-' * 11}|{'-' * 10}|{'-' * 10}|----|--------")
    for nama, s, batas, catatan in baris:
        ok = "ya" if s["p95"] <= batas else "TIDAK"
        print(
            f"| {nama:<62} | {s['median']:>9.0f} | {s['p95']:>8.0f} | {batas:>8} | {ok:<2} "
            f"| {catatan}"
        )


if __name__ == "__main__":
    main()
