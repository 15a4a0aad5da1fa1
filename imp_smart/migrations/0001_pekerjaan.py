import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import imp_smart.models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Pekerjaan",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "jenis_pekerjaan",
                    models.CharField(
                        db_index=True,
                        help_text="Jenis yang didaftarkan aplikasinya (imp_smart.jobs.daftarkan).",
                        max_length=40,
                        verbose_name="jenis pekerjaan",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("ANTRI", "Dalam antrean"),
                            ("PROSES", "Sedang diproses"),
                            ("SELESAI", "Selesai"),
                            ("GAGAL", "Gagal"),
                        ],
                        db_index=True,
                        default="ANTRI",
                        max_length=8,
                        verbose_name="status",
                    ),
                ),
                (
                    "progres",
                    models.PositiveSmallIntegerField(default=0, verbose_name="progres (%)"),
                ),
                ("tahap", models.CharField(blank=True, max_length=200, verbose_name="tahap")),
                ("kunci", models.CharField(blank=True, max_length=40, verbose_name="kunci versi")),
                ("versi", models.PositiveIntegerField(default=1, verbose_name="versi")),
                (
                    "parameter",
                    models.JSONField(blank=True, default=dict, verbose_name="parameter"),
                ),
                (
                    "berkas",
                    models.FileField(
                        blank=True,
                        max_length=255,
                        upload_to=imp_smart.models.jalur_berkas,
                        verbose_name="berkas",
                    ),
                ),
                (
                    "nama_berkas",
                    models.CharField(blank=True, max_length=200, verbose_name="nama berkas"),
                ),
                (
                    "ukuran",
                    models.PositiveBigIntegerField(
                        blank=True, null=True, verbose_name="ukuran (bita)"
                    ),
                ),
                ("sha256", models.CharField(blank=True, max_length=64, verbose_name="SHA-256")),
                ("diminta_pada", models.DateTimeField(auto_now_add=True, verbose_name="diminta")),
                ("mulai_pada", models.DateTimeField(blank=True, null=True, verbose_name="mulai")),
                (
                    "selesai_pada",
                    models.DateTimeField(blank=True, null=True, verbose_name="selesai"),
                ),
                ("token_klaim", models.CharField(blank=True, editable=False, max_length=32)),
                (
                    "percobaan",
                    models.PositiveSmallIntegerField(default=0, verbose_name="percobaan"),
                ),
                ("pesan_galat", models.TextField(blank=True, verbose_name="pesan galat")),
                (
                    "antrian_gagal",
                    models.BooleanField(
                        default=False,
                        help_text="Terakhir kali dikirim ke antrean, Redis tidak dapat dihubungi.",
                        verbose_name="antrean tidak terjangkau",
                    ),
                ),
                (
                    "lease_sampai",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="klaim berlaku sampai"
                    ),
                ),
                (
                    "detak",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="detak terakhir pekerja"
                    ),
                ),
                (
                    "diantrekan_pada",
                    models.DateTimeField(
                        blank=True,
                        editable=False,
                        null=True,
                        verbose_name="terakhir dikirim ke antrean",
                    ),
                ),
                (
                    "diminta_oleh",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="diminta oleh",
                    ),
                ),
            ],
            options={
                "verbose_name": "pekerjaan latar",
                "verbose_name_plural": "pekerjaan latar",
                "ordering": ["-diminta_pada", "-pk"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("kunci", ""), _negated=True),
                        fields=("jenis_pekerjaan", "kunci", "versi"),
                        name="imp_smart_pekerjaan_versi_unik",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("status__in", ["ANTRI", "PROSES", "SELESAI", "GAGAL"])),
                        name="imp_smart_pekerjaan_status_sah",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("progres__lte", 100)),
                        name="imp_smart_pekerjaan_progres_maks_100",
                    ),
                ],
            },
        ),
    ]
