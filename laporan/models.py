"""Monthly desa reports with their approval flow, and the district recap files (DOMAIN.md §7)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from imp_smart.halaman import BagianWilayahMixin
from imp_smart.models import Pekerjaan
from imp_smart.pilihan import cek_pilihan
from imp_smart.tautan import url_pk
from kader.scoping import ScopedQuerySet


class LaporanDesaQuerySet(ScopedQuerySet):
    scope_lookup = "desa"

    def bulan(self, bulan):
        return self.filter(bulan=bulan)


class LaporanDesa(BagianWilayahMixin, models.Model):
    """One desa's report for one month: pre-filled figures, corrections, flow, frozen numbers.
    Its own saves say its desa to the kept pages (imp_smart.halaman)."""

    kolom_desa = "desa_id"

    class Status(models.TextChoices):
        DRAFT = "DRAFT", "Draf"
        DIKIRIM = "DIKIRIM", "Dikirim"
        DIVERIFIKASI = "DIVERIFIKASI", "Diverifikasi"
        DISETUJUI = "DISETUJUI", "Disetujui"
        DIKEMBALIKAN = "DIKEMBALIKAN", "Dikembalikan"

    # A sent-back report is a draft again: it can be edited and sent.
    STATUS_DRAF = (Status.DRAFT, Status.DIKEMBALIKAN)

    desa = models.ForeignKey(
        "kader.Wilayah", models.PROTECT, related_name="laporan_desa", verbose_name="desa"
    )
    bulan = models.DateField("bulan", help_text="Hari pertama bulan laporan.")
    status = models.CharField(
        "status", max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    nihil = models.BooleanField(
        "laporan nihil", default=False, help_text="Tidak ada kegiatan di desa bulan ini."
    )
    catatan = models.TextField("catatan", blank=True)
    # Figures computed from the register and activity logs at the last refresh of the draft.
    angka_otomatis = models.JSONField("angka otomatis", default=dict, blank=True)
    # Corrections over computed figures: {kolom: {"nilai": n, "alasan": "..."}}.
    koreksi = models.JSONField("koreksi", default=dict, blank=True)
    # The numbers as approved (raw counts + indicators); later register edits do not touch them.
    angka_beku = models.JSONField("angka beku", null=True, blank=True)
    dikirim_pertama_pada = models.DateTimeField("pertama dikirim", null=True, blank=True)
    dikirim_pada = models.DateTimeField("dikirim", null=True, blank=True)
    diverifikasi_pada = models.DateTimeField("diverifikasi", null=True, blank=True)
    disetujui_pada = models.DateTimeField("disetujui", null=True, blank=True)
    dibuat_pada = models.DateTimeField("dibuat", auto_now_add=True)
    diubah_pada = models.DateTimeField("diubah", auto_now=True)

    objects = LaporanDesaQuerySet.as_manager()

    class Meta:
        verbose_name = "laporan bulanan desa"
        verbose_name_plural = "laporan bulanan desa"
        ordering = ["-bulan", "desa__kode"]
        permissions = [
            ("kirim_laporandesa", "Dapat mengirim laporan desa"),
            ("verifikasi_laporandesa", "Dapat memverifikasi laporan desa"),
            ("setujui_laporandesa", "Dapat menyetujui laporan desa"),
            ("kembalikan_laporandesa", "Dapat mengembalikan laporan desa"),
            ("buka_laporandesa", "Dapat membuka kembali laporan yang disetujui"),
            ("lihat_hasil_program", "Dapat melihat hasil program, klasifikasi IMP dan supervisi"),
        ]
        constraints = [
            cek_pilihan(
                "status", ["DRAFT", "DIKIRIM", "DIVERIFIKASI", "DISETUJUI", "DIKEMBALIKAN"]
            ),
            models.UniqueConstraint(
                fields=["desa", "bulan"], name="%(app_label)s_%(class)s_satu_per_desa_bulan"
            ),
            models.CheckConstraint(
                condition=Q(bulan__day=1), name="%(app_label)s_%(class)s_bulan_hari_pertama"
            ),
            models.CheckConstraint(
                condition=~Q(status="DISETUJUI") | Q(angka_beku__isnull=False),
                name="%(app_label)s_%(class)s_disetujui_beku",
            ),
        ]
        # The status board reads each desa-month's status and first send from the index alone
        # (the rows carry the frozen figures: ~1.6 kB each, a growing table of years).
        indexes = [
            models.Index(
                fields=["bulan", "desa"],
                include=["status", "dikirim_pertama_pada"],
                name="laporan_ld_bulan_desa_inc",
            )
        ]

    def __str__(self):
        return f"Laporan {self.desa.nama} {self.bulan:%m/%Y}"

    def get_absolute_url(self):
        return url_pk("laporan:detail", self.pk)

    @property
    def is_draf(self) -> bool:
        return self.status in self.STATUS_DRAF

    @property
    def is_beku(self) -> bool:
        return self.status == self.Status.DISETUJUI


class RiwayatLaporan(models.Model):
    """One transition of a report: who, when, why, and the figures sent (for the diff)."""

    class Aksi(models.TextChoices):
        KIRIM = "KIRIM", "Dikirim"
        VERIFIKASI = "VERIFIKASI", "Diverifikasi"
        SETUJUI = "SETUJUI", "Disetujui"
        KEMBALIKAN = "KEMBALIKAN", "Dikembalikan"
        BUKA = "BUKA", "Dibuka kembali"

    laporan = models.ForeignKey(LaporanDesa, models.CASCADE, related_name="riwayat")
    aksi = models.CharField("aksi", max_length=12, choices=Aksi.choices)
    dari_status = models.CharField("dari", max_length=12, choices=LaporanDesa.Status.choices)
    ke_status = models.CharField("ke", max_length=12, choices=LaporanDesa.Status.choices)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="oleh"
    )
    pada = models.DateTimeField("pada", auto_now_add=True)
    alasan = models.TextField("alasan", blank=True)
    angka = models.JSONField("angka yang dikirim", null=True, blank=True)

    class Meta:
        verbose_name = "riwayat laporan"
        verbose_name_plural = "riwayat laporan"
        ordering = ["pada", "pk"]
        constraints = [
            cek_pilihan("aksi", ["KIRIM", "VERIFIKASI", "SETUJUI", "KEMBALIKAN", "BUKA"]),
            cek_pilihan("dari_status", LaporanDesa.Status.choices),
            cek_pilihan("ke_status", LaporanDesa.Status.choices),
        ]

    def __str__(self):
        return f"{self.get_aksi_display()} oleh {self.oleh} pada {self.pada:%d/%m/%Y %H:%M}"


class BerkasRekap(Pekerjaan):
    """A district recap file of one month (numbered version + SHA-256), made by a background
    job: a row of the one job model (imp_smart.Pekerjaan, inherited) with the recap's kind and
    month. Claim, lease and sweep: imp_smart/jobs.py; made by laporan/services_rekap.py."""

    JENIS_PEKERJAAN = "laporan.rekap"

    class Jenis(models.TextChoices):
        KABUPATEN = "KABUPATEN", "Rekap kabupaten (PDF)"
        ZIP_KECAMATAN = "ZIP_KECAMATAN", "PDF per kecamatan (ZIP)"

    BULANAN = (Jenis.KABUPATEN, Jenis.ZIP_KECAMATAN)

    jenis = models.CharField("jenis", max_length=16, choices=Jenis.choices)
    bulan = models.DateField("bulan")

    class Meta:
        verbose_name = "berkas rekap"
        verbose_name_plural = "berkas rekap"
        ordering = ["-bulan", "jenis", "-versi"]
        constraints = [
            models.CheckConstraint(
                condition=Q(jenis__in=["KABUPATEN", "ZIP_KECAMATAN"]),
                name="%(app_label)s_%(class)s_jenis_sah",
            ),
        ]

    def __str__(self):
        return f"{self.get_jenis_display()} {self.bulan:%m/%Y} versi {self.versi}"

    def save(self, *args, **kwargs):
        # Versions count per kind and month (imp_smart.jobs.minta); the download's name.
        self.kunci = self.kunci or f"{self.jenis}/{self.bulan:%Y-%m}"
        ext = "zip" if self.jenis == self.Jenis.ZIP_KECAMATAN else "pdf"
        self.nama_berkas = (
            self.nama_berkas or f"rekap-{self.jenis.lower()}-{self.bulan:%Y-%m}-v{self.versi}.{ext}"
        )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("laporan:rekap", args=[f"{self.bulan:%Y-%m}"])

    @property
    def judul(self) -> str:
        return self.get_jenis_display()


class Pengingat(models.Model):
    """A reminder e-mail sent to a user (at most one per period and kind). `bulan` is the report
    month (SEBELUM, SESUDAH, SETUJUI) or, for TINDAK, the due date of the follow-ups that became
    overdue; `desa` the desa concerned (TINDAK: the follow-up ids)."""

    class Jenis(models.TextChoices):
        SEBELUM = "SEBELUM", "3 hari sebelum batas"
        SESUDAH = "SESUDAH", "1 hari setelah batas"
        SETUJUI = "SETUJUI", "sebelum batas persetujuan kecamatan"
        TINDAK = "TINDAK", "tindak lanjut lewat batas waktu"

    bulan = models.DateField("bulan laporan")
    jenis = models.CharField("jenis", max_length=8, choices=Jenis.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    desa = models.JSONField("desa yang belum mengirim", default=list)
    dikirim_pada = models.DateTimeField("dikirim", auto_now_add=True)

    class Meta:
        verbose_name = "pengingat laporan"
        verbose_name_plural = "pengingat laporan"
        constraints = [
            models.UniqueConstraint(
                fields=["bulan", "jenis", "user"], name="%(app_label)s_%(class)s_sekali"
            ),
            models.CheckConstraint(
                condition=Q(jenis__in=["SEBELUM", "SESUDAH", "SETUJUI", "TINDAK"]),
                name="%(app_label)s_%(class)s_jenis_valid",
            ),
        ]

    def __str__(self):
        return f"Pengingat {self.bulan:%m/%Y} {self.get_jenis_display()} → {self.user}"


class CuplikanDesa(models.Model):
    """A desa's live figures for a month as the worker last computed them (every 15 minutes
    for the current and previous month, nightly for the last 13). The dashboard reads these
    instead of recounting the register; reports, recaps and CSV always count live."""

    bulan = models.DateField("bulan")
    desa = models.ForeignKey("kader.Wilayah", models.CASCADE, related_name="+")
    angka = models.JSONField("angka")
    dihitung = models.DateTimeField("dihitung pada")

    class Meta:
        verbose_name = "cuplikan angka desa"
        verbose_name_plural = "cuplikan angka desa"
        constraints = [
            models.UniqueConstraint(
                fields=["bulan", "desa"], name="%(app_label)s_%(class)s_satu_per_desa_bulan"
            )
        ]

    def __str__(self):
        return f"{self.desa_id} {self.bulan:%m/%Y}"
