"""Imports become rows of the one job model (imp_smart.Pekerjaan): each existing row gets its
job row (status in the engine's codes, attempts, the uploaded file and its name, times, ...
copied) and keeps its kind, counts, errors, summary and uploader (a one-to-one parent link)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

STATUS = {"antri": "ANTRI", "proses": "PROSES", "selesai": "SELESAI", "gagal": "GAGAL"}
JOB = [
    "token_klaim",
    "percobaan",
    "pesan_galat",
    "antrian_gagal",
    "lease_sampai",
    "detak",
    "diantrekan_pada",
]


def salin(apps, schema_editor):
    Impor = apps.get_model("pendataan", "Impor")
    Pekerjaan = apps.get_model("imp_smart", "Pekerjaan")
    for i in Impor.objects.order_by("pk").iterator():
        selesai = i.status in ("selesai", "gagal")
        persen = int(i.baris_diproses * 100 / i.jumlah_baris) if i.jumlah_baris else 0
        p = Pekerjaan.objects.create(
            jenis_pekerjaan="pendataan.impor",
            status=STATUS.get(i.status, "GAGAL"),
            progres=100 if selesai else min(persen, 100),
            berkas=i.berkas.name if i.berkas else "",
            nama_berkas=i.nama_berkas,
            diminta_oleh_id=i.oleh_id,
            selesai_pada=i.selesai,
            **{f: getattr(i, f) for f in JOB},
        )
        Pekerjaan.objects.filter(pk=p.pk).update(diminta_pada=i.dibuat)
        Impor.objects.filter(pk=i.pk).update(pekerjaan_ptr=p.pk)


def hanya_postgresql(sql: str) -> migrations.RunPython:
    """A statement PostgreSQL needs here and SQLite (the embedded demo) neither needs nor knows:
    SQLite checks foreign keys at once, and its table remake moves the primary key itself."""

    def jalankan(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return migrations.RunPython(jalankan, migrations.RunPython.noop)


class Migration(migrations.Migration):
    dependencies = [
        ("imp_smart", "0001_pekerjaan"),
        ("pendataan", "0011_konfirmasi_pus"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="impor",
            name="pekerjaan_ptr",
            field=models.OneToOneField(
                auto_created=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                parent_link=True,
                serialize=False,
                to="imp_smart.pekerjaan",
            ),
        ),
        migrations.RunPython(salin, migrations.RunPython.noop),
        # Check the copied rows' foreign keys now, so that the tables can be altered below.
        hanya_postgresql("SET CONSTRAINTS ALL IMMEDIATE"),
        *[
            migrations.RemoveField(model_name="impor", name=f)
            for f in [*JOB, "status", "berkas", "nama_berkas", "dibuat", "selesai"]
        ],
        # The parent link becomes the primary key (PostgreSQL: the old key's constraint first).
        hanya_postgresql("ALTER TABLE pendataan_impor DROP CONSTRAINT pendataan_impor_pkey"),
        migrations.AlterField(
            model_name="impor",
            name="pekerjaan_ptr",
            field=models.OneToOneField(
                auto_created=True,
                on_delete=django.db.models.deletion.CASCADE,
                parent_link=True,
                primary_key=True,
                serialize=False,
                to="imp_smart.pekerjaan",
            ),
        ),
        migrations.RemoveField(model_name="impor", name="id"),
        # The table is now what the model says; tell the state that it inherits Pekerjaan.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Impor"),
                migrations.CreateModel(
                    name="Impor",
                    fields=[
                        (
                            "pekerjaan_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to="imp_smart.pekerjaan",
                            ),
                        ),
                        (
                            "jenis",
                            models.CharField(
                                choices=[("keluarga", "Data keluarga"), ("status_kb", "Status KB")],
                                max_length=10,
                                verbose_name="jenis",
                            ),
                        ),
                        ("jumlah_baris", models.PositiveIntegerField(default=0)),
                        ("baris_diproses", models.PositiveIntegerField(default=0)),
                        ("kesalahan", models.JSONField(blank=True, default=list)),
                        ("jumlah_kesalahan", models.PositiveIntegerField(default=0)),
                        ("ringkasan", models.JSONField(blank=True, default=dict)),
                        (
                            "oleh",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "impor",
                        "verbose_name_plural": "impor",
                        "ordering": ["-diminta_pada"],
                    },
                    bases=("imp_smart.pekerjaan",),
                ),
            ],
        ),
        migrations.AddConstraint(
            model_name="impor",
            constraint=models.CheckConstraint(
                condition=models.Q(("jenis__in", ["keluarga", "status_kb"])),
                name="pendataan_impor_jenis_sah",
            ),
        ),
    ]
