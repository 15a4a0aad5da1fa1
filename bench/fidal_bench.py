"""Benchmark of the official monthly report's exports (DOMAIN.md §8.4, §9) at district scale.
Run by hand against the district seed (`manage.py seed_demo --skala kabupaten`, ±215,000
families):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/imp_kab \\
        DJANGO_SETTINGS_MODULE=imp_smart.settings.local .venv/bin/python bench/fidal_bench.py

Yearly targets (PPM) for every desa and method are added first (the seed has none) and, unless
`--beku`, every desa report of the month is set back to "sent" so that every figure is counted
live from the register (the month still open: the slowest case); both are rolled back at the
end. Times, with their limits (issue 11 §5):
- the per-method CSV (§8.4) for every desa, kecamatan and the kabupaten of one month ≤ 2 s;
- the kabupaten F/I/Dal/13 workbook (one row per kecamatan) ≤ 5 s, and for information the
  workbook of every desa;
- the kecamatan PDF (the largest kecamatan, rendered as the worker's job renders it) ≤ 5 s, and
  for information the kabupaten PDF and one desa's form.

The table (for the note): wall clock median and p95, this process's CPU time (Python and
WeasyPrint: the database works in its own process), the wall time spent in SQL statements and
their number, and for the PDFs the WeasyPrint render alone (wall, CPU); the rest is SQL and
assembling the figures. The machine is shared: the load average is printed beside each step,
and CPU seconds are what compares between runs.
"""

import argparse
import os
import statistics
import time

from alat import Batalkan, statistik, ulang_bawaan

ULANG = ulang_bawaan(3)


class Jejak:
    """What one call spent in SQL (execute_wrapper) and in WeasyPrint (render_pdf)."""

    def __init__(self):
        self.kosongkan()

    def kosongkan(self):
        self.sql = 0.0
        self.n_sql = 0
        self.render = 0.0
        self.render_cpu = 0.0

    def __call__(self, execute, sql, params, many, context):
        t = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.sql += time.perf_counter() - t
            self.n_sql += 1

    def bungkus_render(self, fungsi):
        def render(*args, **kwargs):
            t, c = time.perf_counter(), time.process_time()
            try:
                return fungsi(*args, **kwargs)
            finally:
                self.render += time.perf_counter() - t
                self.render_cpu += time.process_time() - c

        return render


JEJAK = Jejak()


def _ukur(fungsi, ulang=ULANG) -> dict:
    """Stats in ms over `ulang` calls after one warm-up call: wall (median, p95, max), and the
    medians of CPU, SQL wall time and statements, render wall and CPU; load averages."""
    from django.db import connection

    fungsi()
    beban = [os.getloadavg()[0]]
    wall, kolom = [], {"cpu": [], "sql": [], "n_sql": [], "render": [], "render_cpu": []}
    with connection.execute_wrapper(JEJAK):
        for _ in range(ulang):
            JEJAK.kosongkan()
            t, c = time.perf_counter(), time.process_time()
            fungsi()
            wall.append((time.perf_counter() - t) * 1000)
            kolom["cpu"].append((time.process_time() - c) * 1000)
            kolom["sql"].append(JEJAK.sql * 1000)
            kolom["n_sql"].append(JEJAK.n_sql)
            kolom["render"].append(JEJAK.render * 1000)
            kolom["render_cpu"].append(JEJAK.render_cpu * 1000)
    beban.append(os.getloadavg()[0])
    hasil = {**statistik(wall), "beban": sum(beban) / len(beban)}
    hasil.update({k: statistics.median(v) for k, v in kolom.items()})
    return hasil


def isi_target(tahun: int) -> int:
    """PPM PB/PA for every desa and method of the year (bulk insert, rolled back later)."""
    from kader.models import Wilayah
    from pendataan.indikator import METODE
    from pendataan.models import TargetMetode

    TargetMetode.objects.filter(tahun=tahun).delete()
    baris = [
        TargetMetode(desa_id=d, tahun=tahun, metode=m, target_pb=20 + i, target_pa=120 + 3 * i)
        for d in Wilayah.objects.desa().values_list("pk", flat=True)
        for i, m in enumerate(METODE)
    ]
    TargetMetode.objects.bulk_create(baris)
    return len(baris)


class _Pekerjaan:
    """The job row the worker's render reads (parameter, versi), without a row."""

    versi = 1

    def __init__(self, bulan, wilayah_id):
        self.parameter = {"bulan": f"{bulan:%Y-%m}", "wilayah_id": wilayah_id}


