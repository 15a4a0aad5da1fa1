"""Recap files become rows of the one job model (imp_smart.Pekerjaan): each existing row gets
its job row (status, attempts, version, file, SHA-256, ... copied), keeps its month and kind,
and its table keeps only those (a one-to-one parent link). The draft SK rows filed under
January become plain jobs of kader's kind "kader.draft_sk" for their year."""

import django.db.models.deletion
from django.db import migrations, models

JOB = [
    "status",
    "progres",
    "tahap",
    "versi",
    "berkas",
    "ukuran",
    "sha256",
    "diminta_oleh_id",
    "mulai_pada",
    "selesai_pada",
    "token_klaim",
    "percobaan",
    "pesan_galat",
    "antrian_gagal",
    "lease_sampai",
    "detak",
    "diantrekan_pada",
]


def salin(apps, schema_editor):
    BerkasRekap = apps.get_model("laporan", "BerkasRekap")
    Pekerjaan = apps.get_model("imp_smart", "Pekerjaan")
    for b in BerkasRekap.objects.order_by("pk").iterator():
        nilai = {f: getattr(b, f) for f in JOB}
        nilai["berkas"] = b.berkas.name if b.berkas else ""
        if b.jenis == "DRAFT_SK":
            p = Pekerjaan.objects.create(
                jenis_pekerjaan="kader.draft_sk",
                kunci=str(b.bulan.year),
                parameter={"tahun": b.bulan.year},
                nama_berkas=f"draf-sk-pengurus-{b.bulan.year}-v{b.versi}.pdf",
                **nilai,
            )
            Pekerjaan.objects.filter(pk=p.pk).update(diminta_pada=b.diminta_pada)
            b.delete()
            continue
        ext = "zip" if b.jenis == "ZIP_KECAMATAN" else "pdf"
        p = Pekerjaan.objects.create(
            jenis_pekerjaan="laporan.rekap",
            kunci=f"{b.jenis}/{b.bulan:%Y-%m}",
            nama_berkas=f"rekap-{b.jenis.lower()}-{b.bulan:%Y-%m}-v{b.versi}.{ext}",
            **nilai,
        )
        Pekerjaan.objects.filter(pk=p.pk).update(diminta_pada=b.diminta_pada)
        BerkasRekap.objects.filter(pk=b.pk).update(pekerjaan_ptr=p.pk)


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
        ("laporan", "0005_izin_hasil_program"),
    ]

    operations = [
        migrations.AddField(
            model_name="berkasrekap",
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
        migrations.RemoveConstraint(
            model_name="berkasrekap", name="laporan_berkasrekap_versi_unik"
        ),
        *[
            migrations.RemoveField(model_name="berkasrekap", name=f.removesuffix("_id"))
            for f in [*JOB, "diminta_pada"]
        ],
        # The parent link becomes the primary key (PostgreSQL: the old key's constraint first).
        hanya_postgresql(
            "ALTER TABLE laporan_berkasrekap DROP CONSTRAINT laporan_berkasrekap_pkey"
        ),
        migrations.AlterField(
            model_name="berkasrekap",
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
        migrations.RemoveField(model_name="berkasrekap", name="id"),
        # The table is now what the model says; tell the state that it inherits Pekerjaan.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="BerkasRekap"),
                migrations.CreateModel(
                    name="BerkasRekap",
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
                                choices=[
                                    ("KABUPATEN", "Rekap kabupaten (PDF)"),
                                    ("ZIP_KECAMATAN", "PDF per kecamatan (ZIP)"),
                                ],
                                max_length=16,
                                verbose_name="jenis",
                            ),
                        ),
                        ("bulan", models.DateField(verbose_name="bulan")),
                    ],
                    options={
                        "verbose_name": "berkas rekap",
                        "verbose_name_plural": "berkas rekap",
                        "ordering": ["-bulan", "jenis", "-versi"],
                    },
                    bases=("imp_smart.pekerjaan",),
                ),
            ],
        ),
        migrations.AlterField(
            model_name="berkasrekap",
            name="jenis",
            field=models.CharField(
                choices=[
                    ("KABUPATEN", "Rekap kabupaten (PDF)"),
                    ("ZIP_KECAMATAN", "PDF per kecamatan (ZIP)"),
                ],
                max_length=16,
                verbose_name="jenis",
            ),
        ),
        migrations.AddConstraint(
            model_name="berkasrekap",
            constraint=models.CheckConstraint(
                condition=models.Q(("jenis__in", ["KABUPATEN", "ZIP_KECAMATAN"])),
                name="laporan_berkasrekap_jenis_sah",
            ),
        ),
    ]
