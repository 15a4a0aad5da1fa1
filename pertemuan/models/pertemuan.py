"""Pertemuan rutin (DOMAIN.md §3): meetings, agenda, attendance, photos, problems, actions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from imp_smart.halaman import BagianWilayahMixin
from imp_smart.pilihan import cek_pilihan
from imp_smart.tautan import url_pk
from kader.scoping import ScopedQuerySet, desa_terlihat


class PertemuanQuerySet(ScopedQuerySet):
    scope_lookup = "wilayah"

    def bulan(self, awal, akhir):
        return self.filter(tanggal__gte=awal, tanggal__lte=akhir)

    def akan_datang(self):
        return self.filter(tanggal__gte=timezone.localdate())


class Pertemuan(BagianWilayahMixin, models.Model):
    """A routine meeting organised in a desa/dusun, kecamatan or the kabupaten. Numbered per
    desa for the kept pages (imp_smart.halaman): its saves say the desas whose users see it
    (kader.scoping.desa_terlihat: a kecamatan meeting each desa of the kecamatan, a kabupaten
    meeting every page), before and after the save; its attendance is written with them
    (pertemuan.services.pertemuan_catat_kehadiran)."""

    medan_wilayah = ("wilayah_id",)

    wilayah = models.ForeignKey(
        "kader.Wilayah", models.PROTECT, related_name="+", verbose_name="wilayah penyelenggara"
    )
    institusi = models.ForeignKey(
        "kader.Institusi",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="pertemuan",
        verbose_name="institusi penyelenggara",
    )
    judul = models.CharField("judul/acara", max_length=200)
    tanggal = models.DateField("tanggal")
    jam = models.TimeField("jam mulai", null=True, blank=True)
    tempat = models.CharField("tempat", max_length=200)
    notulen = models.TextField("notulen", blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)
    kader_hadir = models.ManyToManyField(
        "kader.Kader", blank=True, related_name="pertemuan_dihadiri", verbose_name="kader hadir"
    )

    objects = PertemuanQuerySet.as_manager()

    class Meta:
        verbose_name = "pertemuan"
        verbose_name_plural = "pertemuan"
        ordering = ["-tanggal", "-pk"]
        # The list's order, read backwards: the newest 25 without sorting every meeting.
        indexes = [models.Index(fields=["tanggal", "id"], name="pertemuan_urut_tanggal")]

    def __str__(self):
        return f"{self.judul} ({self.tanggal:%d/%m/%Y})"

    def get_absolute_url(self):
        return url_pk("pertemuan:detail", self.pk)

    def wilayah_halaman(self, awal, baru):
        if not baru and awal is None:
            return None
        return desa_terlihat({self.wilayah_id, *(() if baru else (awal["wilayah_id"],))})

    @property
    def tingkat(self) -> str:
        """kabupaten, kecamatan or desa (a dusun meeting counts for its desa)."""
        t = self.wilayah.tingkat
        return "desa" if t in ("desa", "kelurahan", "dusun") else t


class AgendaPertemuan(models.Model):
    """One agenda item of a meeting."""

    class Jenis(models.TextChoices):
        INFORMASI = "informasi", "Informasi/data"
        BIMBINGAN = "bimbingan", "Bimbingan"
        PEMBINAAN = "pembinaan", "Pembinaan"
        EVALUASI = "evaluasi", "Evaluasi"
        MASALAH = "masalah", "Pemecahan masalah"
        PERENCANAAN = "perencanaan", "Perencanaan"

    pertemuan = models.ForeignKey(Pertemuan, models.CASCADE, related_name="agenda")
    jenis = models.CharField("jenis agenda", max_length=12, choices=Jenis.choices)
    uraian = models.CharField("uraian", max_length=250, blank=True)

    class Meta:
        verbose_name = "agenda pertemuan"
        verbose_name_plural = "agenda pertemuan"
        ordering = ["pk"]
        constraints = [
            cek_pilihan(
                "jenis",
                ["informasi", "bimbingan", "pembinaan", "evaluasi", "masalah", "perencanaan"],
            ),
            models.UniqueConstraint(
                fields=["pertemuan", "jenis"], name="%(app_label)s_%(class)s_unik"
            ),
        ]

    def __str__(self):
        return self.get_jenis_display()


class KategoriUndangan(models.TextChoices):
    PKB = "pkb", "PKB/PLKB"
    TOKOH_AGAMA = "tokoh_agama", "Tokoh agama"
    TOKOH_MASYARAKAT = "tokoh_masyarakat", "Tokoh masyarakat"
    BABINSA = "babinsa", "Babinsa (TNI)"
    BHABINKAMTIBMAS = "bhabinkamtibmas", "Bhabinkamtibmas (Polri)"
    KUA = "kua", "KUA"
    PKK = "pkk", "PKK"
    KARANG_TARUNA = "karang_taruna", "Karang Taruna"
    APARAT_DESA = "aparat_desa", "Aparat desa"
    PUSKESMAS = "puskesmas", "Puskesmas"


class HadirUndangan(models.Model):
    """How many invited guests of one category attended a meeting."""

    pertemuan = models.ForeignKey(Pertemuan, models.CASCADE, related_name="undangan")
    kategori = models.CharField("kategori", max_length=20, choices=KategoriUndangan.choices)
    jumlah = models.PositiveSmallIntegerField("jumlah hadir")

    class Meta:
        verbose_name = "undangan hadir"
        verbose_name_plural = "undangan hadir"
        constraints = [
            cek_pilihan("kategori", KategoriUndangan.choices),
            models.UniqueConstraint(
                fields=["pertemuan", "kategori"], name="%(app_label)s_%(class)s_unik"
            ),
        ]

    def __str__(self):
        return f"{self.get_kategori_display()}: {self.jumlah}"


def _lokasi_foto(instance, filename):
    return f"pertemuan/{instance.pertemuan_id}/{filename}"


class FotoPertemuan(models.Model):
    """A photo of a meeting (checked and resized by the service before it is stored)."""

    pertemuan = models.ForeignKey(Pertemuan, models.CASCADE, related_name="foto")
    berkas = models.ImageField("foto", upload_to=_lokasi_foto)
    keterangan = models.CharField("keterangan", max_length=200, blank=True)
    diunggah = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "foto pertemuan"
        verbose_name_plural = "foto pertemuan"
        ordering = ["pk"]

    def __str__(self):
        return self.keterangan or f"Foto {self.pk}"


class Masalah(models.Model):
    """A problem raised at a meeting."""

    pertemuan = models.ForeignKey(Pertemuan, models.CASCADE, related_name="masalah")
    uraian = models.TextField("masalah")

    class Meta:
        verbose_name = "masalah"
        verbose_name_plural = "masalah"
        ordering = ["pk"]

    def __str__(self):
        return self.uraian[:80]


class TindakLanjutQuerySet(ScopedQuerySet):
    scope_lookup = "masalah__pertemuan__wilayah"

    def terbuka(self):
        return self.exclude(status=TindakLanjut.Status.SELESAI)

    def terlambat(self, pada=None):
        return self.terbuka().filter(batas_waktu__lt=pada or timezone.localdate())


class TindakLanjut(models.Model):
    """A follow-up action for a problem: who, by when, and its status."""

    class Status(models.TextChoices):
        BELUM = "belum", "Belum dikerjakan"
        PROSES = "proses", "Sedang dikerjakan"
        SELESAI = "selesai", "Selesai"

    masalah = models.ForeignKey(Masalah, models.CASCADE, related_name="tindak_lanjut")
    uraian = models.TextField("tindak lanjut")
    penanggung_jawab = models.CharField("penanggung jawab", max_length=120)
    batas_waktu = models.DateField("batas waktu")
    status = models.CharField("status", max_length=8, choices=Status.choices, default=Status.BELUM)
    ditutup_pada = models.ForeignKey(
        Pertemuan,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="tindak_lanjut_ditutup",
        verbose_name="ditutup pada pertemuan",
    )
    tanggal_selesai = models.DateField("tanggal selesai", null=True, blank=True)
    catatan_selesai = models.TextField("catatan penyelesaian", blank=True)

    objects = TindakLanjutQuerySet.as_manager()

    class Meta:
        verbose_name = "tindak lanjut"
        verbose_name_plural = "tindak lanjut"
        ordering = ["batas_waktu", "pk"]
        constraints = [
            cek_pilihan("status", ["belum", "proses", "selesai"]),
            models.CheckConstraint(
                condition=~Q(status="selesai") | Q(tanggal_selesai__isnull=False),
                name="%(app_label)s_%(class)s_selesai_bertanggal",
            ),
        ]

    def __str__(self):
        return self.uraian[:80]

    def get_absolute_url(self):
        return url_pk("pertemuan:detail", self.masalah.pertemuan_id)

    @property
    def terlambat(self) -> bool:
        return self.status != self.Status.SELESAI and self.batas_waktu < timezone.localdate()
