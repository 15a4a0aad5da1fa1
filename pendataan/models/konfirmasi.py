"""A cadre's confirmation that nothing changed in a dusun's (or desa's) PUS statuses for a month
(DOMAIN.md §9 I: a Sub-PPKBD "reported" when its monthly PUS page was saved or confirmed)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from kader.scoping import ScopedQuerySet


class KonfirmasiPusQuerySet(ScopedQuerySet):
    scope_lookup = "wilayah"


class KonfirmasiPus(models.Model):
    """ "Tidak ada perubahan bulan ini" on the monthly PUS page of a dusun or a desa (a desa's
    confirmation covers its dusun), with who confirmed it and when."""

    wilayah = models.ForeignKey(
        "kader.Wilayah", models.PROTECT, related_name="+", verbose_name="dusun/desa"
    )
    bulan = models.DateField("bulan", help_text="Hari pertama bulan.")
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="oleh"
    )
    pada = models.DateTimeField("pada", auto_now_add=True)

    objects = KonfirmasiPusQuerySet.as_manager()

    class Meta:
        verbose_name = "konfirmasi tidak ada perubahan PUS"
        verbose_name_plural = "konfirmasi tidak ada perubahan PUS"
        ordering = ["-bulan", "wilayah__kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["wilayah", "bulan"], name="%(app_label)s_%(class)s_satu_per_bulan"
            ),
            models.CheckConstraint(
                condition=Q(bulan__day=1), name="%(app_label)s_%(class)s_hari_pertama"
            ),
        ]

    def __str__(self):
        return f"Tidak ada perubahan {self.wilayah_id} {self.bulan:%Y-%m}"
