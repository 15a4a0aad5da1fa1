"""The words of each member's name stored beside it (PostgreSQL only; SQLite demos skip it).

`nama_vektor` = to_tsvector('simple', nama), a generated column that PostgreSQL keeps itself
(pendataan/cari.py). The name search's full-text index moves onto it, and an index of
(keluarga_id) carrying it lets the family list check "has this family a member called …?" from
the index alone: a common name's first page walks ~1,000 families in name order, and recomputing
to_tsvector from each member's row cost ~13 ms there against ~4 ms. Not a model field: no form,
serializer or query of the ORM reads it. Adding it rewrites the table, so the migration ends with
VACUUM ANALYZE (statistics for the new index; the visibility map that index-only checks need),
which cannot run in a transaction.
"""

from django.db import migrations

PASANG = [
    "ALTER TABLE pendataan_anggota ADD COLUMN IF NOT EXISTS nama_vektor tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, nama::text)) STORED",
    "DROP INDEX IF EXISTS pendataan_anggota_nama_fts",
    "CREATE INDEX pendataan_anggota_nama_fts ON pendataan_anggota USING gin (nama_vektor)",
    "CREATE INDEX IF NOT EXISTS pendataan_anggota_keluarga_vektor "
    "ON pendataan_anggota (keluarga_id) INCLUDE (nama_vektor)",
]
LEPAS = [
    "DROP INDEX IF EXISTS pendataan_anggota_keluarga_vektor",
    "DROP INDEX IF EXISTS pendataan_anggota_nama_fts",
    "ALTER TABLE pendataan_anggota DROP COLUMN IF EXISTS nama_vektor",
    "CREATE INDEX pendataan_anggota_nama_fts ON pendataan_anggota "
    "USING gin (to_tsvector('simple'::regconfig, nama))",
]


def _jalankan(perintah):
    def langkah(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cur:
            for sql in perintah:
                cur.execute(sql)

    return langkah


class Migration(migrations.Migration):
    atomic = False  # VACUUM; the schema change itself is one transaction (atomic RunPython)

    dependencies = [("pendataan", "0014_pilihan_kode")]

    operations = [
        migrations.RunPython(_jalankan(PASANG), _jalankan(LEPAS), atomic=True),
        migrations.RunPython(
            _jalankan(["VACUUM (ANALYZE) pendataan_anggota"]), migrations.RunPython.noop
        ),
    ]
