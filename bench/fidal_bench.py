"""Benchmark of the official monthly report's exports (DOMAIN.md §8.4, §9) at district scale.
Run by hand against the district seed (`manage.py seed_demo --skala kabupaten`, ±215,000
families):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/imp_bench \\
        DJANGO_SETTINGS_MODULE=imp_smart.settings.local .venv/bin/python bench/fidal_bench.py

Yearly targets (PPM) for every desa and method are added first (the seed has none) and rolled
back at the end. Times, with their limits (issue 11 §5):
- the per-method CSV (§8.4) for every desa, kecamatan and the kabupaten of one month ≤ 2 s;
- the kabupaten F/I/Dal/13 workbook (one row per kecamatan) ≤ 5 s, and for information the
  workbook of every desa;
- the kecamatan PDF (the largest kecamatan, as the worker renders it) ≤ 5 s, and for
  information the kabupaten PDF and one desa's form.
"""

import os

from alat import Batalkan, ukur, ulang_bawaan

ULANG = ulang_bawaan(3)


def _ukur(fungsi, ulang=ULANG) -> dict:
    """Stats over `ulang` calls after one warm-up call (see alat.ukur)."""
    return ukur(fungsi, ulang)[1]


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


def main():
    import django

    django.setup()
    from django.db import connection, transaction

    from kader.models import Wilayah
    from kader.scoping import SEMUA
    from laporan import dokumen_fidal as D
    from laporan import jadwal
    from laporan.ekspor_metode import baris_metode_csv, csv_metode_teks
    from laporan.models import LaporanDesa
    from pendataan.models import Keluarga

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
    try:
        with transaction.atomic():
            n_target = isi_target(bulan.year)
            print(
                f"Basis data {connection.settings_dict['NAME']}: "
                f"{Wilayah.objects.desa().count()} desa, {len(kec)} kecamatan, "
                f"{n_kel:,} keluarga, {LaporanDesa.objects.filter(bulan=bulan).count()} laporan "
                f"desa bulan {bulan:%Y-%m}; {n_target:,} target PPM ditambahkan (dibatalkan di "
                "akhir).\n"
            )
            hasil = {}

            def csv_metode():
                teks = csv_metode_teks(baris_metode_csv(bulan=bulan, desa_ids=SEMUA))
                hasil["csv"] = teks.count("\n") - 1

            baris.append(("CSV per metode §8.4, semua tingkat", _ukur(csv_metode), 2000, "csv"))

            def xlsx_kab():
                nama, isi = D.xlsx_fidal(bulan=bulan, tingkat="kabupaten", desa_ids=SEMUA)
                hasil["xlsx_kab"] = len(isi)

            baris.append(("XLSX F/I/Dal/13 kabupaten (per kecamatan)", _ukur(xlsx_kab), 5000, ""))

            def xlsx_desa():
                nama, isi = D.xlsx_fidal(bulan=bulan, tingkat="desa", desa_ids=SEMUA)
                hasil["xlsx_desa"] = len(isi)

            baris.append(("XLSX F/I/Dal/13 semua desa (info)", _ukur(xlsx_desa), 5000, ""))

            def pdf_kec():
                hasil["pdf_kec"] = len(D.pdf_kecamatan(bulan=bulan, kecamatan=terbesar))

            baris.append(
                (
                    f"PDF F/I/Dal/13 kecamatan {terbesar.nama} "
                    f"({len(per_kec.get(terbesar.pk, []))} desa)",
                    _ukur(pdf_kec),
                    5000,
                    "",
                )
            )

            def pdf_kab():
                hasil["pdf_kab"] = len(D.pdf_kabupaten(bulan=bulan))

            baris.append(("PDF F/I/Dal/13 kabupaten (info)", _ukur(pdf_kab, ulang=1), 5000, ""))
            desa = Wilayah.objects.desa().select_related("kecamatan").order_by("kode").first()

            def pdf_desa():
                from laporan import fidal

                r = fidal.rekap_fidal(bulan=bulan, desa_ids=[desa.pk])
                hasil["pdf_desa"] = len(
                    D.pdf_desa(desa=desa, bulan=bulan, angka=r.desa[desa.pk], disetujui=False)
                )

            baris.append((f"PDF formulir desa {desa.nama} (info)", _ukur(pdf_desa), 5000, ""))
            raise Batalkan
    except Batalkan:
        pass
    catatan = {
        0: f"{hasil.get('csv', 0):,} baris",
        1: f"{hasil.get('xlsx_kab', 0) / 1024:.0f} KiB",
        2: f"{hasil.get('xlsx_desa', 0) / 1024:.0f} KiB",
        3: f"{hasil.get('pdf_kec', 0) / 1024:.0f} KiB",
        4: f"{hasil.get('pdf_kab', 0) / 1024:.0f} KiB",
        5: f"{hasil.get('pdf_desa', 0) / 1024:.0f} KiB",
    }
    lebar = max(len(b[0]) for b in baris)
    kepala = ("median", "p95", "maks", "CPU")
    print(f"{'Langkah':<{lebar}}  " + "  ".join(f"{k:>8}" for k in kepala) + "    batas  hasil")
    for i, (judul, s, batas, _) in enumerate(baris):
        ok = "OK" if s["p95"] <= batas else "LEWAT"
        print(
            f"{judul:<{lebar}}  {s['median']:>6.0f}ms  {s['p95']:>6.0f}ms  {s['maks']:>6.0f}ms"
            f"  {s['cpu']:>6.0f}ms  {batas:>5}ms  {ok:<5}  {catatan.get(i, '')}"
        )
    beban = os.getloadavg()
    print(
        f"\nBeban mesin (load average 1/5/15 menit): {beban[0]:.1f} / {beban[1]:.1f} / "
        f"{beban[2]:.1f} pada {os.cpu_count()} inti. CPU = waktu proses Python (median)."
    )


if __name__ == "__main__":
    main()
