"""Yearly targets (PPM) per desa, year and method (DOMAIN.md §8.5)."""

from django.db import models
from django.db.models import Q

from kader.scoping import ScopedQuerySet
from pendataan.indikator import METODE


class TargetMetodeQuerySet(ScopedQuerySet):
    scope_lookup = "desa"


class TargetMetode(models.Model):
    """PPM of one desa, year and method: new acceptors (PB) and active users (PA) to reach.
    A desa's yearly PB target (§6 `pb_target_persen`) is the sum of `target_pb` over methods."""

    desa = models.ForeignKey(
        "kader.Wilayah",
        models.PROTECT,
        related_name="+",
        limit_choices_to={"tingkat__in": ("desa", "kelurahan")},
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    metode = models.CharField("metode", max_length=12)
    target_pb = models.PositiveIntegerField("PPM PB")
    target_pa = models.PositiveIntegerField("PPM PA")
    diubah_pada = models.DateTimeField(auto_now=True)

    objects = TargetMetodeQuerySet.as_manager()

    class Meta:
        verbose_name = "target metode (PPM)"
        verbose_name_plural = "target metode (PPM)"
        ordering = ["-tahun", "desa__kode", "metode"]
        constraints = [
            models.UniqueConstraint(
                fields=["desa", "tahun", "metode"], name="%(app_label)s_%(class)s_satu_per_metode"
            ),
            models.CheckConstraint(
                condition=Q(metode__in=METODE), name="%(app_label)s_%(class)s_metode_kode"
            ),
            # PositiveIntegerField already checks >= 0 on PostgreSQL; named here so that the
            # rule stays whatever the column type becomes.
            models.CheckConstraint(
                condition=Q(target_pb__gte=0) & Q(target_pa__gte=0),
                name="%(app_label)s_%(class)s_tidak_negatif",
            ),
        ]

    def __str__(self):
        return f"PPM {self.desa} {self.tahun} {self.metode}: {self.target_pb}/{self.target_pa}"
