"""The office's own identity, edited in the admin: one row (kader.ProfilDinas) over the settings.

Every field left empty keeps its setting (imp_smart.daerah). The SK text itself is the
TemplateSK record; this one names the kabupaten/kota, the Dinas and its head, and the emblem.
"""

from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from imp_smart.lambang import EKSTENSI, periksa_lambang

_KOSONG_PENGATURAN = "Kosong: pengaturan %s."


class ProfilDinas(models.Model):
    """The Dinas served by this installation (a single row, id 1)."""

    nama_kabupaten = models.CharField(
        "nama kabupaten/kota",
        max_length=100,
        blank=True,
        help_text="Mis. “Kabupaten Maros”, “Kota Makassar”. "
        + _KOSONG_PENGATURAN % "IMP_NAMA_KABUPATEN",
    )
    nama_provinsi = models.CharField(
        "nama provinsi",
        max_length=100,
        blank=True,
        help_text="Mis. “Provinsi Sulawesi Selatan”. " + _KOSONG_PENGATURAN % "IMP_NAMA_PROVINSI",
    )
    nama_dinas = models.CharField(
        "nama dinas", max_length=200, blank=True, help_text=_KOSONG_PENGATURAN % "IMP_NAMA_DINAS"
    )
    alamat_dinas = models.CharField(
        "alamat dinas",
        max_length=250,
        blank=True,
        help_text=_KOSONG_PENGATURAN % "IMP_ALAMAT_DINAS",
    )
    kepala_dinas_nama = models.CharField(
        "nama Kepala Dinas",
        max_length=120,
        blank=True,
        help_text="Dicetak di blok tanda tangan. " + _KOSONG_PENGATURAN % "IMP_KEPALA_DINAS_NAMA",
    )
    kepala_dinas_nip = models.CharField(
        "NIP Kepala Dinas",
        max_length=18,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{18}$", "NIP terdiri dari 18 angka.")],
        help_text="18 angka. " + _KOSONG_PENGATURAN % "IMP_KEPALA_DINAS_NIP",
    )
    jabatan_penandatangan = models.CharField(
        "jabatan penandatangan",
        max_length=200,
        blank=True,
        help_text="Kosong: “Kepala” dan nama dinas.",
    )
    tempat_penandatangan = models.CharField(
        "tempat penandatangan",
        max_length=100,
        blank=True,
        help_text="Kota tempat surat ditandatangani. "
        + _KOSONG_PENGATURAN % "IMP_TEMPAT_PENANDATANGAN",
    )
    lambang = models.FileField(
        "lambang daerah (kop surat)",
        upload_to="profil_dinas/",
        blank=True,
        validators=[
            FileExtensionValidator(list(EKSTENSI), "Lambang harus berkas PNG atau SVG."),
            periksa_lambang,
        ],
        help_text="PNG atau SVG, maksimal 512 KB; SVG tanpa skrip dan tanpa tautan keluar. "
        + _KOSONG_PENGATURAN % "IMP_LAMBANG",
    )
    diubah = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "profil dinas"
        verbose_name_plural = "profil dinas"
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="%(app_label)s_%(class)s_satu_baris"),
            models.CheckConstraint(
                condition=Q(kepala_dinas_nip="") | Q(kepala_dinas_nip__regex=r"^[0-9]{18}$"),
                name="%(app_label)s_%(class)s_nip_18_angka",
                violation_error_message="NIP terdiri dari 18 angka.",
            ),
        ]

    def __str__(self):
        return "Profil dinas"

    def save(self, *args, **kwargs):
        self.pk = 1  # one row
        super().save(*args, **kwargs)

    @classmethod
    def ambil(cls) -> "ProfilDinas":
        """The row (unsaved and empty when the office has not filled it in)."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)


def baca_profil() -> dict:
    """The record's values for imp_smart.daerah.identitas() (empty when there is no row)."""
    profil = ProfilDinas.objects.filter(pk=1).first()
    if profil is None:
        return {}
    return {
        "nama_kabupaten": profil.nama_kabupaten,
        "nama_provinsi": profil.nama_provinsi,
        "nama_dinas": profil.nama_dinas,
        "alamat_dinas": profil.alamat_dinas,
        "kepala_dinas_nama": profil.kepala_dinas_nama,
        "kepala_dinas_nip": profil.kepala_dinas_nip,
        "jabatan_penandatangan": profil.jabatan_penandatangan,
        "tempat_penandatangan": profil.tempat_penandatangan,
        "lambang": profil.lambang.name if profil.lambang else "",
    }
