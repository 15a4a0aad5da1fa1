"""Upgrading: trainings of cadres with pre/post tests and certificates (DOMAIN.md §3)."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from imp_smart.tautan import url_pk
from kader.scoping import ScopedQuerySet

NILAI = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


class PelatihanQuerySet(ScopedQuerySet):
    scope_lookup = "wilayah"


class Pelatihan(models.Model):
    """A training or workshop for cadres, organised at some area level. `jenis`: only a
    finished basic training (DASAR) counts for "upgrading first" (kader.upgrading)."""

    class Jenis(models.TextChoices):
        DASAR = "dasar", "Pelatihan dasar"
        LANJUTAN = "lanjutan", "Pelatihan lanjutan"
        LAINNYA = "lainnya", "Lainnya (orientasi, lokakarya)"

    judul = models.CharField("judul/topik", max_length=200)
    # Default DASAR: trainings recorded before the field existed were all taken as basic.
    jenis = models.CharField(
        "jenis pelatihan", max_length=8, choices=Jenis.choices, default=Jenis.DASAR
    )
    wilayah = models.ForeignKey(
        "kader.Wilayah", models.PROTECT, related_name="+", verbose_name="wilayah penyelenggara"
    )
    penyelenggara = models.CharField("penyelenggara", max_length=150)
    narasumber = models.TextField("narasumber", help_text="Satu nama per baris.")
    tempat = models.CharField("tempat", max_length=200)
    tanggal_mulai = models.DateField("tanggal mulai")
    tanggal_selesai = models.DateField("tanggal selesai")
    jumlah_jam = models.PositiveSmallIntegerField("jumlah jam pelajaran", null=True, blank=True)

    objects = PelatihanQuerySet.as_manager()

    class Meta:
        verbose_name = "pelatihan"
        verbose_name_plural = "pelatihan"
        ordering = ["-tanggal_mulai", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tanggal_selesai__gte=F("tanggal_mulai")),
                name="%(app_label)s_%(class)s_selesai_setelah_mulai",
                violation_error_message="Tanggal selesai tidak boleh sebelum tanggal mulai.",
            ),
            models.CheckConstraint(
                condition=Q(jenis__in=["dasar", "lanjutan", "lainnya"]),
                name="%(app_label)s_%(class)s_jenis_valid",
            ),
        ]

    def __str__(self):
        return self.judul

    def get_absolute_url(self):
        return url_pk("pertemuan:pelatihan_detail", self.pk)

    @property
    def daftar_narasumber(self) -> list[str]:
        return [n.strip() for n in self.narasumber.splitlines() if n.strip()]


class PesertaPelatihanQuerySet(ScopedQuerySet):
    scope_lookup = "kader__institusi__wilayah"


class PesertaPelatihan(models.Model):
    """A cadre attending a training, with test scores and a certificate number."""

    pelatihan = models.ForeignKey(Pelatihan, models.CASCADE, related_name="peserta")
    kader = models.ForeignKey("kader.Kader", models.PROTECT, related_name="pelatihan_diikuti")
    nilai_pre = models.DecimalField(
        "nilai pre-test", max_digits=5, decimal_places=2, null=True, blank=True, validators=NILAI
    )
    nilai_post = models.DecimalField(
        "nilai post-test", max_digits=5, decimal_places=2, null=True, blank=True, validators=NILAI
    )
    nomor_sertifikat = models.CharField("nomor sertifikat", max_length=60, blank=True)

    objects = PesertaPelatihanQuerySet.as_manager()

    class Meta:
        verbose_name = "peserta pelatihan"
        verbose_name_plural = "peserta pelatihan"
        ordering = ["kader__nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["pelatihan", "kader"],
                name="%(app_label)s_%(class)s_unik",
                violation_error_message="Kader ini sudah terdaftar sebagai peserta.",
            ),
            models.CheckConstraint(
                condition=Q(nilai_pre__gte=0, nilai_pre__lte=100) | Q(nilai_pre__isnull=True),
                name="%(app_label)s_%(class)s_pre_0_100",
            ),
            models.CheckConstraint(
                condition=Q(nilai_post__gte=0, nilai_post__lte=100) | Q(nilai_post__isnull=True),
                name="%(app_label)s_%(class)s_post_0_100",
            ),
        ]

    def __str__(self):
        return f"{self.kader} — {self.pelatihan}"

    @property
    def kenaikan(self) -> Decimal | None:
        if self.nilai_pre is None or self.nilai_post is None:
            return None
        return self.nilai_post - self.nilai_pre