class _Klaim:
    def lapor(self, *args, **kwargs):
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--beku",
        action="store_true",
        help="keep the month's reports as seeded (approved ones frozen) instead of all live",
    )
    args = parser.parse_args()
    import django

    django.setup()
    from django.db import connection, transaction

    from kader.models import Wilayah
    from kader.scoping import SEMUA
    from laporan import dokumen_fidal as D
    from laporan import fidal, jadwal
    from laporan.ekspor_metode import baris_metode_csv, csv_metode_teks
    from laporan.models import LaporanDesa
    from pendataan.models import Keluarga

    # Every PDF goes through dokumen_fidal.render_pdf: timed apart from the rest.
    D.render_pdf = JEJAK.bungkus_render(D.render_pdf)
    bulan = jadwal.bulan_laporan_berjalan()
    n_kel = Keluarga.objects.count()
    if n_kel < 100_000:
        print(f"Hanya {n_kel} keluarga: jalankan `manage.py seed_demo --skala kabupaten` dahulu.")
    kec = list(Wilayah.objects.kecamatan().order_by("kode"))
    per_kec = {}
    for k, d in Wilayah.objects.desa().values_list("kecamatan_id", "pk"):
        per_kec.setdefault(k, []).append(d)
    terbesar = max(kec, key=lambda k: len(per_kec.get(k.pk, [])))
    baris = []
    hasil = {}
    try:
        with transaction.atomic():
            n_target = isi_target(bulan.year)
            laporan = LaporanDesa.objects.filter(bulan=bulan)
            if not args.beku:
                laporan.filter(status=LaporanDesa.Status.DISETUJUI).update(
                    status=LaporanDesa.Status.DIKIRIM
                )
            n_beku = laporan.filter(status=LaporanDesa.Status.DISETUJUI).count()
            print(
                f"Basis data {connection.settings_dict['NAME']}: "
                f"{Wilayah.objects.desa().count()} desa, {len(kec)} kecamatan, "
                f"{n_kel:,} keluarga; bulan {bulan:%Y-%m}: {laporan.count()} laporan desa, "
                f"{n_beku} disetujui (angka beku), yang lain dihitung langsung; {n_target:,} "
                "target PPM ditambahkan (semua dibatalkan di akhir).\n"
            )

            def csv_metode():
                teks = csv_metode_teks(baris_metode_csv(bulan=bulan, desa_ids=SEMUA))
                hasil["csv"] = f"{teks.count(chr(10)) - 1:,} baris"

            baris.append(("CSV per metode §8.4, semua tingkat", _ukur(csv_metode), 2000, "csv"))

            def xlsx_kab():
                nama, isi = D.xlsx_fidal(bulan=bulan, tingkat="kabupaten", desa_ids=SEMUA)
                hasil["xlsx_kab"] = f"{len(isi) / 1024:.0f} KiB"

            baris.append(("XLSX F/I/Dal/13 kabupaten", _ukur(xlsx_kab), 5000, "xlsx_kab"))

            def xlsx_desa():
                nama, isi = D.xlsx_fidal(bulan=bulan, tingkat="desa", desa_ids=SEMUA)
                hasil["xlsx_desa"] = f"{len(isi) / 1024:.0f} KiB"

            baris.append(("XLSX semua desa (info)", _ukur(xlsx_desa), None, "xlsx_desa"))

            def pdf_kec():  # as the worker's job (laporan.tasks.fidal_buat) renders it
                isi = D._render_pekerjaan(_Pekerjaan(bulan, terbesar.pk), _Klaim())
                hasil["pdf_kec"] = f"{len(isi) / 1024:.0f} KiB"

            n_desa = len(per_kec.get(terbesar.pk, []))
            judul = f"PDF kecamatan {terbesar.nama} ({n_desa} desa)"
            baris.append((judul, _ukur(pdf_kec), 5000, "pdf_kec"))

            def pdf_kab():
                isi = D._render_pekerjaan(_Pekerjaan(bulan, None), _Klaim())
                hasil["pdf_kab"] = f"{len(isi) / 1024:.0f} KiB"

            baris.append(("PDF kabupaten (info)", _ukur(pdf_kab, ulang=1), None, "pdf_kab"))
            desa = Wilayah.objects.desa().select_related("kecamatan").order_by("kode").first()

            def pdf_desa():
                r = fidal.rekap_fidal(bulan=bulan, desa_ids=[desa.pk])
                isi = D.pdf_desa(desa=desa, bulan=bulan, angka=r.desa[desa.pk], disetujui=False)
                hasil["pdf_desa"] = f"{len(isi) / 1024:.0f} KiB"

            baris.append(
                (f"PDF formulir desa {desa.nama} (info)", _ukur(pdf_desa), None, "pdf_desa")
            )
            raise Batalkan
    except Batalkan:
        pass
    cetak_tabel(baris, hasil)


def cetak_tabel(baris, hasil) -> None:
    """The table for the note: one line per step, times in ms (medians unless p95)."""
    lebar = max(len(b[0]) for b in baris)
    kepala = ["wall", "p95", "CPU", "SQL", "stmt", "render", "rCPU", "batas"]
    print(
        f"{'Langkah':<{lebar}}  " + " ".join(f"{k:>7}" for k in kepala) + "  hasil  beban  ukuran"
    )
    for judul, s, batas, kunci in baris:
        ok = "-" if batas is None else ("OK" if s["p95"] <= batas else "LEWAT")
        render = (
            f"{s['render']:>7.0f} {s['render_cpu']:>7.0f}" if s["render"] else f"{'':>7} {'':>7}"
        )
        print(
            f"{judul:<{lebar}}  {s['median']:>7.0f} {s['p95']:>7.0f} {s['cpu']:>7.0f}"
            f" {s['sql']:>7.0f} {s['n_sql']:>7.0f} {render} {batas or '':>7}  {ok:<5}"
            f"  {s['beban']:>5.1f}  {hasil.get(kunci, '')}"
        )
    beban = os.getloadavg()
    print(
        "\nms. wall = jam dinding (median, p95); CPU = waktu CPU proses ini (Python + WeasyPrint; "
        "basis data di prosesnya sendiri); SQL = jam dinding di dalam pernyataan SQL, stmt = "
        "jumlahnya; render/rCPU = WeasyPrint saja (jam dinding, CPU); beban = load average 1 "
        f"menit selama langkah. Sekarang {beban[0]:.1f} / {beban[1]:.1f} / {beban[2]:.1f} "
        f"pada {os.cpu_count()} inti."
    )


if __name__ == "__main__":
    main()
