"""Users' roles and areas: a profile per user and the penyuluh's desa assignments."""

from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history import register
from simple_history.models import HistoricalRecords

from imp_smart.pilihan import cek_pilihan
from imp_smart.telepon import TeleponModelField
from kader.scoping import ScopedQuerySet


class Peran(models.TextChoices):
    """The six roles of DOMAIN.md §1 (each is also an auth Group of the same name)."""

    ADMIN = "admin", "Administrator"
    DINAS = "dinas", "Dinas PPKB"
    KOORDINATOR = "koordinator", "Koordinator PKB Kecamatan"
    PENYULUH = "penyuluh", "Penyuluh KB (PKB/PLKB)"
    PPKBD = "ppkbd", "Kader PPKBD"
    SUB_PPKBD = "sub_ppkbd", "Kader Sub-PPKBD"


# Roles whose accounts a role may create and manage (in its own areas).
PERAN_DIKELOLA = {
    "admin": ("dinas", "koordinator", "penyuluh", "ppkbd", "sub_ppkbd"),
    "dinas": ("dinas", "koordinator", "penyuluh", "ppkbd", "sub_ppkbd"),
    "koordinator": ("ppkbd", "sub_ppkbd"),
}


def peran_dikelola(user) -> tuple[str, ...]:
    """The roles whose accounts `user` may create and manage."""
    if user.is_superuser:
        return PERAN_DIKELOLA["admin"]
    profil = getattr(user, "profil", None)  # a missing profile raises an AttributeError subclass
    return PERAN_DIKELOLA.get(profil.peran if profil else "", ())


# Which area level the profile's wilayah must be for each role (penyuluh: by assignment).
TINGKAT_PERAN = {
    Peran.KOORDINATOR: ("kecamatan",),
    Peran.PPKBD: ("desa", "kelurahan"),
    Peran.SUB_PPKBD: ("dusun",),
}


class ProfilQuerySet(ScopedQuerySet):
    scope_lookup = "wilayah"  # a penyuluh (no wilayah) is seen only by the Dinas


class Profil(models.Model):
    """A user's role and home area; the scope itself is computed in kader.scoping."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="profil")
    peran = models.CharField("peran", max_length=12, choices=Peran.choices)
    wilayah = models.ForeignKey(
        "kader.Wilayah",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Kecamatan untuk koordinator, desa untuk PPKBD, dusun untuk Sub-PPKBD.",
    )
    institusi = models.ForeignKey(
        "kader.Institusi", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    telepon = TeleponModelField("telepon", max_length=20, hp=True)

    objects = ProfilQuerySet.as_manager()
    history = HistoricalRecords()  # who gave whom which role and area, and when

    class Meta:
        verbose_name = "profil pengguna"
        verbose_name_plural = "profil pengguna"
        permissions = [("kelola_pengguna", "Dapat mengelola akun pengguna di wilayahnya")]
        constraints = [
            cek_pilihan("peran", Peran.choices),
        ]

    def __str__(self):
        return f"{self.user.get_username()} ({self.get_peran_display()})"

    def clean(self):
        tingkat = TINGKAT_PERAN.get(self.peran)
        if tingkat and (self.wilayah is None or self.wilayah.tingkat not in tingkat):
            raise ValidationError(
                {"wilayah": f"Peran {self.get_peran_display()} memerlukan wilayah {tingkat[0]}."}
            )


class PenugasanQuerySet(ScopedQuerySet):
    scope_lookup = "desa"

    def aktif_pada(self, tanggal: date):
        return self.filter(Q(selesai__isnull=True) | Q(selesai__gte=tanggal), mulai__lte=tanggal)


class Penugasan(models.Model):
    """A penyuluh's desa binaan for a period; history is kept, today's rows give the scope."""

    penyuluh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="penugasan", verbose_name="penyuluh"
    )
    desa = models.ForeignKey(
        "kader.Wilayah",
        models.PROTECT,
        related_name="penugasan",
        limit_choices_to={"tingkat__in": ("desa", "kelurahan")},
        verbose_name="desa binaan",
    )
    mulai = models.DateField("mulai")
    selesai = models.DateField("selesai", null=True, blank=True)
    nomor_sk = models.CharField("nomor SK penugasan", max_length=100, blank=True)

    objects = PenugasanQuerySet.as_manager()

    class Meta:
        verbose_name = "penugasan penyuluh"
        verbose_name_plural = "penugasan penyuluh"
        ordering = ["-mulai"]
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai__isnull=True) | Q(selesai__gte=models.F("mulai")),
                name="%(app_label)s_%(class)s_selesai_setelah_mulai",
            )
        ]

    def __str__(self):
        return f"{self.penyuluh} — {self.desa.nama} sejak {self.mulai:%d/%m/%Y}"


def _catat_riwayat_user() -> None:
    """Account changes (name, active, staff) are kept too; never the password hash."""
    user = get_user_model()
    if not hasattr(user, "history"):
        register(user, app="kader", excluded_fields=["password", "last_login"])


_catat_riwayat_user()
