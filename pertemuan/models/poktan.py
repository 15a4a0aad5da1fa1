"""Poktan (kelompok kegiatan) BKB, BKR, BKL, UPPKA, PIK-R with members and monthly activities."""

from django.db import models

from imp_smart.pilihan import cek_pilihan
from imp_smart.tautan import url_pk
from kader.scoping import ScopedQuerySet


class JenisPoktan(models.TextChoices):
    BKB = "bkb", "BKB (Bina Keluarga Balita)"
    BKR = "bkr", "BKR (Bina Keluarga Remaja)"
    BKL = "bkl", "BKL (Bina Keluarga Lansia)"
    UPPKA = "uppka", "UPPKA"
    PIKR = "pikr", "PIK-R"


class PoktanQuerySet(ScopedQuerySet):
    scope_lookup = "wilayah"

    def aktif(self):
        return self.filter(aktif=True)


class Poktan(models.Model):
    """A community group of one kind in a desa or dusun."""

    jenis = models.CharField("jenis", max_length=6, choices=JenisPoktan.choices)
    nama = models.CharField("nama kelompok", max_length=120)
    wilayah = models.ForeignKey(
        "kader.Wilayah", models.PROTECT, related_name="+", verbose_name="desa/dusun"
    )
    institusi = models.ForeignKey(
        "kader.Institusi",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="poktan",
        verbose_name="institusi pembina",
    )
    ketua = models.CharField("ketua", max_length=120, blank=True)
    tanggal_dibentuk = models.DateField("tanggal dibentuk", null=True, blank=True)
    aktif = models.BooleanField("aktif", default=True)

    objects = PoktanQuerySet.as_manager()

    class Meta:
        verbose_name = "poktan"
        verbose_name_plural = "poktan"
        ordering = ["jenis", "nama"]
        constraints = [
            cek_pilihan("jenis", JenisPoktan.choices),
        ]

    def __str__(self):
        return f"{self.get_jenis_display().split(' ')[0]} {self.nama}"

    def get_absolute_url(self):
        return url_pk("pertemuan:poktan_detail", self.pk)


class KegiatanPoktanQuerySet(ScopedQuerySet):
    scope_lookup = "poktan__wilayah"


class KegiatanPoktan(models.Model):
    """One activity (usually monthly) of a poktan, with its attendance."""

    poktan = models.ForeignKey(Poktan, models.CASCADE, related_name="kegiatan")
    tanggal = models.DateField("tanggal")
    materi = models.CharField("materi/kegiatan", max_length=200)
    hadir = models.PositiveIntegerField("jumlah hadir")
    catatan = models.TextField("catatan", blank=True)

    objects = KegiatanPoktanQuerySet.as_manager()

    class Meta:
        verbose_name = "kegiatan poktan"
        verbose_name_plural = "kegiatan poktan"
        ordering = ["-tanggal", "-pk"]

    def __str__(self):
        return f"{self.materi} ({self.tanggal:%d/%m/%Y})"

    def get_absolute_url(self):
        return url_pk("pertemuan:poktan_detail", self.poktan_id)


class AnggotaPoktan(models.Model):
    """A family (from the register) that is a member of a poktan."""

    poktan = models.ForeignKey(Poktan, models.CASCADE, related_name="anggota")
    keluarga = models.ForeignKey(
        "pendataan.Keluarga", models.PROTECT, related_name="poktan", verbose_name="keluarga"
    )
    tanggal_masuk = models.DateField("tanggal masuk")
    aktif = models.BooleanField("aktif", default=True)

    class Meta:
        verbose_name = "anggota poktan"
        verbose_name_plural = "anggota poktan"
        ordering = ["keluarga__nama_kepala"]
        constraints = [
            models.UniqueConstraint(
                fields=["poktan", "keluarga"],
                name="%(app_label)s_%(class)s_unik",
                violation_error_message="Keluarga ini sudah menjadi anggota kelompok.",
            )
        ]

    def __str__(self):
        return f"{self.keluarga} di {self.poktan}"
