import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("imp_smart", "0001_pekerjaan"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="KirimanOffline",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        primary_key=True, serialize=False, verbose_name="kode kiriman"
                    ),
                ),
                ("path", models.CharField(max_length=300, verbose_name="alamat")),
                (
                    "lokasi",
                    models.CharField(
                        blank=True, max_length=500, verbose_name="hasil (halaman tujuan)"
                    ),
                ),
                ("pesan", models.JSONField(blank=True, default=list, verbose_name="pesan")),
                (
                    "dibuat",
                    models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="diterima"),
                ),
                (
                    "pengguna",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="pengguna",
                    ),
                ),
            ],
            options={
                "verbose_name": "kiriman dari ponsel",
                "verbose_name_plural": "kiriman dari ponsel",
                "default_permissions": ("view",),
                "permissions": [
                    ("kerja_offline", "Bekerja tanpa sinyal di ponsel (aplikasi terpasang)")
                ],
            },
        ),
    ]
