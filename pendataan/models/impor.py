"""Background import jobs (family and KB status files) with progress and errors."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.formats import number_format

from imp_smart.models import Pekerjaan
from imp_smart.tautan import url_pk


class Impor(Pekerjaan):
    """One uploaded file (the job's `berkas`, its original name `nama_berkas`): a row of the one
    job model (imp_smart.Pekerjaan, inherited) with the import's kind, row counts, errors and
    summary. Claim, lease and sweep: imp_smart/jobs.py (a killed import is run again from the
    start); the work: pendataan/impor/."""

    JENIS_PEKERJAAN = "pendataan.impor"

    class Jenis(models.TextChoices):
        KELUARGA = "keluarga", "Data keluarga"
        STATUS_KB = "status_kb", "Status KB"

    jenis = models.CharField("jenis", max_length=10, choices=Jenis.choices)
    jumlah_baris = models.PositiveIntegerField(default=0)
    baris_diproses = models.PositiveIntegerField(default=0)
    # [{"baris": 3, "kolom": "nik", "pesan": "..."}]; capped to keep the row small.
    kesalahan = models.JSONField(default=list, blank=True)
    jumlah_kesalahan = models.PositiveIntegerField(default=0)
    ringkasan = models.JSONField(default=dict, blank=True)
    # Whose areas limit the rows (also the job's `diminta_oleh`).
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "impor"
        verbose_name_plural = "impor"
        ordering = ["-diminta_pada"]
        constraints = [
            models.CheckConstraint(
                condition=Q(jenis__in=["keluarga", "status_kb"]),
                name="%(app_label)s_%(class)s_jenis_sah",
            ),
        ]

    def __str__(self):
        return f"{self.get_jenis_display()} {self.nama_berkas} ({self.get_status_display()})"

    def save(self, *args, **kwargs):
        if self.diminta_oleh_id is None:
            self.diminta_oleh_id = self.oleh_id
        super().save(*args, **kwargs)

    def get_status_display(self) -> str:
        if self.status == self.Status.GAGAL and self.jumlah_kesalahan:
            return "Ditolak (ada kesalahan)"
        return super().get_status_display()

    def get_absolute_url(self):
        return url_pk("pendataan:impor_detail", self.pk)

    @property
    def persen(self) -> int:
        if self.status in (self.Status.SELESAI, self.Status.GAGAL):
            return 100
        return int(self.baris_diproses * 100 / self.jumlah_baris) if self.jumlah_baris else 0

    @property
    def menyimpan(self) -> bool:
        """Every row checked and none wrong: the rows are being written (one transaction)."""
        return (
            self.status == self.Status.PROSES
            and self.jumlah_baris > 0
            and self.baris_diproses >= self.jumlah_baris
        )

    @property
    def bergerak(self) -> bool:
        # Saving is one transaction with no count of its own: a moving bar says it works.
        return self.menyimpan

    @property
    def keterangan(self) -> str:
        """The line under the progress bar (page and JSON)."""
        jumlah = number_format(self.jumlah_baris, force_grouping=True)
        if self.menyimpan:
            return f"Semua {jumlah} baris sudah diperiksa; menyimpan ke register…"
        diproses = number_format(self.baris_diproses, force_grouping=True)
        return f"{diproses} / {jumlah} baris diperiksa"

    def data_tambahan(self) -> dict:
        return {
            "baris_diproses": self.baris_diproses,
            "jumlah_baris": self.jumlah_baris,
            "menyimpan": self.menyimpan,
            "jumlah_kesalahan": self.jumlah_kesalahan,
            "ringkasan": self.ringkasan,
        }
