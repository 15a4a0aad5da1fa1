"""What the bench scripts share: the repository on sys.path and the Django settings defaults
(set on import, before django.setup()), the timing of a call, Django set up for the test client,
a logged-in client per role, and the exception that rolls back the rows a script adds.

A script imports it first (`from alat import ...`: the script's own folder is on sys.path when
it runs as `python bench/<script>.py`).
"""

import os
import statistics
import sys
import time
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]
if str(AKAR) not in sys.path:
    sys.path.insert(0, str(AKAR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imp_smart.settings.local")
os.environ.setdefault("DJANGO_DEBUG", "0")


class Batalkan(Exception):
    """Raised at the end of a `transaction.atomic()` block to roll back what the script added."""


def ulang_bawaan(n: int) -> int:
    """How many timed calls: BENCH_ULANG if set, else the script's own default `n`."""
    return int(os.environ.get("BENCH_ULANG", str(n)))


def statistik(waktu: list[float]) -> dict:
    waktu = sorted(waktu)
    return {
        "median": statistics.median(waktu),
        "p95": waktu[max(0, int(round(len(waktu) * 0.95)) - 1)],
        "maks": waktu[-1],
    }


def ukur(fungsi, ulang: int) -> tuple[float, dict]:
    """(first call ms, stats in ms over `ulang` further calls). The stats carry `cpu`, the median
    CPU time of this process (Python, WeasyPrint; the database works in its own process), which a
    machine busy with other work inflates less than the wall clock."""
    t = time.perf_counter()
    fungsi()
    pertama = (time.perf_counter() - t) * 1000
    waktu, cpu = [], []
    for _ in range(ulang):
        t, c = time.perf_counter(), time.process_time()
        fungsi()
        waktu.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    return pertama, {**statistik(waktu), "cpu": statistics.median(cpu)}


def siapkan() -> None:
    """django.setup() for timing pages through the test client (any host, no DEBUG, no axes)."""
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    settings.AXES_ENABLED = False


def klien(peran: str):
    """(test client logged in as the first user of role `peran`, that user); (None, None) when
    the database has no such user."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    user = get_user_model().objects.filter(profil__peran=peran).order_by("pk").first()
    if user is None:
        return None, None
    c = Client()
    c.force_login(user)
    return c, user
