"""Benchmark of pertemuan and group funds at district scale (issue 4). Run by hand:

    createdb -h 127.0.0.1 -U postgres imp_pertemuan_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/imp_pertemuan_bench \\
        .venv/bin/python bench/pertemuan_bench.py

Builds (once) synthetic activity for every desa of Gowa: a PPKBD with 6 cadres per desa, and
for 12 months per desa 2 meetings with attendance, 4 KIE sessions, 3 poktan activities and
about 10 cash entries, then times the monthly selectors the report uses (kegiatan_desa,
dana_desa for all 167 desa) and the list pages as the Dinas. Counselling rows need the family
register and are left out here (their count is one grouped query, like the KIE sessions).
"""

import os
import random
import statistics
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import transaction

AKAR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(AKAR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imp_smart.settings.local")
ULANG = int(os.environ.get("BENCH_ULANG", "20"))
TAHUN = 2025


def _ukur(fungsi, ulang=ULANG) -> dict:
    fungsi()
    waktu = []
    for _ in range(ulang):
        t = time.perf_counter()
        fungsi()
        waktu.append((time.perf_counter() - t) * 1000)
    waktu.sort()
    return {"median": statistics.median(waktu), "p95": waktu[int(len(waktu) * 0.95) - 1]}


@transaction.atomic
def _isi():
    from kader.models import Institusi, Kader, TransaksiKas, Wilayah
    from kader.services import wilayah_muat
    from pertemuan.models import (
        AgendaPertemuan,
        HadirUndangan,
        KegiatanPoktan,
        Pertemuan,
        Poktan,
        SesiKIE,
    )

    if Pertemuan.objects.exists():
        return
    wilayah_muat()
    rng = random.Random(7306)
    desa = list(Wilayah.objects.desa())
    institusi = Institusi.objects.bulk_create(
        [Institusi(jenis="ppkbd", nama=f"PPKBD {d.nama}", wilayah=d) for d in desa]
    )
    kader = []
    for i in institusi:
        for n in range(6):
            nik = f"730601{41 + n:02d}0190{i.pk:04d}"
            kader.append(
                Kader(
                    nama=f"Kader {i.pk}-{n}",
                    nik=nik,
                    jenis_kelamin="P",
                    tanggal_lahir=date(1990, 1, 1),
                    institusi=i,
                )
            )
    Kader.objects.bulk_create(kader, batch_size=2000)
    per_inst = {}
    for k in kader:
        per_inst.setdefault(k.institusi_id, []).append(k)
    poktan = Poktan.objects.bulk_create(
        [
            Poktan(jenis=j, nama=f"{j} {d.nama}", wilayah=d)
            for d in desa
            for j in ("bkb", "bkr", "bkl")
        ]
    )
    pertemuan, kie, kegiatan, kas = [], [], [], []
    for bulan in range(1, 13):
        for i in institusi:
            for _ in range(2):
                pertemuan.append(
                    Pertemuan(
                        wilayah_id=i.wilayah_id,
                        institusi=i,
                        judul="Rapat",
                        tanggal=date(TAHUN, bulan, rng.randint(1, 28)),
                        tempat="Kantor desa",
                    )
                )
            for _ in range(4):
                kie.append(
                    SesiKIE(
                        wilayah_id=i.wilayah_id,
                        institusi=i,
                        topik="pup",
                        sasaran="remaja",
                        peserta_l=rng.randint(0, 10),
                        peserta_p=rng.randint(0, 20),
                        media_kie="ceramah",
                        penyaji="PKB",
                        tanggal=date(TAHUN, bulan, rng.randint(1, 28)),
                    )
                )
            for k in per_inst[i.pk]:
                kas.append(
                    TransaksiKas(
                        institusi=i,
                        jenis="iuran",
                        jumlah=Decimal(5000),
                        kader=k,
                        bulan_iuran=date(TAHUN, bulan, 1),
                        tanggal=date(TAHUN, bulan, 5),
                        uraian="Iuran",
                    )
                )
            for _ in range(4):
                kas.append(
                    TransaksiKas(
                        institusi=i,
                        jenis=rng.choice(["pemasukan_lain", "pengeluaran"]),
                        jumlah=Decimal(rng.choice([1000, 2000])),
                        uraian="x",
                        tanggal=date(TAHUN, bulan, rng.randint(6, 28)),
                    )
                )
        for p in poktan:
            kegiatan.append(
                KegiatanPoktan(
                    poktan=p,
                    tanggal=date(TAHUN, bulan, 15),
                    materi="Kegiatan",
                    hadir=rng.randint(5, 20),
                )
            )
    Pertemuan.objects.bulk_create(pertemuan, batch_size=2000)
    AgendaPertemuan.objects.bulk_create(
        [AgendaPertemuan(pertemuan=p, jenis="evaluasi") for p in pertemuan], batch_size=2000
    )
    HadirUndangan.objects.bulk_create(
        [HadirUndangan(pertemuan=p, kategori="pkb", jumlah=1) for p in pertemuan], batch_size=2000
    )
    Hadir = Pertemuan.kader_hadir.through
    Hadir.objects.bulk_create(
        [
            Hadir(pertemuan_id=p.pk, kader_id=k.pk)
            for p in pertemuan
            for k in per_inst[p.institusi_id]
        ],
        batch_size=5000,
    )
    SesiKIE.objects.bulk_create(kie, batch_size=2000)
    KegiatanPoktan.objects.bulk_create(kegiatan, batch_size=2000)
    TransaksiKas.objects.bulk_create(kas, batch_size=5000)


def main():
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    settings.AXES_ENABLED = False
    call_command("migrate", verbosity=0)
    t = time.perf_counter()
    _isi()
    print(f"data siap dalam {time.perf_counter() - t:.1f} s")

    from django.contrib.auth import get_user_model
    from django.test import Client

    from kader.dana.selectors import dana_desa
    from kader.models import Peran, TransaksiKas, Wilayah
    from kader.scoping import SEMUA
    from kader.services import pengguna_buat
    from pertemuan.models import Pertemuan, SesiKIE
    from pertemuan.selectors import kegiatan_desa

    print(
        f"desa {Wilayah.objects.desa().count()}, pertemuan {Pertemuan.objects.count()}, "
        f"sesi KIE {SesiKIE.objects.count()}, transaksi kas {TransaksiKas.objects.count()}"
    )
    bulan = date(TAHUN, 6, 1)
    hasil = {
        "kegiatan_desa(semua desa)": _ukur(lambda: kegiatan_desa(bulan=bulan, desa_ids=SEMUA)),
        "dana_desa(semua desa)": _ukur(lambda: dana_desa(bulan=bulan, desa_ids=SEMUA)),
    }
    if not get_user_model().objects.filter(username="bench_dinas").exists():
        pengguna_buat(username="bench_dinas", password="x", peran=Peran.DINAS)
    klien = Client()
    klien.force_login(get_user_model().objects.get(username="bench_dinas"))
    for url in [
        "/pertemuan/",
        "/pertemuan/tindak-lanjut/",
        "/pertemuan/kie/",
        "/pertemuan/jadwal/",
        "/kader/dana/",
        "/pertemuan/?ekspor=xlsx",
    ]:
        hasil[f"GET {url}"] = _ukur(lambda u=url: klien.get(u), ulang=max(5, ULANG // 4))
    for nama, s in hasil.items():
        print(f"{nama:<34} median {s['median']:8.1f} ms   p95 {s['p95']:8.1f} ms")


if __name__ == "__main__":
    main()
