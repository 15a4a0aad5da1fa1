"""Benchmark of the pendataan pages and the month count (issue 3 §6). Run by hand:

    DATABASE_URL=postgres://…/imp_1persen  python bench/pendataan_bench.py --label persen
    DATABASE_URL=postgres://…/imp_kabupaten python bench/pendataan_bench.py --label kabupaten
    python bench/pendataan_bench.py --banding        # table with the ratio kabupaten / persen

Each database must hold the register (`seed_demo --skala persen|kabupaten`, or
pendataan.demo.isi_demo). Server time is measured around Django's test client (middleware,
view, template; no network), with the SQL statements counted. Results: artifacts/bench/.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(AKAR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imp_smart.settings.local")
os.environ.setdefault("DJANGO_DEBUG", "0")
HASIL = AKAR / "artifacts" / "bench"  # not in git (artifacts/ is ignored)
ULANG = int(os.environ.get("BENCH_ULANG", "30"))


def _siapkan():
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    settings.AXES_ENABLED = False


def _ukur(fungsi, ulang=ULANG) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fungsi()  # warm-up (caches, connection)
    waktu, kueri = [], []
    for _ in range(ulang):
        with CaptureQueriesContext(connection) as q:
            t = time.perf_counter()
            fungsi()
            waktu.append((time.perf_counter() - t) * 1000)
        kueri.append(len(q.captured_queries))
    waktu.sort()
    return {
        "median_ms": round(statistics.median(waktu), 1),
        "p95_ms": round(waktu[max(0, int(len(waktu) * 0.95) - 1)], 1),
        "kueri": max(kueri),
    }


def _pengguna():
    from kader.models import Peran, Wilayah
    from kader.services import pengguna_buat
    from pendataan.models import RiwayatAnggota

    dinas = pengguna_buat(username="bench_dinas", password="bench-rahasia-1", peran=Peran.DINAS)
    # The Sub-PPKBD of the dusun with the most PUS (the heaviest monthly page).
    from django.db.models import Count

    terbesar = (
        RiwayatAnggota.objects.filter(jenis_kelamin="P", status_kawin=2)
        .values("dusun_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    dusun = Wilayah.objects.get(pk=terbesar["dusun_id"])
    kader = pengguna_buat(
        username="bench_sub", password="bench-rahasia-1", peran=Peran.SUB_PPKBD, wilayah=dusun
    )
    return dinas, kader, dusun


def jalankan(label: str) -> dict:
    _siapkan()
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from kader.scoping import SEMUA
    from pendataan.models import Anggota, Keluarga
    from pendataan.selectors import awal_bulan, indikator_desa, pus_bulan

    dinas, kader, dusun = _pengguna()
    c_dinas, c_kader = Client(), Client()
    c_dinas.force_login(dinas)
    c_kader.force_login(kader)
    bulan = awal_bulan(timezone.localdate())
    daftar = reverse("pendataan:keluarga_list")
    contoh = Keluarga.objects.filter(dusun=dusun).order_by("pk").first()
    nik = Anggota.objects.filter(keluarga=contoh).first().nik
    nama = (
        Anggota.objects.filter(keluarga=contoh, hubungan=2).values_list("nama", flat=True).first()
    )
    nama = nama or contoh.nama_kepala  # a full name, as an office searches
    pus_url = f"{reverse('pendataan:pus_bulanan')}?wilayah={dusun.pk}&bulan={bulan:%Y-%m}"
    baris = list(
        pus_bulan(bulan=bulan, dusun_ids=[dusun.pk]).values_list("anggota_id", "status_kb")
    )
    ubah = {"wilayah": dusun.pk, "bulan": f"{bulan:%Y-%m}"}
    # POST of one changed row (the page's script posts only changed rows), toggled each time.
    giliran = {"i": 0}

    def post_satu():
        aid = baris[0][0]
        giliran["i"] += 1
        data = {**ubah, f"s_{aid}": "HAMIL" if giliran["i"] % 2 else "IAS"}
        r = c_kader.post(pus_url, data)
        assert r.status_code == 302, r.status_code

    def get(client, url, **params):
        def f():
            r = client.get(url, params)
            assert r.status_code == 200, (url, r.status_code)

        return f

    hasil = {
        "label": label,
        "jumlah": {
            "keluarga": Keluarga.objects.count(),
            "anggota": Anggota.objects.count(),
            "pus_bulan_ini": pus_bulan(bulan=bulan, desa_ids=SEMUA).count(),
            "pus_halaman_kader": len(baris),
        },
        "ukuran": {
            "Daftar keluarga (Dinas, semua)": _ukur(get(c_dinas, daftar)),
            "Daftar keluarga (saring desa + KS)": _ukur(
                get(c_dinas, daftar, desa=contoh.desa_id, tahapan_ks="ks3_plus")
            ),
            "Daftar keluarga (cari nama)": _ukur(get(c_dinas, daftar, q=nama)),
            # One given name: thousands of members, the subquery path of pendataan/cari.py.
            "Daftar keluarga (cari nama umum)": _ukur(get(c_dinas, daftar, q=nama.split()[0])),
            "Daftar keluarga (cari NIK lengkap)": _ukur(get(c_dinas, daftar, q=nik)),
            "Daftar keluarga (kader, dusun sendiri)": _ukur(get(c_kader, daftar)),
            "Rincian keluarga": _ukur(get(c_kader, contoh.get_absolute_url())),
            "Halaman PUS bulanan (GET)": _ukur(get(c_kader, pus_url)),
            "Halaman PUS bulanan (POST)": _ukur(post_satu),
            "Hitung bulan se-kabupaten": _ukur(
                lambda: indikator_desa(bulan=bulan, desa_ids=SEMUA), ulang=5
            ),
        },
    }
    HASIL.mkdir(parents=True, exist_ok=True)
    (HASIL / f"{label}.json").write_text(json.dumps(hasil, indent=1, ensure_ascii=False))
    _cetak_satu(hasil)
    return hasil


def _cetak_satu(h):
    print(f"\n{h['label']}: {h['jumlah']}")
    print(f"{'Skenario':42} {'median ms':>10} {'p95 ms':>8} {'kueri':>6}")
    for nama, u in h["ukuran"].items():
        print(f"{nama:42} {u['median_ms']:>10} {u['p95_ms']:>8} {u['kueri']:>6}")


def banding():
    besar = json.loads((HASIL / "kabupaten.json").read_text())
    kecil = json.loads((HASIL / "persen.json").read_text())
    print(f"1 %: {kecil['jumlah']}\nkabupaten: {besar['jumlah']}\n")
    print("| skenario | 1 % median | 1 % p95 | kab. median | kab. p95 | rasio p95 | kueri |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for nama, b in besar["ukuran"].items():
        k = kecil["ukuran"][nama]
        rasio = b["p95_ms"] / k["p95_ms"] if k["p95_ms"] else 0
        print(
            f"| {nama} | {k['median_ms']} | {k['p95_ms']} | {b['median_ms']} | {b['p95_ms']} | "
            f"{rasio:.2f} | {k['kueri']} / {b['kueri']} |"
        )


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--label", choices=["persen", "kabupaten"])
    p.add_argument("--banding", action="store_true")
    a = p.parse_args()
    if a.banding:
        banding()
    elif a.label:
        jalankan(a.label)
    else:
        p.print_help()
