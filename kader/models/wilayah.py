"""The area tree of the kabupaten/kota served (IMP_KODE_KABUPATEN) with Kemendagri codes
(DOMAIN.md §2)."""

from django.db import models

from imp_smart.pilihan import cek_pilihan
from imp_smart.tautan import url_pk
from kader.scoping import ScopedQuerySet


class WilayahQuerySet(ScopedQuerySet):
    scope_lookup = "pk"

    def desa(self):
        return self.filter(tingkat__in=Wilayah.TINGKAT_DESA)

    def kecamatan(self):
        return self.filter(tingkat=Wilayah.Tingkat.KECAMATAN)

    def dusun(self):
        return self.filter(tingkat=Wilayah.Tingkat.DUSUN)


class Wilayah(models.Model):
    """An area: kabupaten, kecamatan, desa/kelurahan or dusun (RW/lingkungan)."""

    class Tingkat(models.TextChoices):
        KABUPATEN = "kabupaten", "Kabupaten"
        KECAMATAN = "kecamatan", "Kecamatan"
        DESA = "desa", "Desa"
        KELURAHAN = "kelurahan", "Kelurahan"
        DUSUN = "dusun", "Dusun/Lingkungan"

    TINGKAT_DESA = (Tingkat.DESA, Tingkat.KELURAHAN)

    kode = models.CharField("kode", max_length=24, unique=True)
    nama = models.CharField("nama", max_length=100)
    tingkat = models.CharField("tingkat", max_length=10, choices=Tingkat.choices, db_index=True)
    induk = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="anak", verbose_name="induk"
    )
    # Ancestors kept on the row so that scoping and roll-ups need no recursive query.
    kecamatan = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    desa = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )

    objects = WilayahQuerySet.as_manager()

    class Meta:
        verbose_name = "wilayah"
        verbose_name_plural = "wilayah"
        ordering = ["kode"]
        permissions = [("view_all_wilayah", "Dapat melihat seluruh wilayah kabupaten")]
        constraints = [
            cek_pilihan("tingkat", ["kabupaten", "kecamatan", "desa", "kelurahan", "dusun"]),
        ]

    def __str__(self):
        if self.tingkat == self.Tingkat.DUSUN:
            return f"Dusun {self.nama}"
        if self.tingkat == self.Tingkat.KABUPATEN:
            return self.nama
        # A plain dict: get_tingkat_display() rebuilds a hashable copy of the choices on every
        # call, and filter forms print ~190 areas.
        return f"{LABEL_TINGKAT.get(self.tingkat, self.tingkat)} {self.nama}"

    def get_absolute_url(self):
        return url_pk("kader:wilayah_detail", self.pk)

    @property
    def is_desa(self) -> bool:
        return self.tingkat in self.TINGKAT_DESA

    @property
    def is_dusun(self) -> bool:
        return self.tingkat == self.Tingkat.DUSUN

    def leluhur_ids(self) -> tuple[int | None, int | None]:
        """(kecamatan_id, desa_id) this row should carry; the row must be saved already."""
        if self.tingkat == self.Tingkat.KECAMATAN:
            return self.pk, None
        if self.is_desa:
            return self.induk_id, self.pk
        if self.is_dusun and self.induk is not None:
            return self.induk.kecamatan_id, self.induk_id
        return None, None


LABEL_TINGKAT = dict(Wilayah.Tingkat.choices)
