"""Family register (DOMAIN.md §4): families, members, dated mutations and effective-dated facts."""

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from imp_smart.fields import EncryptedCharField
from imp_smart.halaman import BagianWilayahMixin
from imp_smart.nik import samarkan_nik
from imp_smart.pilihan import cek_pilihan
from imp_smart.tautan import url_pk
from kader.models.organisasi import JENIS_KELAMIN, Pendidikan
from kader.scoping import ScopedQuerySet

# Sentinel "open" end of an effective-dated row (keeps the month query a plain range test).
TANPA_AKHIR = date(9999, 12, 31)


def umur_pada(lahir: date, tanggal: date) -> int:
    """Age in full years on `tanggal`."""
    return tanggal.year - lahir.year - ((tanggal.month, tanggal.day) < (lahir.month, lahir.day))


class TahapanKS(models.TextChoices):
    PRA_S = "pra_s", "Pra-S"
    KS_1 = "ks1", "KS I"
    KS_2 = "ks2", "KS II"
    KS_3 = "ks3", "KS III"
    KS_3_PLUS = "ks3_plus", "KS III Plus"


class Hubungan(models.IntegerChoices):
    KEPALA = 1, "Kepala Keluarga"
    PASANGAN = 2, "Istri/Suami"
    ANAK = 3, "Anak"
    LAINNYA = 4, "Lainnya"


class StatusKawin(models.IntegerChoices):
    BELUM = 1, "Belum kawin"
    KAWIN = 2, "Kawin"
    CERAI_HIDUP = 3, "Cerai hidup"
    CERAI_MATI = 4, "Cerai mati"


class KeluargaQuerySet(ScopedQuerySet):
    scope_lookup = "dusun"


