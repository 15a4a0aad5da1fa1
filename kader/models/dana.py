"""Kemandirian (DOMAIN.md §3): group funds of an institution — dues, arisan and a cash ledger.

Every rupiah that enters or leaves the group's cash is one TransaksiKas row; the balance is their
running sum. Writes go through kader.dana.services, which refuses any entry that would make the
balance negative on any day.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from imp_smart.angka import rupiah
from imp_smart.pilihan import cek_pilihan
from imp_smart.tautan import url_pk
from kader.scoping import ScopedQuerySet

RUPIAH = {"max_digits": 14, "decimal_places": 0}
POSITIF = [MinValueValidator(Decimal(1), "Jumlah harus lebih dari nol.")]


class TarifIuranQuerySet(ScopedQuerySet):
    scope_lookup = "institusi__wilayah"


class TarifIuran(models.Model):
    """The monthly dues per member of an institution, in force from a month on."""

    institusi = models.ForeignKey(
        "kader.Institusi", models.PROTECT, related_name="tarif_iuran", verbose_name="institusi"
    )
    nominal = models.DecimalField("iuran per anggota per bulan (Rp)", **RUPIAH, validators=POSITIF)
    berlaku_mulai = models.DateField("berlaku mulai bulan")

    objects = TarifIuranQuerySet.as_manager()

    class Meta:
        verbose_name = "tarif iuran"
        verbose_name_plural = "tarif iuran"
        ordering = ["institusi", "-berlaku_mulai"]
        constraints = [
            models.UniqueConstraint(
                fields=["institusi", "berlaku_mulai"],
                name="%(app_label)s_%(class)s_unik",
                violation_error_message="Sudah ada tarif yang berlaku mulai bulan itu.",
            )
        ]

    def __str__(self):
        return f"{rupiah(self.nominal, awalan=True)} sejak {self.berlaku_mulai:%m/%Y}"


class KelompokArisanQuerySet(ScopedQuerySet):
    scope_lookup = "institusi__wilayah"


class KelompokArisan(models.Model):
    """A rotating-savings group run by an institution; each cycle every member wins once."""

    institusi = models.ForeignKey(
        "kader.Institusi", models.PROTECT, related_name="arisan", verbose_name="institusi"
    )
    nama = models.CharField("nama arisan", max_length=120)
    setoran = models.DecimalField(
        "setoran per anggota per putaran (Rp)", **RUPIAH, validators=POSITIF
    )
    siklus = models.PositiveSmallIntegerField("siklus berjalan", default=1)
    aktif = models.BooleanField("aktif", default=True)
    dibuat = models.DateField("mulai", auto_now_add=True)

    objects = KelompokArisanQuerySet.as_manager()

    class Meta:
        verbose_name = "kelompok arisan"
        verbose_name_plural = "kelompok arisan"
        ordering = ["institusi", "nama"]

    def __str__(self):
        return self.nama

    def get_absolute_url(self):
        return url_pk("kader:dana:arisan_detail", self.pk)


class AnggotaArisan(models.Model):
    """A member of an arisan: a cadre of the institution or another named person."""

    kelompok = models.ForeignKey(KelompokArisan, models.CASCADE, related_name="anggota")
    nama = models.CharField("nama", max_length=120)
    kader = models.ForeignKey(
        "kader.Kader",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="kader (jika kader)",
    )
    aktif = models.BooleanField("aktif", default=True)

    class Meta:
        verbose_name = "anggota arisan"
        verbose_name_plural = "anggota arisan"
        ordering = ["nama", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kelompok", "nama"],
                name="%(app_label)s_%(class)s_nama_unik",
                violation_error_message="Nama ini sudah menjadi anggota arisan.",
            )
        ]

    def __str__(self):
        return self.nama


class PutaranArisan(models.Model):
    """One round of an arisan: the random draw and its winner."""

    kelompok = models.ForeignKey(KelompokArisan, models.CASCADE, related_name="putaran")
    siklus = models.PositiveSmallIntegerField("siklus")
    nomor = models.PositiveSmallIntegerField("putaran ke")
    tanggal = models.DateField("tanggal undian")
    pemenang = models.ForeignKey(AnggotaArisan, models.PROTECT, related_name="kemenangan")
    jumlah_diterima = models.DecimalField("jumlah diterima (Rp)", **RUPIAH)
    jumlah_calon = models.PositiveSmallIntegerField("jumlah calon saat diundi")
    diundi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dicatat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "putaran arisan"
        verbose_name_plural = "putaran arisan"
        ordering = ["-siklus", "-nomor"]
        constraints = [
            models.UniqueConstraint(
                fields=["kelompok", "siklus", "nomor"], name="%(app_label)s_%(class)s_nomor_unik"
            ),
            models.UniqueConstraint(
                fields=["kelompok", "siklus", "pemenang"],
                name="%(app_label)s_%(class)s_sekali_menang_per_siklus",
            ),
        ]

    def __str__(self):
        return f"Siklus {self.siklus} putaran {self.nomor}: {self.pemenang}"


class TransaksiKasQuerySet(ScopedQuerySet):
    scope_lookup = "institusi__wilayah"

    def berlaku(self):
        """Entries that count: every balance, sum and dues check starts here."""
        return self.filter(dibatalkan_pada__isnull=True)


class TransaksiKas(models.Model):
    """One entry of an institution's cash book."""

    class Jenis(models.TextChoices):
        IURAN = "iuran", "Iuran anggota"
        ARISAN_SETORAN = "arisan_setoran", "Setoran arisan"
        PEMASUKAN_LAIN = "pemasukan_lain", "Pemasukan lain"
        ARISAN_BAYAR = "arisan_bayar", "Pembayaran arisan ke pemenang"
        PENGELUARAN = "pengeluaran", "Pengeluaran"

    MASUK = (Jenis.IURAN, Jenis.ARISAN_SETORAN, Jenis.PEMASUKAN_LAIN)
    KELUAR = (Jenis.ARISAN_BAYAR, Jenis.PENGELUARAN)

    institusi = models.ForeignKey(
        "kader.Institusi", models.PROTECT, related_name="transaksi_kas", verbose_name="institusi"
    )
    tanggal = models.DateField("tanggal")
    jenis = models.CharField("jenis", max_length=16, choices=Jenis.choices)
    jumlah = models.DecimalField("jumlah (Rp)", **RUPIAH, validators=POSITIF)
    uraian = models.CharField("uraian", max_length=200)
    # Dues: who paid and for which month (first day of the month).
    kader = models.ForeignKey(
        "kader.Kader", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="kader"
    )
    bulan_iuran = models.DateField("iuran untuk bulan", null=True, blank=True)
    # Arisan: the member who paid in, or the round that was paid out.
    anggota_arisan = models.ForeignKey(
        AnggotaArisan, models.PROTECT, null=True, blank=True, related_name="setoran"
    )
    putaran = models.ForeignKey(
        PutaranArisan, models.PROTECT, null=True, blank=True, related_name="transaksi"
    )
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dicatat = models.DateTimeField(auto_now_add=True)
    # A wrong entry is never deleted nor edited: it is cancelled (kept in the book, struck out,
    # with who, when and why) and counts nowhere from then on; the right one is entered anew.
    dibatalkan_pada = models.DateTimeField("dibatalkan pada", null=True, blank=True)
    dibatalkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="dibatalkan oleh",
    )
    alasan_batal = models.CharField("alasan pembatalan", max_length=200, blank=True)

    objects = TransaksiKasQuerySet.as_manager()

    class Meta:
        verbose_name = "transaksi kas"
        verbose_name_plural = "transaksi kas"
        ordering = ["tanggal", "pk"]
        indexes = [models.Index(fields=["institusi", "tanggal"], name="kader_kas_inst_tgl")]
        constraints = [
            cek_pilihan(
                "jenis",
                ["iuran", "arisan_setoran", "pemasukan_lain", "arisan_bayar", "pengeluaran"],
            ),
            models.UniqueConstraint(
                fields=["institusi", "kader", "bulan_iuran"],
                condition=Q(jenis="iuran", dibatalkan_pada__isnull=True),
                name="%(app_label)s_%(class)s_iuran_sekali_per_bulan",
                violation_error_message="Iuran kader ini untuk bulan itu sudah dibayar.",
            ),
            models.CheckConstraint(
                condition=~Q(jenis="iuran") | Q(kader__isnull=False, bulan_iuran__isnull=False),
                name="%(app_label)s_%(class)s_iuran_berkader",
            ),
            models.CheckConstraint(
                condition=Q(jumlah__gt=0), name="%(app_label)s_%(class)s_jumlah_positif"
            ),
            models.CheckConstraint(
                condition=Q(dibatalkan_pada__isnull=True) | ~Q(alasan_batal=""),
                name="%(app_label)s_%(class)s_batal_beralasan",
            ),
        ]

    def __str__(self):
        return f"{self.tanggal:%d/%m/%Y} {self.get_jenis_display()} {self.jumlah}"

    @property
    def masuk(self) -> bool:
        return self.jenis in self.MASUK

    @property
    def dibatalkan(self) -> bool:
        return self.dibatalkan_pada is not None

    @property
    def boleh_dibatalkan(self) -> bool:
        """Arisan money bound to a draw stays: the round and its winner depend on it."""
        if self.dibatalkan:
            return False
        if self.jenis == self.Jenis.ARISAN_BAYAR:
            return False
        return not (self.jenis == self.Jenis.ARISAN_SETORAN and self.putaran_id)

    @property
    def nilai(self) -> Decimal:
        """Signed amount: positive in, negative out."""
        return self.jumlah if self.masuk else -self.jumlah
