"""What the server remembers of submissions sent from a phone (issue 13: exactly once)."""

from django.conf import settings
from django.db import models


class KirimanOffline(models.Model):
    """One processed form submission, by the id the phone gave it: a replay of the same id
    is answered with this result instead of being processed again."""

    id = models.UUIDField("kode kiriman", primary_key=True)
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="pengguna",
    )
    path = models.CharField("alamat", max_length=300)
    lokasi = models.CharField("hasil (halaman tujuan)", max_length=500, blank=True)
    pesan = models.JSONField("pesan", default=list, blank=True)
    dibuat = models.DateTimeField("diterima", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "kiriman dari ponsel"
        verbose_name_plural = "kiriman dari ponsel"
        default_permissions = ("view",)
        permissions = [("kerja_offline", "Bekerja tanpa sinyal di ponsel (aplikasi terpasang)")]

    def __str__(self):
        return f"{self.id} {self.path}"
