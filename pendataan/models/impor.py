"""Background import jobs (family and KB status files) with progress and errors."""

from django.conf import settings
from django.db import models

from imp_smart.jobs import Pekerjaan


class Impor(Pekerjaan):
    """One uploaded file: the task claims the row (ANTRI → PROSES) and records the outcome.
    Claim, lease and sweep: imp_smart/jobs.py (a killed import is run again from the start)."""

    TUGAS = "pendataan.tasks.impor_proses"
    NILAI_ULANG = {"baris_diproses": 0, "jumlah_baris": 0}

    class Jenis(models.TextChoices):
        KELUARGA = "keluarga", "Data keluarga"
        STATUS_KB = "status_kb", "Status KB"

    class Status(models.TextChoices):
        ANTRI = "antri", "Menunggu"
        PROSES = "proses", "Diproses"
        SELESAI = "selesai", "Selesai"
        GAGAL = "gagal", "Ditolak (ada kesalahan)"

    jenis = models.CharField("jenis", max_length=10, choices=Jenis.choices)
    berkas = models.FileField("berkas", upload_to="impor/%Y/%m/")
    nama_berkas = models.CharField(max_length=200)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.ANTRI)
    jumlah_baris = models.PositiveIntegerField(default=0)
    baris_diproses = models.PositiveIntegerField(default=0)
    # [{"baris": 3, "kolom": "nik", "pesan": "..."}]; capped to keep the row small.
    kesalahan = models.JSONField(default=list, blank=True)
    jumlah_kesalahan = models.PositiveIntegerField(default=0)
    ringkasan = models.JSONField(default=dict, blank=True)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    dibuat = models.DateTimeField(auto_now_add=True)
    selesai = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "impor"
        verbose_name_plural = "impor"
        ordering = ["-dibuat"]

    def __str__(self):
        return f"{self.get_jenis_display()} {self.nama_berkas} ({self.get_status_display()})"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("pendataan:impor_detail", args=[self.pk])

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
    def keterangan(self) -> str:
        """The line under the progress bar (page and JSON)."""
        from django.utils.formats import number_format

        jumlah = number_format(self.jumlah_baris, force_grouping=True)
        if self.menyimpan:
            return f"Semua {jumlah} baris sudah diperiksa; menyimpan ke register…"
        diproses = number_format(self.baris_diproses, force_grouping=True)
        return f"{diproses} / {jumlah} baris diperiksa"

    @property
    def berjalan(self) -> bool:
        return self.status in (self.Status.ANTRI, self.Status.PROSES)
