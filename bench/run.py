"""Run every benchmark against the district-scale database in DATABASE_URL (`make bench`).

Prepare the database once (about 20 minutes on 2 cores):

    createdb -h 127.0.0.1 -U postgres imp_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/imp_bench REDIS_URL=redis://127.0.0.1:6379/14
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py seed_demo --skala kabupaten
    make bench

Each script prints its own table (median, p95, SQL statements, target); load.py last: every page
under gunicorn and concurrent clients beside the floor, then a soak (needs Debian's `wrk`).
pendataan's ratio against the 1 % scale needs a second database: see bench/pendataan_bench.py.
"""

import os
import subprocess
import sys
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]
SKRIP = [
    "pendataan_bench.py",
    "pertemuan_bench.py",
    "laporan_bench.py",
    "program_bench.py",
    "fidal_bench.py",
    "load.py",
]


def main() -> int:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("DATABASE_URL must point at a PostgreSQL database holding the district seed.")
        return 2
    gagal = 0
    for skrip in SKRIP:
        print(f"\n=== {skrip} ===", flush=True)
        argumen = ["--label", "kabupaten"] if skrip == "pendataan_bench.py" else []
        hasil = subprocess.run([sys.executable, str(AKAR / "bench" / skrip), *argumen], check=False)
        gagal |= hasil.returncode
    return 1 if gagal else 0


if __name__ == "__main__":
    sys.exit(main())
