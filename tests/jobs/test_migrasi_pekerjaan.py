"""The data migrations into the one job model work on a database that has rows: recap files,
a draft SK filed under January and an import, made with the old tables, become job rows
(laporan 0006, pendataan 0012). A scratch database is migrated by `manage.py migrate` in a
subprocess (slow: marked integration)."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

pytestmark = pytest.mark.integration
AKAR = Path(__file__).resolve().parents[2]

BARIS_LAMA = """
insert into auth_user (id, password, last_login, is_superuser, username, first_name,
  last_name, email, is_staff, is_active, date_joined)
values (7, 'x', now(), false, 'u7', '', '', '', false, true, now());
insert into laporan_berkasrekap (id, jenis, bulan, versi, status, progres, tahap, token_klaim,
  percobaan, pesan_galat, antrian_gagal, berkas, ukuran, sha256, diminta_pada, diminta_oleh_id)
values
 (1, 'KABUPATEN', '2025-03-01', 1, 'SELESAI', 100, 'Selesai', '', 1, '', false,
  'rekap/2025/03/a.pdf', 10, 'abc', '2025-04-15 01:00+00', 7),
 (2, 'KABUPATEN', '2025-03-01', 2, 'ANTRI', 0, '', '', 0, '', true, '', null, '',
  '2025-04-16 01:00+00', null),
 (3, 'DRAFT_SK', '2026-01-01', 1, 'SELESAI', 100, 'Selesai', '', 1, '', false,
  'rekap/2026/01/sk.pdf', 20, 'def', '2026-01-05 01:00+00', 7);
insert into pendataan_impor (id, jenis, berkas, nama_berkas, status, jumlah_baris,
  baris_diproses, kesalahan, jumlah_kesalahan, ringkasan, dibuat, selesai, oleh_id,
  token_klaim, percobaan, pesan_galat, antrian_gagal)
values (5, 'keluarga', 'impor/2025/03/k.csv', 'k.csv', 'gagal', 10, 10,
  '[{"baris": 3, "kolom": "nik", "pesan": "x"}]', 1, '{}', '2025-03-02 01:00+00',
  '2025-03-02 01:01+00', 7, '', 1, '', false);
"""


# The schema just before the job model: migrated without post_migrate handlers (they expect
# every app's tables), then `manage.py migrate` runs the rest as a deployment would.
SEBELUM = """
import django
django.setup()
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
MigrationExecutor(connection).migrate(
    [("laporan", "0005_izin_hasil_program"), ("pendataan", "0011_konfirmasi_pus")]
)
"""


def _jalankan(env, *argumen):
    hasil = subprocess.run(
        [sys.executable, *argumen],
        cwd=AKAR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert hasil.returncode == 0, hasil.stderr[-3000:]


@pytest.fixture
def basis_data_kosong():
    asal = urlsplit(os.environ["DATABASE_URL"])
    nama = f"{asal.path.lstrip('/')}_migrasi_pekerjaan"
    admin = urlunsplit(asal._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{nama}"')
        c.execute(f'CREATE DATABASE "{nama}"')
    url = urlunsplit(asal._replace(path=f"/{nama}"))
    try:
        yield url
    finally:
        with psycopg.connect(admin, autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{nama}" WITH (FORCE)')


def test_rows_of_the_old_job_tables_become_job_rows(basis_data_kosong):
    env = {**os.environ, "DATABASE_URL": basis_data_kosong}
    _jalankan(env, "-c", SEBELUM)
    with psycopg.connect(basis_data_kosong) as c:
        c.execute(BARIS_LAMA)
    _jalankan(env, "manage.py", "migrate", "--noinput")
    with psycopg.connect(basis_data_kosong) as c:
        pekerjaan = c.execute(
            "select jenis_pekerjaan, kunci, versi, status, berkas, nama_berkas, parameter,"
            " diminta_oleh_id, antrian_gagal,"
            " to_char(diminta_pada at time zone 'UTC', 'YYYY-MM-DD')"
            " from imp_smart_pekerjaan order by id"
        ).fetchall()
        rekap = c.execute(
            "select p.versi, r.jenis, r.bulan::text from laporan_berkasrekap r"
            " join imp_smart_pekerjaan p on p.id = r.pekerjaan_ptr_id order by p.versi"
        ).fetchall()
        impor = c.execute(
            "select i.jenis, i.oleh_id, i.jumlah_kesalahan, i.kesalahan, p.status"
            " from pendataan_impor i join imp_smart_pekerjaan p on p.id = i.pekerjaan_ptr_id"
        ).fetchall()
    assert pekerjaan == [
        (
            "laporan.rekap",
            "KABUPATEN/2025-03",
            1,
            "SELESAI",
            "rekap/2025/03/a.pdf",
            "rekap-kabupaten-2025-03-v1.pdf",
            {},
            7,
            False,
            "2025-04-15",
        ),
        (
            "laporan.rekap",
            "KABUPATEN/2025-03",
            2,
            "ANTRI",
            "",
            "rekap-kabupaten-2025-03-v2.pdf",
            {},
            None,
            True,
            "2025-04-16",
        ),
        (
            "kader.draft_sk",
            "2026",
            1,
            "SELESAI",
            "rekap/2026/01/sk.pdf",
            "draf-sk-pengurus-2026-v1.pdf",
            {"tahun": 2026},
            7,
            False,
            "2026-01-05",
        ),
        (
            "pendataan.impor",
            "",
            1,
            "GAGAL",
            "impor/2025/03/k.csv",
            "k.csv",
            {},
            7,
            False,
            "2025-03-02",
        ),
    ]
    # The draft SK is no recap any more; the recaps and the import keep their own data.
    assert rekap == [(1, "KABUPATEN", "2025-03-01"), (2, "KABUPATEN", "2025-03-01")]
    assert impor == [("keluarga", 7, 1, [{"baris": 3, "kolom": "nik", "pesan": "x"}], "GAGAL")]
