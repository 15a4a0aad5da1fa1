"""Families per desa kept by triggers (pendataan.models.JumlahKeluargaDesa).

PostgreSQL: statement-level triggers with transition tables, so a bulk insert of a whole desa
costs one grouped upsert, not one per row; counters are touched in desa order (no deadlock
between two imports). SQLite (the demo): row-level triggers. Both start from the current count.
"""

import django.db.models.deletion
from django.db import migrations, models


TABEL = "pendataan_jumlahkeluargadesa"

PG_PASANG = f"""
CREATE FUNCTION pendataan_jumlah_keluarga() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    -- Only families that moved to another desa change a counter: +1 there, -1 here.
    INSERT INTO {TABEL} AS j (desa_id, jumlah)
      SELECT desa_id, sum(n) FROM (
        SELECT b.desa_id, 1 AS n FROM baru b JOIN lama l USING (id) WHERE b.desa_id <> l.desa_id
        UNION ALL
        SELECT l.desa_id, -1 FROM baru b JOIN lama l USING (id) WHERE b.desa_id <> l.desa_id
      ) pindah GROUP BY desa_id ORDER BY desa_id
      ON CONFLICT (desa_id) DO UPDATE SET jumlah = j.jumlah + EXCLUDED.jumlah;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO {TABEL} AS j (desa_id, jumlah)
      SELECT desa_id, count(*) FROM baru GROUP BY desa_id ORDER BY desa_id
      ON CONFLICT (desa_id) DO UPDATE SET jumlah = j.jumlah + EXCLUDED.jumlah;
  ELSE
    INSERT INTO {TABEL} AS j (desa_id, jumlah)
      SELECT desa_id, -count(*) FROM lama GROUP BY desa_id ORDER BY desa_id
      ON CONFLICT (desa_id) DO UPDATE SET jumlah = j.jumlah + EXCLUDED.jumlah;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER pendataan_jumlah_keluarga_ins AFTER INSERT ON pendataan_keluarga
  REFERENCING NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION pendataan_jumlah_keluarga();
CREATE TRIGGER pendataan_jumlah_keluarga_del AFTER DELETE ON pendataan_keluarga
  REFERENCING OLD TABLE AS lama FOR EACH STATEMENT EXECUTE FUNCTION pendataan_jumlah_keluarga();
CREATE TRIGGER pendataan_jumlah_keluarga_upd AFTER UPDATE ON pendataan_keluarga
  REFERENCING OLD TABLE AS lama NEW TABLE AS baru
  FOR EACH STATEMENT EXECUTE FUNCTION pendataan_jumlah_keluarga();
"""
PG_LEPAS = """
DROP TRIGGER IF EXISTS pendataan_jumlah_keluarga_ins ON pendataan_keluarga;
DROP TRIGGER IF EXISTS pendataan_jumlah_keluarga_del ON pendataan_keluarga;
DROP TRIGGER IF EXISTS pendataan_jumlah_keluarga_upd ON pendataan_keluarga;
DROP FUNCTION IF EXISTS pendataan_jumlah_keluarga();
"""


def _tambah(desa: str, n: str) -> str:
    return (
        f"INSERT INTO {TABEL} (desa_id, jumlah) VALUES ({desa}, {n}) "
        f"ON CONFLICT (desa_id) DO UPDATE SET jumlah = jumlah + excluded.jumlah;"
    )


SQLITE_PASANG = [
    "CREATE TRIGGER pendataan_jumlah_keluarga_ins AFTER INSERT ON pendataan_keluarga "
    f"BEGIN {_tambah('NEW.desa_id', '1')} END",
    "CREATE TRIGGER pendataan_jumlah_keluarga_del AFTER DELETE ON pendataan_keluarga "
    f"BEGIN {_tambah('OLD.desa_id', '-1')} END",
    "CREATE TRIGGER pendataan_jumlah_keluarga_upd AFTER UPDATE OF desa_id ON pendataan_keluarga "
    "WHEN OLD.desa_id <> NEW.desa_id "
    f"BEGIN {_tambah('NEW.desa_id', '1')} {_tambah('OLD.desa_id', '-1')} END",
]
SQLITE_LEPAS = [
    f"DROP TRIGGER IF EXISTS pendataan_jumlah_keluarga_{x}" for x in ("ins", "del", "upd")
]


def pasang(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_PASANG)
    elif vendor == "sqlite":
        for sql in SQLITE_PASANG:
            schema_editor.execute(sql)
    else:
        raise RuntimeError(f"Tidak ada trigger jumlah keluarga untuk {vendor}.")
    schema_editor.execute(
        f"INSERT INTO {TABEL} (desa_id, jumlah) "
        "SELECT desa_id, count(*) FROM pendataan_keluarga GROUP BY desa_id"
    )


def lepas(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_LEPAS)
    else:
        for sql in SQLITE_LEPAS:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("kader", "0002_awal"),
        ("pendataan", "0003_indeks_kata_nama"),
    ]

    operations = [
        migrations.CreateModel(
            name="JumlahKeluargaDesa",
            fields=[
                (
                    "desa",
                    models.OneToOneField(
                        editable=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="kader.wilayah",
                    ),
                ),
                ("jumlah", models.IntegerField(default=0, editable=False)),
            ],
            options={
                "verbose_name": "jumlah keluarga desa",
                "verbose_name_plural": "jumlah keluarga desa",
                "default_permissions": (),
            },
        ),
        migrations.RunPython(pasang, lepas),
    ]
