"""Pengorganisasian (DOMAIN.md §3): institutions, cadres, boards, the Bupati's SK, partners."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from imp_smart.daerah import identitas, nama_kepala_daerah
from imp_smart.fields import EncryptedCharField
from imp_smart.nik import samarkan_nik
from imp_smart.pilihan import cek_pilihan
from imp_smart.tautan import url_pk
from imp_smart.telepon import TeleponModelField
from kader.scoping import ScopedQuerySet

JENIS_KELAMIN = [("L", "Laki-laki"), ("P", "Perempuan")]

MENIMBANG_BAWAAN = """\
bahwa untuk meningkatkan peran serta masyarakat dalam pembangunan keluarga, kependudukan dan \
keluarga berencana di desa/kelurahan perlu dibentuk Pembantu Pembina Keluarga Berencana Desa \
(PPKBD) dan Sub-PPKBD;
bahwa berdasarkan pertimbangan sebagaimana dimaksud di atas, perlu menetapkan Keputusan Bupati \
tentang Pengukuhan Pengurus PPKBD dan Sub-PPKBD Tahun {tahun};"""
MENGINGAT_BAWAAN = """\
Undang-Undang Nomor 52 Tahun 2009 tentang Perkembangan Kependudukan dan Pembangunan Keluarga;
Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;
Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi;
Peraturan Pemerintah Nomor 87 Tahun 2014 tentang Perkembangan Kependudukan dan Pembangunan \
Keluarga, Keluarga Berencana, dan Sistem Informasi Keluarga;"""
MEMUTUSKAN_BAWAAN = """\
KESATU: Mengukuhkan pengurus PPKBD dan Sub-PPKBD di {kabupaten} Tahun {tahun} dengan susunan \
sebagaimana tercantum dalam Lampiran Keputusan ini.
KEDUA: Pengurus sebagaimana dimaksud pada diktum KESATU bertugas melaksanakan pengorganisasian, \
pertemuan rutin, KIE dan konseling, pencatatan dan pendataan, pelayanan kegiatan, serta upaya \
kemandirian kelompok di wilayahnya.
KETIGA: Segala biaya yang timbul akibat ditetapkannya Keputusan ini dibebankan pada Anggaran \
Pendapatan dan Belanja Daerah {kabupaten}.
KEEMPAT: Keputusan ini mulai berlaku pada tanggal 1 Januari {tahun}."""


class Pendidikan(models.TextChoices):
    TIDAK_SEKOLAH = "tidak_sekolah", "Tidak/belum sekolah"
    SD = "sd", "SD/sederajat"
    SMP = "smp", "SMP/sederajat"
    SMA = "sma", "SMA/sederajat"
    DIPLOMA = "diploma", "Diploma (D1–D3)"
    SARJANA = "sarjana", "S1/D4"
    PASCASARJANA = "pascasarjana", "S2/S3"


class InstitusiQuerySet(ScopedQuerySet):
    scope_lookup = "wilayah"

    def aktif(self):
        return self.filter(aktif=True)


class Institusi(models.Model):
    """A cadre institution: PPKBD (desa), Sub-PPKBD (dusun) or Kelompok KB (RT)."""

    class Jenis(models.TextChoices):
        PPKBD = "ppkbd", "PPKBD"
        SUB_PPKBD = "sub_ppkbd", "Sub-PPKBD"
        KELOMPOK_KB = "kelompok_kb", "Kelompok KB"

    class Klasifikasi(models.TextChoices):
        DASAR = "dasar", "Dasar"
        BERKEMBANG = "berkembang", "Berkembang"
        MANDIRI = "mandiri", "Mandiri"

    # The level of area each type belongs to.
    TINGKAT_JENIS = {
        Jenis.PPKBD: ("desa", "kelurahan"),
        Jenis.SUB_PPKBD: ("dusun",),
        Jenis.KELOMPOK_KB: ("dusun",),
    }

    jenis = models.CharField("jenis", max_length=12, choices=Jenis.choices)
    nama = models.CharField("nama", max_length=120)
    wilayah = models.ForeignKey(
        "kader.Wilayah", models.PROTECT, related_name="institusi", verbose_name="wilayah"
    )
    rt = models.CharField("RT", max_length=10, blank=True, help_text="Untuk Kelompok KB.")
    tanggal_dibentuk = models.DateField("tanggal dibentuk", null=True, blank=True)
    klasifikasi = models.CharField(
        "klasifikasi", max_length=10, choices=Klasifikasi.choices, default=Klasifikasi.DASAR
    )
    alamat_sekretariat = models.CharField("alamat sekretariat", max_length=200, blank=True)
    aktif = models.BooleanField("aktif", default=True)
    tanggal_nonaktif = models.DateField("tanggal nonaktif", null=True, blank=True)
    alasan_nonaktif = models.TextField("alasan nonaktif", blank=True)
    history = HistoricalRecords()

    objects = InstitusiQuerySet.as_manager()

    class Meta:
        verbose_name = "institusi"
        verbose_name_plural = "institusi"
        ordering = ["wilayah__kode", "jenis", "nama"]
        constraints = [
            cek_pilihan("jenis", ["ppkbd", "sub_ppkbd", "kelompok_kb"]),
            cek_pilihan("klasifikasi", ["dasar", "berkembang", "mandiri"]),
            models.UniqueConstraint(
                fields=["wilayah", "jenis"],
                condition=Q(aktif=True) & ~Q(jenis="kelompok_kb"),
                name="%(app_label)s_%(class)s_satu_aktif_per_wilayah",
                violation_error_message="Wilayah ini sudah punya institusi aktif jenis tersebut.",
            ),
            models.CheckConstraint(
                condition=Q(aktif=True) | ~Q(alasan_nonaktif=""),
                name="%(app_label)s_%(class)s_nonaktif_beralasan",
                violation_error_message="Institusi nonaktif harus diberi alasan.",
            ),
        ]

    def __str__(self):
        # A plain dict, not get_jenis_display() (which rebuilds a hashable copy of the choices on
        # every call): filter forms print every institution of the user's areas.
        jenis = str(LABEL_JENIS.get(self.jenis, self.jenis))
        return self.nama if self.nama.lower().startswith(jenis.lower()) else f"{jenis} {self.nama}"

    def get_absolute_url(self):
        return url_pk("kader:institusi_detail", self.pk)

    def clean(self):
        tingkat = self.TINGKAT_JENIS.get(self.jenis)
        if tingkat and self.wilayah_id and self.wilayah.tingkat not in tingkat:
            label = "desa/kelurahan" if self.jenis == self.Jenis.PPKBD else "dusun"
            raise ValidationError({"wilayah": f"{self.get_jenis_display()} berada di {label}."})
        if self.jenis == self.Jenis.KELOMPOK_KB and not self.rt:
            raise ValidationError({"rt": "Kelompok KB harus menyebut RT-nya."})


LABEL_JENIS = dict(Institusi.Jenis.choices)


class KaderQuerySet(ScopedQuerySet):
    scope_lookup = "institusi__wilayah"

    def aktif(self):
        return self.filter(aktif=True)


class Kader(models.Model):
    """A cadre (person) of an institution. The NIK is encrypted and unique by keyed hash."""

    nama = models.CharField("nama", max_length=120)
    nik = EncryptedCharField("NIK", hash_field="nik_hash")
    nik_hash = models.CharField(max_length=64, unique=True, editable=False)
    jenis_kelamin = models.CharField("jenis kelamin", max_length=1, choices=JENIS_KELAMIN)
    tanggal_lahir = models.DateField("tanggal lahir")
    telepon = TeleponModelField("nomor HP", hp=True)
    pendidikan = models.CharField(
        "pendidikan", max_length=14, choices=Pendidikan.choices, blank=True
    )
    pekerjaan = models.CharField("pekerjaan", max_length=80, blank=True)
    institusi = models.ForeignKey(
        Institusi, models.PROTECT, related_name="kader", verbose_name="institusi"
    )
    dusun = models.ForeignKey(
        "kader.Wilayah",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="dusun tempat tinggal",
    )
    aktif_sejak = models.DateField("aktif sejak", null=True, blank=True)
    aktif = models.BooleanField("aktif", default=True)
    history = HistoricalRecords(excluded_fields=["nik"])

    objects = KaderQuerySet.as_manager()

    class Meta:
        verbose_name = "kader"
        verbose_name_plural = "kader"
        ordering = ["nama"]
        # Granted to the roles that may read a full NIK / no KK anywhere in the app (forms,
        # pages, exports); the others see 7306********0001 and can only replace it.
        permissions = [("lihat_nik_lengkap", "Dapat melihat NIK dan nomor KK lengkap")]
        constraints = [
            cek_pilihan("jenis_kelamin", JENIS_KELAMIN),
            cek_pilihan("pendidikan", Pendidikan.choices, kosong=True),
        ]

    def __str__(self):
        return self.nama

    def get_absolute_url(self):
        return url_pk("kader:kader_detail", self.pk)

    @property
    def nik_samar(self) -> str:
        return samarkan_nik(self.nik)


class PengurusQuerySet(ScopedQuerySet):
    scope_lookup = "institusi__wilayah"

    def berlaku_pada(self, tanggal):
        return self.filter(Q(selesai__isnull=True) | Q(selesai__gte=tanggal), mulai__lte=tanggal)


class Pengurus(models.Model):
    """A board position of a cadre in an institution for a term, appointed by an SK."""

    class Jabatan(models.TextChoices):
        KETUA = "ketua", "Ketua"
        SEKRETARIS = "sekretaris", "Sekretaris"
        BENDAHARA = "bendahara", "Bendahara"
        ANGGOTA = "anggota", "Anggota/Seksi"

    # One holder at a time; anggota/seksi may be many.
    JABATAN_TUNGGAL = (Jabatan.KETUA, Jabatan.SEKRETARIS, Jabatan.BENDAHARA)

    institusi = models.ForeignKey(Institusi, models.PROTECT, related_name="pengurus")
    kader = models.ForeignKey(Kader, models.PROTECT, related_name="jabatan")
    jabatan = models.CharField("jabatan", max_length=12, choices=Jabatan.choices)
    seksi = models.CharField("nama seksi", max_length=80, blank=True)
    mulai = models.DateField("masa bakti mulai")
    selesai = models.DateField("masa bakti selesai", null=True, blank=True)
    sk = models.ForeignKey(
        "kader.SK",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="pengurus",
        verbose_name="SK pengangkatan",
    )
    history = HistoricalRecords()

    objects = PengurusQuerySet.as_manager()

    class Meta:
        verbose_name = "pengurus"
        verbose_name_plural = "pengurus"
        ordering = ["institusi", "jabatan", "-mulai"]
        constraints = [
            cek_pilihan("jabatan", ["ketua", "sekretaris", "bendahara", "anggota"]),
            models.CheckConstraint(
                condition=Q(selesai__isnull=True) | Q(selesai__gte=models.F("mulai")),
                name="%(app_label)s_%(class)s_selesai_setelah_mulai",
                violation_error_message="Masa bakti tidak boleh selesai sebelum mulai.",
            ),
        ]

    def __str__(self):
        return f"{self.get_jabatan_display()} {self.institusi.nama}: {self.kader.nama}"

    def get_absolute_url(self):
        return self.institusi.get_absolute_url()

    def berlaku_pada(self, tanggal) -> bool:
        return self.mulai <= tanggal and (self.selesai is None or self.selesai >= tanggal)


def _ukuran_scan_sk(berkas):
    if berkas and berkas.size > settings.SK_SCAN_MAX_BYTES:
        batas = settings.SK_SCAN_MAX_BYTES // (1024 * 1024)
        raise ValidationError(f"Ukuran berkas melebihi {batas} MB.", code="ukuran")


def _isi_pdf(berkas):
    if not berkas:
        return
    posisi = berkas.tell() if hasattr(berkas, "tell") else 0
    berkas.seek(0)
    awal = berkas.read(5)
    berkas.seek(posisi)
    if awal != b"%PDF-":
        raise ValidationError("Berkas bukan PDF.", code="bukan_pdf")


def _sk_tentang_bawaan() -> str:
    return f"Pengurus PPKBD dan Sub-PPKBD {identitas().nama_kabupaten}"


def _sk_penandatangan_bawaan() -> str:
    return nama_kepala_daerah()  # "Bupati X", "Wali Kota Makassar": from settings


class SK(models.Model):
    """A decree (Surat Keputusan) of the Bupati appointing institution boards."""

    nomor = models.CharField("nomor SK", max_length=100, unique=True)
    tanggal = models.DateField("tanggal ditetapkan")
    tentang = models.CharField("tentang", max_length=250, default=_sk_tentang_bawaan)
    ditandatangani_oleh = models.CharField(
        "ditandatangani oleh", max_length=120, default=_sk_penandatangan_bawaan
    )
    berlaku_mulai = models.DateField("berlaku mulai")
    berlaku_sampai = models.DateField("berlaku sampai", null=True, blank=True)
    berkas = models.FileField(
        "pindaian SK (PDF)",
        upload_to="sk/%Y/",
        blank=True,
        validators=[
            FileExtensionValidator(["pdf"], "Hanya berkas PDF."),
            _ukuran_scan_sk,
            _isi_pdf,
        ],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "SK"
        verbose_name_plural = "SK"
        ordering = ["-tanggal"]
        constraints = [
            models.CheckConstraint(
                condition=Q(berlaku_sampai__isnull=True)
                | Q(berlaku_sampai__gte=models.F("berlaku_mulai")),
                name="%(app_label)s_%(class)s_sampai_setelah_mulai",
                violation_error_message="Masa berlaku tidak boleh berakhir sebelum mulai.",
            )
        ]

    def __str__(self):
        return f"SK {self.nomor}"

    def get_absolute_url(self):
        return url_pk("kader:sk_detail", self.pk)


class TemplateSK(models.Model):
    """The decree text of the draft SK (edited in the admin); the latest row is used."""

    judul = models.CharField(
        "judul",
        max_length=250,
        default="Pengukuhan Pengurus Pembantu Pembina Keluarga Berencana Desa (PPKBD) dan "
        "Sub-PPKBD {kabupaten} Tahun {tahun}",
    )
    menimbang = models.TextField("menimbang", help_text="Satu butir per baris.")
    mengingat = models.TextField("mengingat", help_text="Satu butir per baris.")
    memutuskan = models.TextField(
        "memutuskan (diktum)",
        help_text="Satu diktum per baris; {tahun} diganti tahun berlaku, {kabupaten} nama "
        "kabupaten (pengaturan IMP_NAMA_KABUPATEN).",
    )
    penandatangan = models.CharField(
        "jabatan penandatangan",
        max_length=120,
        default="{kepala}",
        help_text="{kepala} diganti BUPATI <NAMA KABUPATEN> dari pengaturan.",
    )
    nama_penandatangan = models.CharField("nama penandatangan", max_length=120, blank=True)
    diubah = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "templat SK"
        verbose_name_plural = "templat SK"
        ordering = ["-diubah"]

    def __str__(self):
        return (
            f"Templat SK ({timezone.localtime(self.diubah):%d/%m/%Y})"
            if self.diubah
            else "Templat SK"
        )

    @classmethod
    def bawaan(cls) -> "TemplateSK":
        """The default decree text, used until the Dinas saves its own in the admin."""
        return cls(
            menimbang=MENIMBANG_BAWAAN, mengingat=MENGINGAT_BAWAAN, memutuskan=MEMUTUSKAN_BAWAAN
        )


class MitraQuerySet(ScopedQuerySet):
    scope_lookup = "wilayah"


class Mitra(models.Model):
    """A partner organisation working with the cadres in an area."""

    class Jenis(models.TextChoices):
        DINKES = "dinkes", "Dinas Kesehatan / Puskesmas"
        IPEKB = "ipekb", "IPeKB"
        POLRI = "polri", "Polri (Binmas/Bhabinkamtibmas)"
        TNI = "tni", "TNI (Babinsa)"
        KUA = "kua", "KUA"
        KARANG_TARUNA = "karang_taruna", "Karang Taruna"
        PKK = "pkk", "PKK"
        PERANGKAT_KECAMATAN = "perangkat_kecamatan", "Perangkat kecamatan"
        PERANGKAT_DESA = "perangkat_desa", "Perangkat desa"
        TOKOH = "tokoh", "Tokoh agama/masyarakat"
        LAINNYA = "lainnya", "Lainnya"

    jenis = models.CharField("jenis", max_length=20, choices=Jenis.choices)
    nama = models.CharField("nama", max_length=150)
    wilayah = models.ForeignKey(
        "kader.Wilayah", models.PROTECT, related_name="mitra", verbose_name="wilayah kerja"
    )
    alamat = models.CharField("alamat", max_length=200, blank=True)
    telepon = TeleponModelField("telepon", max_length=20)
    email = models.EmailField("e-mail", blank=True)
    aktif = models.BooleanField("aktif", default=True)
    history = HistoricalRecords()

    objects = MitraQuerySet.as_manager()

    class Meta:
        verbose_name = "mitra"
        verbose_name_plural = "mitra"
        ordering = ["wilayah__kode", "jenis", "nama"]
        constraints = [
            cek_pilihan(
                "jenis",
                [
                    "dinkes",
                    "ipekb",
                    "polri",
                    "tni",
                    "kua",
                    "karang_taruna",
                    "pkk",
                    "perangkat_kecamatan",
                    "perangkat_desa",
                    "tokoh",
                    "lainnya",
                ],
            ),
        ]

    def __str__(self):
        return self.nama

    def get_absolute_url(self):
        return url_pk("kader:mitra_detail", self.pk)


class KontakMitra(models.Model):
    """A contact person at a partner organisation."""

    mitra = models.ForeignKey(Mitra, models.CASCADE, related_name="kontak")
    nama = models.CharField("nama", max_length=120)
    jabatan = models.CharField("jabatan", max_length=120, blank=True)
    telepon = TeleponModelField("telepon", max_length=20)

    class Meta:
        verbose_name = "kontak mitra"
        verbose_name_plural = "kontak mitra"
        ordering = ["nama"]

    def __str__(self):
        return f"{self.nama} ({self.mitra})"