class Keluarga(BagianWilayahMixin, models.Model):
    """A family (one Kartu Keluarga) living in a dusun and RT. No KK is encrypted.
    Its own saves say their desa to the kept pages (imp_smart.halaman): the desa it is in, and
    the one it leaves when it moves."""

    kolom_desa = "desa_id"

    no_kk = EncryptedCharField("nomor KK", hash_field="no_kk_hash")
    no_kk_hash = models.CharField(max_length=64, unique=True, editable=False)
    nama_kepala = models.CharField("kepala keluarga", max_length=120, db_index=True)
    desa = models.ForeignKey(
        "kader.Wilayah", models.PROTECT, related_name="+", verbose_name="desa/kelurahan"
    )
    dusun = models.ForeignKey(
        "kader.Wilayah", models.PROTECT, related_name="keluarga", verbose_name="dusun/lingkungan"
    )
    rt = models.CharField("RT", max_length=5)
    alamat = models.CharField("alamat", max_length=200, blank=True)
    lintang = models.DecimalField(
        "lintang",
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    bujur = models.DecimalField(
        "bujur",
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    # 21 indicators, one character each: "1" holds, "0" fails, "-" not applicable.
    indikator_ks = models.CharField("indikator KS", max_length=21, default="-" * 21)
    tahapan_ks = models.CharField(
        "tahapan KS",
        max_length=8,
        choices=TahapanKS.choices,
        default=TahapanKS.KS_3_PLUS,
        db_index=True,
    )
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)

    objects = KeluargaQuerySet.as_manager()

    class Meta:
        verbose_name = "keluarga"
        verbose_name_plural = "keluarga"
        ordering = ["nama_kepala", "pk"]
        indexes = [models.Index(fields=["dusun", "rt"], name="pendataan_kel_dusun_rt")]
        permissions = [("lihat_nik_lengkap", "Dapat melihat NIK dan nomor KK lengkap")]
        constraints = [
            cek_pilihan("tahapan_ks", TahapanKS.choices),
        ]

    def __str__(self):
        return f"Keluarga {self.nama_kepala}"

    def get_absolute_url(self):
        return url_pk("pendataan:keluarga_detail", self.pk)

    @property
    def no_kk_samar(self) -> str:
        return samarkan_nik(self.no_kk)

    @property
    def punya_lokasi(self) -> bool:
        return self.lintang is not None and self.bujur is not None


class AnggotaQuerySet(ScopedQuerySet):
    scope_lookup = "keluarga__dusun"

    def aktif(self):
        return self.filter(aktif=True)


class Anggota(BagianWilayahMixin, models.Model):
    """A family member. Current facts live here; their history lives in RiwayatAnggota.
    Its own saves say their family's desa to the kept pages when the family is at hand and the
    member stays in it (imp_smart.halaman)."""

    medan_wilayah = ("keluarga_id",)

    keluarga = models.ForeignKey(Keluarga, models.PROTECT, related_name="anggota")
    nik = EncryptedCharField("NIK", hash_field="nik_hash")
    nik_hash = models.CharField(max_length=64, unique=True, editable=False)
    nama = models.CharField("nama", max_length=120, db_index=True)
    jenis_kelamin = models.CharField("jenis kelamin", max_length=1, choices=JENIS_KELAMIN)
    tanggal_lahir = models.DateField("tanggal lahir")
    hubungan = models.PositiveSmallIntegerField("hubungan", choices=Hubungan.choices)
    status_kawin = models.PositiveSmallIntegerField("status kawin", choices=StatusKawin.choices)
    pendidikan = models.CharField(
        "pendidikan", max_length=14, choices=Pendidikan.choices, blank=True
    )
    pekerjaan = models.CharField("pekerjaan", max_length=80, blank=True)
    # False once the member died or moved away; the row stays for history.
    aktif = models.BooleanField("masih anggota", default=True)
    tanggal_keluar = models.DateField("tanggal keluar", null=True, blank=True)

    objects = AnggotaQuerySet.as_manager()

    class Meta:
        verbose_name = "anggota keluarga"
        verbose_name_plural = "anggota keluarga"
        ordering = ["hubungan", "tanggal_lahir", "pk"]
        constraints = [
            cek_pilihan("jenis_kelamin", JENIS_KELAMIN),
            cek_pilihan("hubungan", Hubungan.choices),
            cek_pilihan("status_kawin", StatusKawin.choices),
            cek_pilihan("pendidikan", Pendidikan.choices, kosong=True),
        ]

    def __str__(self):
        return self.nama

    def get_absolute_url(self):
        return self.keluarga.get_absolute_url()

    def wilayah_halaman(self, awal, baru):
        return desa_keluarga_di_tangan(self, awal, baru)

    @property
    def nik_samar(self) -> str:
        return samarkan_nik(self.nik)

    def umur_pada(self, tanggal: date) -> int:
        return umur_pada(self.tanggal_lahir, tanggal)


class RiwayatAnggotaQuerySet(ScopedQuerySet):
    scope_lookup = "dusun"

    def berlaku_pada(self, tanggal: date):
        """The fact of each member valid on `tanggal` (members who left have none)."""
        return self.filter(mulai__lte=tanggal, selesai__gt=tanggal)


class RiwayatAnggota(BagianWilayahMixin, models.Model):
    """Effective-dated facts of a member: in family/desa/dusun with status_kawin from `mulai`
    (inclusive) until `selesai` (exclusive). A mutation closes the open row and opens a new one;
    nothing is erased. Sex and birth date are copied so that the month's PUS is one scan."""

    anggota = models.ForeignKey(Anggota, models.CASCADE, related_name="riwayat")
    keluarga = models.ForeignKey(Keluarga, models.PROTECT, related_name="+")
    desa = models.ForeignKey("kader.Wilayah", models.PROTECT, related_name="+")
    dusun = models.ForeignKey("kader.Wilayah", models.PROTECT, related_name="+")
    jenis_kelamin = models.CharField(max_length=1, choices=JENIS_KELAMIN)
    tanggal_lahir = models.DateField()
    status_kawin = models.PositiveSmallIntegerField(choices=StatusKawin.choices)
    mulai = models.DateField("berlaku mulai")
    selesai = models.DateField("berlaku sampai (tidak termasuk)", default=TANPA_AKHIR)

    kolom_desa = "desa_id"  # its saves say its desa (kept pages by desa: imp_smart.halaman)
    objects = RiwayatAnggotaQuerySet.as_manager()

    class Meta:
        verbose_name = "riwayat anggota"
        verbose_name_plural = "riwayat anggota"
        ordering = ["anggota", "mulai"]
        indexes = [
            # The month's PUS: married women, by area; the age and the member come from the
            # index itself (an index-only scan, PostgreSQL; SQLite leaves covering indexes out).
            models.Index(
                fields=["desa", "selesai", "mulai"],
                include=["tanggal_lahir", "anggota", "dusun"],
                condition=Q(jenis_kelamin="P", status_kawin=2),
                name="pendataan_riw_pus_desa",
            ),
            models.Index(
                fields=["dusun", "selesai", "mulai"],
                include=["tanggal_lahir", "anggota", "desa"],
                condition=Q(jenis_kelamin="P", status_kawin=2),
                name="pendataan_riw_pus_dusun",
            ),
        ]
        constraints = [
            cek_pilihan("jenis_kelamin", JENIS_KELAMIN),
            cek_pilihan("status_kawin", StatusKawin.choices),
            models.CheckConstraint(
                condition=Q(selesai__gt=models.F("mulai")),
                name="%(app_label)s_%(class)s_selesai_setelah_mulai",
            ),
        ]

    def __str__(self):
        return f"{self.anggota_id}: {self.mulai}–{self.selesai}"


def desa_keluarga_di_tangan(baris: models.Model, awal: dict | None, baru: bool) -> set[int] | None:
    """wilayah_halaman() of a row of a family (`keluarga_id`; imp_smart.halaman), seen from the
    family's current desa: that desa when the family is at hand with it (loaded with the row or
    given to it) and the row stays in that family; else None (not known: every page of the
    table is renewed)."""
    keluarga_id = baris.keluarga_id  # type: ignore[attr-defined]
    if not baru and (awal is None or awal["keluarga_id"] != keluarga_id):
        return None  # moved to another family: the desa it leaves is not at hand
    keluarga = baris._state.fields_cache.get("keluarga")
    if keluarga is None or keluarga.pk != keluarga_id or "desa_id" not in vars(keluarga):
        return None
    return {keluarga.desa_id}


class Mutasi(BagianWilayahMixin, models.Model):
    """A dated event in a family (DOMAIN.md §4); services apply it to RiwayatAnggota. Pages see
    it from its family's current desa (the worklist's marriages, the family's page): its own
    saves say that desa when the family is at hand (imp_smart.halaman)."""

    medan_wilayah = ("keluarga_id",)

    class Jenis(models.IntegerChoices):
        MENIKAH = 1, "Menikah"
        BERCERAI = 2, "Bercerai"
        MENINGGAL = 3, "Meninggal dunia"
        PINDAH = 4, "Pindah"
        ANGGOTA_BARU = 5, "Anggota keluarga baru"

    keluarga = models.ForeignKey(Keluarga, models.PROTECT, related_name="mutasi")
    anggota = models.ForeignKey(Anggota, models.PROTECT, related_name="mutasi")
    jenis = models.PositiveSmallIntegerField("jenis mutasi", choices=Jenis.choices)
    tanggal = models.DateField("tanggal")
    keterangan = models.CharField("keterangan", max_length=200, blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dicatat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "mutasi"
        verbose_name_plural = "mutasi"
        ordering = ["-tanggal", "-pk"]
        constraints = [
            cek_pilihan("jenis", [1, 2, 3, 4, 5]),
        ]

    def __str__(self):
        return f"{self.get_jenis_display()} {self.anggota} {self.tanggal:%d/%m/%Y}"

    def wilayah_halaman(self, awal, baru):
        return desa_keluarga_di_tangan(self, awal, baru)


class JumlahKeluargaDesa(models.Model):
    """Families per desa, kept by database triggers (migration 0004) on every insert, delete and
    move of a Keluarga — bulk imports and raw SQL included — so that the whole-district register
    list reads 167 rows instead of counting 215,000. Never written by Python code."""

    desa = models.OneToOneField(
        "kader.Wilayah", models.CASCADE, primary_key=True, related_name="+", editable=False
    )
    jumlah = models.IntegerField(default=0, editable=False)

    class Meta:
        verbose_name = "jumlah keluarga desa"
        verbose_name_plural = "jumlah keluarga desa"
        default_permissions = ()

    def __str__(self):
        return f"{self.desa_id}: {self.jumlah}"


class AksesNik(models.Model):
    """Log of each view of a full NIK / no KK (UU 27/2022: who saw whose personal data)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    keluarga = models.ForeignKey(Keluarga, models.CASCADE, related_name="+")
    waktu = models.DateTimeField(auto_now_add=True)
    alamat_ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = "akses NIK"
        verbose_name_plural = "akses NIK"
        ordering = ["-waktu"]

    def __str__(self):
        return f"{self.user} melihat NIK keluarga {self.keluarga_id} ({self.waktu:%d/%m/%Y %H:%M})"
