"""Trigram indexes for the name search (UPPER(nama) LIKE '%…%' as Django's icontains writes it).

PostgreSQL only (pg_trgm is a trusted extension from PostgreSQL 13); SQLite demos skip it.
"""

from django.db import migrations

INDEKS = [
    ("pendataan_anggota_nama_trgm", "pendataan_anggota", "nama"),
    ("pendataan_keluarga_kepala_trgm", "pendataan_keluarga", "nama_kepala"),
]


def buat(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for nama, tabel, kolom in INDEKS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {nama} ON {tabel} USING gin (UPPER({kolom}) gin_trgm_ops)"
        )


def hapus(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for nama, _, _ in INDEKS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {nama}")


class Migration(migrations.Migration):
    dependencies = [("pendataan", "0001_awal")]

    operations = [migrations.RunPython(buat, hapus)]
