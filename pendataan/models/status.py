"""Monthly KB status of a PUS, recorded as changes (DOMAIN.md §5), and yearly PB targets."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from imp_smart.pilihan import cek_pilihan
from kader.scoping import ScopedQuerySet
from pendataan.indikator import METODE


class StatusKB(models.TextChoices):
    IUD = "IUD", "IUD"
    MOW = "MOW", "MOW (tubektomi)"
    MOP = "MOP", "MOP (vasektomi)"
    KONDOM = "KONDOM", "Kondom"
    IMPLAN = "IMPLAN", "Implan"
    SUNTIK = "SUNTIK", "Suntik"
    PIL = "PIL", "Pil"
    MAL = "MAL", "MAL"
    TRADISIONAL = "TRADISIONAL", "Tradisional"
    HAMIL = "HAMIL", "Hamil"
    IAS = "IAS", "Ingin anak segera (IAS)"
    IAT = "IAT", "Ingin anak ditunda (IAT)"
    TIAL = "TIAL", "Tidak ingin anak lagi (TIAL)"


# The methods alone (BKKBN order), for fields that record a chosen method, e.g. counselling.
PILIHAN_METODE = [(kode, label) for kode, label in StatusKB.choices if kode in METODE]


class Jalur(models.TextChoices):
    PEMERINTAH = "PEMERINTAH", "Pemerintah"
    SWASTA = "SWASTA", "Swasta"


class PerubahanStatusQuerySet(ScopedQuerySet):
    scope_lookup = "desa"


class PerubahanStatus(models.Model):
    """A change of a PUS's KB status, holding from `bulan` until her next change.
    `desa` is where she lived that month: a month's numbers belong to the desa."""

    class Sumber(models.TextChoices):
        FORMULIR = "formulir", "Formulir bulanan"
        IMPOR = "impor", "Impor berkas"
        DEMO = "demo", "Data contoh"

    anggota = models.ForeignKey(
        "pendataan.Anggota", models.PROTECT, related_name="status_kb", verbose_name="PUS"
    )
    desa = models.ForeignKey("kader.Wilayah", models.PROTECT, related_name="+")
    bulan = models.DateField("bulan", help_text="Hari pertama bulan.")
    status = models.CharField("status", max_length=12, choices=StatusKB.choices)
    jalur = models.CharField("jalur", max_length=10, choices=Jalur.choices, blank=True)
    peserta_baru = models.BooleanField("peserta baru", default=False)
    sumber = models.CharField(max_length=8, choices=Sumber.choices, default=Sumber.FORMULIR)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dicatat_pada = models.DateTimeField(auto_now=True)

    objects = PerubahanStatusQuerySet.as_manager()
    # Every write (page, import, admin) leaves a row: who, when and the values; an edit's earlier
    # value is the row before it, a removal keeps the removed values (history_type "-").
    history = HistoricalRecords(user_related_name="+")

    class Meta:
        verbose_name = "perubahan status KB"
        verbose_name_plural = "perubahan status KB"
        ordering = ["anggota", "-bulan"]
        constraints = [
            cek_pilihan("sumber", ["formulir", "impor", "demo"]),
            # Also the index (anggota_id, bulan) that "latest change on or before M" walks.
            models.UniqueConstraint(
                fields=["anggota", "bulan"], name="%(app_label)s_%(class)s_satu_per_bulan"
            ),
            models.CheckConstraint(
                condition=Q(bulan__day=1), name="%(app_label)s_%(class)s_hari_pertama"
            ),
            models.CheckConstraint(
                condition=Q(status__in=METODE) | (Q(jalur="") & Q(peserta_baru=False)),
                name="%(app_label)s_%(class)s_jalur_pb_hanya_metode",
            ),
            # Only the codes of DOMAIN §5 reach the table, whatever the path (page, import,
            # admin, bulk write): the rows are written into pages of other users.
            models.CheckConstraint(
                condition=Q(status__in=StatusKB.values), name="%(app_label)s_%(class)s_status_kode"
            ),
            models.CheckConstraint(
                condition=Q(jalur__in=["", *Jalur.values]),
                name="%(app_label)s_%(class)s_jalur_kode",
            ),
        ]
        indexes = [
            models.Index(
                fields=["bulan", "desa"],
                condition=Q(peserta_baru=True),
                name="pendataan_status_pb",
            ),
            # "The latest status on or before M" of each PUS, without reading the table.
            models.Index(
                fields=["anggota", "-bulan"], include=["status"], name="pendataan_status_akhir"
            ),
        ]

    def __str__(self):
        return f"{self.anggota_id} {self.bulan:%Y-%m} {self.status}"

    @property
    def ber_kb(self) -> bool:
        return self.status in METODE

    def clean(self):
        if self.status in METODE and not self.jalur:
            raise ValidationError({"jalur": "Jalur pelayanan wajib untuk metode KB."})


class TargetPB(models.Model):
    """Yearly target of new acceptors (PPM peserta baru) of a desa, entered before targets had
    methods. Read only where the desa has no TargetMetode rows for the year (a single total
    cannot be split by method truthfully): see pendataan.selectors_target.target_pb_tahunan."""

    desa = models.ForeignKey(
        "kader.Wilayah",
        models.PROTECT,
        related_name="+",
        limit_choices_to={"tingkat__in": ("desa", "kelurahan")},
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    target = models.PositiveIntegerField("target PB")

    class Meta:
        verbose_name = "target PB"
        verbose_name_plural = "target PB"
        ordering = ["-tahun", "desa__kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["desa", "tahun"], name="%(app_label)s_%(class)s_satu_per_tahun"
            )
        ]

    def __str__(self):
        return f"Target PB {self.desa} {self.tahun}: {self.target}"
