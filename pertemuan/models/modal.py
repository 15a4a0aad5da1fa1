"""The capital ledger of an UPPKA group (DOMAIN.md §9 IV: source and amount held)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from kader.scoping import ScopedQuerySet


class SumberModal(models.TextChoices):
    SWADAYA = "swadaya", "Swadaya"
    PEMERINTAH = "pemerintah", "Pemerintah"
    LAINNYA = "lainnya", "Lainnya"


class ArahModal(models.TextChoices):
    MASUK = "masuk", "Masuk (diterima)"
    KELUAR = "keluar", "Keluar (dikembalikan/dipakai habis)"


class ModalUppkaQuerySet(ScopedQuerySet):
    scope_lookup = "poktan__wilayah"


class ModalUppka(models.Model):
    """One movement of an UPPKA group's capital: received (masuk) or given back / spent for
    good (keluar), by source. The amount held at a month's end is, per source, the sum of the
    movements dated on or before its last day (Rp, whole rupiah)."""

    poktan = models.ForeignKey(
        "pertemuan.Poktan",
        models.CASCADE,
        related_name="modal",
        limit_choices_to={"jenis": "uppka"},
    )
    tanggal = models.DateField("tanggal")
    sumber = models.CharField("sumber modal", max_length=10, choices=SumberModal.choices)
    arah = models.CharField("arah", max_length=6, choices=ArahModal.choices)
    jumlah = models.PositiveBigIntegerField("jumlah (Rp)")
    keterangan = models.CharField("keterangan", max_length=200, blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dicatat_pada = models.DateTimeField(auto_now_add=True)

    objects = ModalUppkaQuerySet.as_manager()

    class Meta:
        verbose_name = "modal UPPKA"
        verbose_name_plural = "modal UPPKA"
        ordering = ["-tanggal", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sumber__in=SumberModal.values),
                name="%(app_label)s_%(class)s_sumber_kode",
            ),
            models.CheckConstraint(
                condition=Q(arah__in=ArahModal.values), name="%(app_label)s_%(class)s_arah_kode"
            ),
            models.CheckConstraint(
                condition=Q(jumlah__gt=0), name="%(app_label)s_%(class)s_jumlah_positif"
            ),
        ]

    def __str__(self):
        return f"{self.get_arah_display()} {self.get_sumber_display()} Rp{self.jumlah}"

    def get_absolute_url(self):
        return self.poktan.get_absolute_url()
