"""The pages of bench/load.py in one process: CPU time, SQL statements and SQL time per page,
beside the floor. CPU time moves little with the load other programs put on the machine, where
the latencies of load.py move a lot; use it to find what a page spends its time on.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/imp_bench REDIS_URL=redis://127.0.0.1:6379/14 \\
        .venv/bin/python bench/profil_halaman.py [--ulang 5] [--sql 3] [--profil 40] [kata ...]

`kata`: only the pages whose label contains one of the words. `--sql N` prints the N slowest
statements of each page, `--profil N` the N most expensive functions (CPU time, cProfile;
`--urut tottime` orders them by their own time).
Each figure is the best of `--ulang` requests after one warm-up request.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(AKAR))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("kata", nargs="*")
    parser.add_argument("--ulang", type=int, default=5)
    parser.add_argument("--sql", type=int, default=0)
    parser.add_argument("--profil", type=int, default=0)
    parser.add_argument(
        "--urut", default="cumulative", help="order of --profil: cumulative, tottime, ncalls…"
    )
    args = parser.parse_args()

    from bench import load  # sets DJANGO_SETTINGS_MODULE and sets Django up in _contoh()

    contoh = load._contoh()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    pengguna = get_user_model().objects
    klien = {}
    for peran, nama in load.PERAN.items():
        klien[peran] = Client()
        klien[peran].force_login(pengguna.get(username=nama))

    print(f"{'page':32} {'CPU ms':>7} {'/floor':>6} {'SQL n':>5} {'SQL ms':>7} {'wall ms':>8}")
    lantai = None
    for label, peran, path in load.halaman(contoh):
        if args.kata and lantai is not None and not any(k in label for k in args.kata):
            continue
        c = klien[peran]
        if c.get(path).status_code != 200:
            print(f"{label:32} does not answer 200")
            continue
        terbaik = None
        for _ in range(args.ulang):
            with CaptureQueriesContext(connection) as kueri:
                t0, p0 = time.perf_counter(), time.process_time()
                c.get(path)
                p1, t1 = time.process_time(), time.perf_counter()
            hasil = (
                (p1 - p0) * 1000,
                len(kueri.captured_queries),
                sum(float(q["time"]) for q in kueri.captured_queries) * 1000,
                (t1 - t0) * 1000,
                kueri.captured_queries,
            )
            if terbaik is None or hasil[0] < terbaik[0]:
                terbaik = hasil
        cpu, n, sql_ms, dinding, daftar = terbaik
        lantai = lantai or cpu
        print(f"{label:32} {cpu:7.1f} {cpu / lantai:6.2f} {n:5d} {sql_ms:7.1f} {dinding:8.1f}")
        for q in sorted(daftar, key=lambda q: -float(q["time"]))[: args.sql]:
            print(f"    {float(q['time']) * 1000:7.1f} {q['sql'][:300]}")
        if args.profil:
            profil = cProfile.Profile(time.process_time)
            profil.enable()
            c.get(path)
            profil.disable()
            teks = io.StringIO()
            pstats.Stats(profil, stream=teks).sort_stats(args.urut).print_stats(args.profil)
            print(teks.getvalue())
    return 0


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_beban")
    sys.exit(main())
