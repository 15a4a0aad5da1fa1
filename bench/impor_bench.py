"""Benchmark of the family import (DOMAIN.md §8.1) at district scale. Run by hand against the
district seed (see bench/run.py); nothing is kept: the run is rolled back at the end.

    DATABASE_URL=postgres://…/imp_bench python bench/impor_bench.py [--baris 50000]

Generates a CSV of new families (4 persons each) in 10 desa, then times what the Celery task
runs (`pendataan.impor.jalankan_impor`): the first import (validate every row, then write), the
same file again (must change nothing), and the progress reports the upload page polls.
"""

import argparse
import csv
import io
import os
import sys
import time
from datetime import date, timedelta
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(AKAR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imp_smart.settings.local")


class Batalkan(Exception):
    pass


def buat_csv(baris: int) -> bytes:
    from kader.models import Wilayah

    desa = list(Wilayah.objects.desa().order_by("kode")[:10])
    keluar = io.StringIO()
    w = csv.writer(keluar)
    w.writerow(
        ["kode_desa", "dusun", "rt", "no_kk", "nik", "nama", "hubungan", "jenis_kelamin",
         "tanggal_lahir", "status_kawin"]
    )  # fmt: skip
    # Region 73.06.99 is no kecamatan of Gowa: these NIK and KK never meet the seed's.
    for k in range(baris // 4):
        d = desa[k % len(desa)]
        kk = f"730699{1 + k // 9000:02d}0120{k % 9000 + 1:04d}"
        lahir_suami = date(1980, 1, 1) + timedelta(days=k % 3000)
        lahir_istri = lahir_suami + timedelta(days=700)
        orang = [
            (1, "L", lahir_suami, 2, f"Bench Suami {k}"),
            (2, "P", lahir_istri, 2, f"Bench Istri {k}"),
            (3, "L", date(2015, 3, 1) + timedelta(days=k % 900), 1, f"Bench Anak {k} A"),
            (3, "P", date(2018, 6, 1) + timedelta(days=k % 900), 1, f"Bench Anak {k} B"),
        ]
        for i, (hub, jk, lahir, kawin, nama) in enumerate(orang):
            hari = lahir.day + (40 if jk == "P" else 0)
            # Families k and k + 2499 share serials but never birth dates (k % 3000, k % 900).
            nik = f"730699{hari:02d}{lahir:%m%y}{(k % 2499) * 4 + i + 1:04d}"
            w.writerow(
                [d.kode, f"Bench {k % 7 + 1}", f"{k % 12 + 1:03d}", kk, nik, nama, hub, jk,
                 lahir.isoformat(), kawin]
            )  # fmt: skip
    return keluar.getvalue().encode()


def main() -> int:
    import django

    django.setup()
    from django.db import transaction

    from pendataan.impor import jalankan_impor
    from pendataan.models import Anggota, Keluarga

    p = argparse.ArgumentParser()
    p.add_argument("--baris", type=int, default=50_000)
    a = p.parse_args()
    t = time.perf_counter()
    isi = buat_csv(a.baris)
    print(f"CSV: {a.baris:,} baris, {len(isi) / 1e6:.1f} MB ({time.perf_counter() - t:.1f} s)")
    awal = (Keluarga.objects.count(), Anggota.objects.count())
    hasil_tabel = []
    laporan = []

    def progres(i, total):
        laporan.append((time.perf_counter(), i))

    try:
        with transaction.atomic():
            for putaran in ("pertama", "ulang (berkas sama)"):
                laporan.clear()
                t = time.perf_counter()
                h = jalankan_impor(
                    jenis="keluarga", isi=isi, nama="bench.csv", user=None, progres=progres
                )
                dt = time.perf_counter() - t
                assert h.berhasil, h.kesalahan[:5]
                jeda = [b[0] - a[0] for a, b in zip(laporan, laporan[1:], strict=False)]
                hasil_tabel.append((putaran, dt, len(laporan), max(jeda, default=0), h.ringkasan))
            akhir = (Keluarga.objects.count(), Anggota.objects.count())
            raise Batalkan
    except Batalkan:
        pass
    print(f"\nregister sebelum: {awal[0]:,} keluarga / {awal[1]:,} anggota; "
          f"sesudah impor: {akhir[0]:,} / {akhir[1]:,} (dibatalkan di akhir)")  # fmt: skip
    print(f"\n{'Impor':22} {'detik':>7} {'baris/dtk':>10} {'laporan':>8} {'jeda maks':>10}")
    for putaran, dt, n, jeda, ringkas in hasil_tabel:
        print(f"{putaran:22} {dt:7.1f} {a.baris / dt:10,.0f} {n:8} {jeda:9.1f}s")
        print(f"{'':22} {ringkas}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
