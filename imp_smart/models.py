"""The framework's models (found here by Django): the one model of background jobs below, and
the record of phone submissions (imp_smart/offline_model.py, issue 13).

Every job that makes a file or processes an upload is one `Pekerjaan` row (imp_smart/jobs.py
runs them): its kind (registered by the owning app, `jobs.daftarkan`), status, progress,
attempts, lease, version, the file with its size and SHA-256, who asked and when. A kind that
needs data of its own keeps a thin domain row that inherits this model (a one-to-one parent
link: `laporan.BerkasRekap` holds the recap's month, `pendataan.Impor` the row errors); a kind
that needs none (kader's draft SK) is a plain row with its `parameter`.
"""

from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from imp_smart.offline_model import KirimanOffline  # noqa: F401  (issue 13)

MAKS_PERCOBAAN = 4


def jalur_berkas(pekerjaan: "Pekerjaan", nama: str) -> str:
    """Where an uploaded job file is stored (files made by a job name their own path)."""
    folder = pekerjaan.jenis_pekerjaan.replace(".", "/") or "pekerjaan"
    return f"{folder}/{timezone.now():%Y/%m}/{PurePosixPath(nama).name}"


class Pekerjaan(models.Model):
    """One background job: queued, claimed by a worker, done once, its file stored."""

    # Set by the domain model that inherits this one: the registered kind of its rows.
    JENIS_PEKERJAAN: str = ""
    MAKS_PERCOBAAN: int = MAKS_PERCOBAAN

    class Status(models.TextChoices):
        ANTRI = "ANTRI", "Dalam antrean"
        PROSES = "PROSES", "Sedang diproses"
        SELESAI = "SELESAI", "Selesai"
        GAGAL = "GAGAL", "Gagal"

    jenis_pekerjaan = models.CharField(
        "jenis pekerjaan",
        max_length=40,
        db_index=True,
        help_text="Jenis yang didaftarkan aplikasinya (imp_smart.jobs.daftarkan).",
    )
    status = models.CharField(
        "status", max_length=8, choices=Status.choices, default=Status.ANTRI, db_index=True
    )
    progres = models.PositiveSmallIntegerField("progres (%)", default=0)
    tahap = models.CharField("tahap", max_length=200, blank=True)
    # What the versions count (a recap's kind and month, a draft's year); empty: no versions.
    kunci = models.CharField("kunci versi", max_length=40, blank=True)
    versi = models.PositiveIntegerField("versi", default=1)
    parameter = models.JSONField("parameter", default=dict, blank=True)
    berkas = models.FileField("berkas", upload_to=jalur_berkas, max_length=255, blank=True)
    nama_berkas = models.CharField("nama berkas", max_length=200, blank=True)
    ukuran = models.PositiveBigIntegerField("ukuran (bita)", null=True, blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    diminta_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="diminta oleh",
    )
    diminta_pada = models.DateTimeField("diminta", auto_now_add=True)
    mulai_pada = models.DateTimeField("mulai", null=True, blank=True)
    selesai_pada = models.DateTimeField("selesai", null=True, blank=True)
    # The engine's fields (imp_smart/jobs.py): claim token, attempts, lease, heartbeat, queue.
    token_klaim = models.CharField(max_length=32, blank=True, editable=False)
    percobaan = models.PositiveSmallIntegerField("percobaan", default=0)
    pesan_galat = models.TextField("pesan galat", blank=True)
    antrian_gagal = models.BooleanField(
        "antrean tidak terjangkau",
        default=False,
        help_text="Terakhir kali dikirim ke antrean, Redis tidak dapat dihubungi.",
    )
    lease_sampai = models.DateTimeField(
        "klaim berlaku sampai", null=True, blank=True, editable=False
    )
    detak = models.DateTimeField("detak terakhir pekerja", null=True, blank=True, editable=False)
    diantrekan_pada = models.DateTimeField(
        "terakhir dikirim ke antrean", null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = "pekerjaan latar"
        verbose_name_plural = "pekerjaan latar"
        ordering = ["-diminta_pada", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["jenis_pekerjaan", "kunci", "versi"],
                condition=~Q(kunci=""),
                name="imp_smart_pekerjaan_versi_unik",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["ANTRI", "PROSES", "SELESAI", "GAGAL"]),
                name="imp_smart_pekerjaan_status_sah",
            ),
            models.CheckConstraint(
                condition=Q(progres__lte=100), name="imp_smart_pekerjaan_progres_maks_100"
            ),
        ]

    def __str__(self):
        versi = f" versi {self.versi}" if self.kunci else ""
        return f"{self.jenis_pekerjaan} {self.kunci}{versi} ({self.get_status_display()})"

    def save(self, *args, **kwargs):
        if not self.jenis_pekerjaan:
            self.jenis_pekerjaan = self.JENIS_PEKERJAAN
        super().save(*args, **kwargs)

    # What the pages and the progress JSON show; a domain model may say it its own way.

    @property
    def judul(self) -> str:
        """The name of the job in lists: its registered kind's label."""
        from imp_smart.jobs import jenis  # noqa: PLC0415  (cycle: imp_smart.jobs imports models)

        try:
            return jenis(self.jenis_pekerjaan).label
        except LookupError:
            return self.jenis_pekerjaan

    @property
    def berjalan(self) -> bool:
        return self.status in (self.Status.ANTRI, self.Status.PROSES)

    @property
    def persen(self) -> int:
        return 100 if self.status == self.Status.SELESAI else self.progres

    @property
    def keterangan(self) -> str:
        """The line under the progress bar."""
        teks = self.get_status_display() + (f" · {self.tahap}" if self.tahap else "")
        if self.antrian_gagal:
            teks += " · antrean tidak terjangkau, akan dicoba lagi otomatis"
        return teks

    @property
    def bergerak(self) -> bool:
        """A moving (striped, animated) bar: work goes on without a count of its own."""
        return self.berjalan

    def data_tambahan(self) -> dict:
        """Extra fields of the progress JSON (a domain model adds its own)."""
        return {}
