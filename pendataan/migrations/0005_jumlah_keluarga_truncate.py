"""TRUNCATE of the families empties their per-desa counters too (PostgreSQL; SQLite has none).

Row and statement DELETE triggers do not fire on TRUNCATE; without this a truncated register
would keep its old counts in JumlahKeluargaDesa.
"""

from django.db import migrations

PASANG = """
CREATE FUNCTION pendataan_jumlah_keluarga_kosongkan() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM pendataan_jumlahkeluargadesa;
  RETURN NULL;
END $$;
CREATE TRIGGER pendataan_jumlah_keluarga_trunc AFTER TRUNCATE ON pendataan_keluarga
  FOR EACH STATEMENT EXECUTE FUNCTION pendataan_jumlah_keluarga_kosongkan();
"""
LEPAS = """
DROP TRIGGER IF EXISTS pendataan_jumlah_keluarga_trunc ON pendataan_keluarga;
DROP FUNCTION IF EXISTS pendataan_jumlah_keluarga_kosongkan();
"""


def pasang(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PASANG)


def lepas(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(LEPAS)


class Migration(migrations.Migration):
    dependencies = [("pendataan", "0004_jumlah_keluarga_desa")]

    operations = [migrations.RunPython(pasang, lepas)]
