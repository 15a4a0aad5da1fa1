"""A web process prepares once at start (imp_smart.proses): URLs and common templates loaded, what
it loaded frozen out of the garbage collector's reach, the youngest generation collected rarely."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CETAK = (
    "import gc, imp_smart.wsgi;"
    "from django.urls import get_resolver;"
    "print(*gc.get_threshold(), gc.get_freeze_count(), get_resolver()._populated)"
)


def _jalankan(**env_tambahan) -> list[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("IMP_GC")}
    env.update(DJANGO_SETTINGS_MODULE="imp_smart.settings.test", **env_tambahan)
    hasil = subprocess.run(
        [sys.executable, "-c", CETAK], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert hasil.returncode == 0, hasil.stderr
    return hasil.stdout.split()


def test_wsgi_process_freezes_what_it_loaded_and_collects_rarely():
    g0, g1, g2, beku, urls = _jalankan()
    assert (int(g0), int(g1), int(g2)) == (20000, 20, 20)
    assert int(beku) > 50_000  # Django, the apps, the URLs and compiled templates
    assert urls == "True"


def test_empty_setting_keeps_python_defaults():
    g0, _g1, _g2, beku, _urls = _jalankan(IMP_GC_AMBANG="")
    assert int(g0) == 700
    assert int(beku) == 0


def test_postgresql_connections_run_without_jit(db):
    """The counting statements' plan costs switched PostgreSQL's JIT on (~0.4 s of compiling
    each); the connection options turn it off for every statement."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SHOW jit")
        assert cur.fetchone()[0] == "off"
