"""Full-text index for the word-prefix name search (pendataan/cari.py). PostgreSQL only."""

from django.db import migrations

INDEKS = "pendataan_anggota_nama_fts"


def buat(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEKS} ON pendataan_anggota "
        "USING gin (to_tsvector('simple'::regconfig, nama))"
    )


def hapus(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEKS}")


class Migration(migrations.Migration):
    dependencies = [("pendataan", "0002_indeks_trigram_nama")]

    operations = [migrations.RunPython(buat, hapus)]
