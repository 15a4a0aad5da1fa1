"""The programme's own activities (DOMAIN.md §10, issue "hasil program"): sosialisasi events,
KB service events with the acceptors served, the partners (kader.Mitra) involved in meetings,
KIE, sosialisasi and service events, and the community groups grown by cadres ("snowball")."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from imp_smart.tautan import url_pk
from kader.scoping import ScopedQuerySet
from pendataan.models.status import PILIHAN_METODE

KODE_METODE = [kode for kode, _ in PILIHAN_METODE]


class TingkatMixin:
    @property
    def tingkat(self) -> str:
        """kabupaten, kecamatan or desa (a dusun event counts for its desa)."""
        t = self.wilayah.tingkat
        return "desa" if t in ("desa", "kelurahan", "dusun") else t


# --- sosialisasi -----------------------------------------------------------------------------


class SosialisasiQuerySet(ScopedQuerySet):
    scope_lookup = "wilayah"


class Sosialisasi(TingkatMixin, models.Model):
    """A sosialisasi (advocacy/information) event: internal (units of the Dinas) or external
    (stakeholders), held at some area level."""

    class Jenis(models.TextChoices):
        INTERNAL = "internal", "Internal (unit Dinas)"
        EKSTERNAL = "eksternal", "Eksternal (pemangku kepentingan)"

    class Sasaran(models.TextChoices):
        UNIT_DINAS = "unit_dinas", "Unit/bidang Dinas PPKB"
        BUPATI = "bupati", "Bupati/Sekda"
        DINKES = "dinkes", "Dinas Kesehatan/Puskesmas"
        IPEKB = "ipekb", "IPeKB"
        POLRI = "polri", "Polri (Binmas)"
        TNI = "tni", "TNI (Babinsa)"
        KUA = "kua", "KUA"
        KARANG_TARUNA = "karang_taruna", "Karang Taruna"
        PKK = "pkk", "PKK"
        PERANGKAT = "perangkat", "Perangkat kecamatan/desa"
        TOKOH = "tokoh", "Tokoh agama/masyarakat"
        MASYARAKAT = "masyarakat", "Masyarakat umum"
        CAMPURAN = "campuran", "Beberapa pemangku kepentingan"

    jenis = models.CharField("jenis", max_length=10, choices=Jenis.choices)
    judul = models.CharField("judul/tema", max_length=200)
    tanggal = models.DateField("tanggal")
    wilayah = models.ForeignKey(
        "kader.Wilayah", models.PROTECT, related_name="+", verbose_name="wilayah penyelenggara"
    )
    tempat = models.CharField("tempat", max_length=200, blank=True)
    sasaran = models.CharField("sasaran/peserta utama", max_length=14, choices=Sasaran.choices)
    uraian_sasaran = models.CharField(
        "rincian peserta", max_length=250, blank=True, help_text="Mis. camat, kepala desa, KUA."
    )
    jumlah_terjangkau = models.PositiveIntegerField(
        "jumlah orang terjangkau", help_text="Semua peserta yang hadir/terjangkau."
    )
    catatan = models.TextField("catatan/hasil", blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)

    objects = SosialisasiQuerySet.as_manager()

    class Meta:
        verbose_name = "sosialisasi"
        verbose_name_plural = "sosialisasi"
        ordering = ["-tanggal", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(jenis__in=["internal", "eksternal"]),
                name="%(app_label)s_%(class)s_jenis_kode",
                violation_error_message="Jenis sosialisasi tidak dikenal.",
            ),
            models.CheckConstraint(
                condition=Q(
                    sasaran__in=[
                        "unit_dinas",
                        "bupati",
                        "dinkes",
                        "ipekb",
                        "polri",
                        "tni",
                        "kua",
                        "karang_taruna",
                        "pkk",
                        "perangkat",
                        "tokoh",
                        "masyarakat",
                        "campuran",
                    ]
                ),
                name="%(app_label)s_%(class)s_sasaran_kode",
                violation_error_message="Sasaran sosialisasi tidak dikenal.",
            ),
        ]

    def __str__(self):
        return f"Sosialisasi {self.judul} ({self.tanggal:%d/%m/%Y})"

    def get_absolute_url(self):
        return url_pk("pertemuan:sosialisasi_detail", self.pk)


def _lokasi_foto_sosialisasi(instance, filename):
    return f"sosialisasi/{instance.sosialisasi_id}/{filename}"


class FotoSosialisasi(models.Model):
    """A photo of a sosialisasi (checked and resized by the service before it is stored)."""

    sosialisasi = models.ForeignKey(Sosialisasi, models.CASCADE, related_name="foto")
    berkas = models.ImageField("foto", upload_to=_lokasi_foto_sosialisasi)
    keterangan = models.CharField("keterangan", max_length=200, blank=True)
    diunggah = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "foto sosialisasi"
        verbose_name_plural = "foto sosialisasi"
        ordering = ["pk"]

    def __str__(self):
        return self.keterangan or f"Foto {self.pk}"


# --- KB service events -----------------------------------------------------------------------


class PelayananKBQuerySet(ScopedQuerySet):
    scope_lookup = "wilayah"


class PelayananKB(TingkatMixin, models.Model):
    """A KB service event (e.g. Bakti TNI KB-Kes, pelayanan bergerak) held in a desa or dusun:
    the acceptors served (by method) count for that desa and month."""

    class Jenis(models.TextChoices):
        BAKTI_TNI = "bakti_tni", "Bakti TNI KB-Kes"
        BERGERAK = "bergerak", "Pelayanan KB bergerak (MUPEN KB)"
        SERENTAK = "serentak", "Pelayanan KB serentak"
        FASKES = "faskes", "Pelayanan di Puskesmas/faskes"
        LAINNYA = "lainnya", "Lainnya"

    jenis = models.CharField("jenis kegiatan", max_length=10, choices=Jenis.choices)
    judul = models.CharField("nama kegiatan", max_length=200)
    tanggal = models.DateField("tanggal")
    wilayah = models.ForeignKey(
        "kader.Wilayah", models.PROTECT, related_name="+", verbose_name="desa/dusun tempat"
    )
    tempat = models.CharField("tempat", max_length=200)
    catatan = models.TextField("catatan", blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)

    objects = PelayananKBQuerySet.as_manager()

    class Meta:
        verbose_name = "pelayanan KB"
        verbose_name_plural = "pelayanan KB"
        ordering = ["-tanggal", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(jenis__in=["bakti_tni", "bergerak", "serentak", "faskes", "lainnya"]),
                name="%(app_label)s_%(class)s_jenis_kode",
                violation_error_message="Jenis pelayanan KB tidak dikenal.",
            )
        ]

    def __str__(self):
        return f"{self.judul} ({self.tanggal:%d/%m/%Y})"

    def get_absolute_url(self):
        return url_pk("pertemuan:pelayanan_detail", self.pk)


class AkseptorPelayananQuerySet(ScopedQuerySet):
    scope_lookup = "pelayanan__wilayah"


class AkseptorPelayanan(models.Model):
    """Acceptors served at a KB service event with one method: one woman from the register
    (`anggota`, jumlah 1, her status change with PB written through pendataan's service), or
    an anonymous count. `kader` is the cadre who brought them."""

    pelayanan = models.ForeignKey(PelayananKB, models.CASCADE, related_name="akseptor")
    metode = models.CharField("metode", max_length=12, choices=PILIHAN_METODE)
    jumlah = models.PositiveSmallIntegerField("jumlah akseptor")
    anggota = models.ForeignKey(
        "pendataan.Anggota",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="pelayanan_kb",
        verbose_name="akseptor (dari register)",
    )
    perubahan_status = models.ForeignKey(
        "pendataan.PerubahanStatus",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="perubahan status KB",
    )
    kader = models.ForeignKey(
        "kader.Kader",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="akseptor_digerakkan",
        verbose_name="kader penggerak",
    )

    objects = AkseptorPelayananQuerySet.as_manager()

    class Meta:
        verbose_name = "akseptor pelayanan KB"
        verbose_name_plural = "akseptor pelayanan KB"
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(metode__in=KODE_METODE),
                name="%(app_label)s_%(class)s_metode_kode",
                violation_error_message="Metode KB tidak dikenal.",
            ),
            models.CheckConstraint(
                condition=Q(jumlah__gte=1) & (Q(anggota__isnull=True) | Q(jumlah=1)),
                name="%(app_label)s_%(class)s_jumlah",
                violation_error_message="Satu akseptor dari register dihitung satu.",
            ),
            models.UniqueConstraint(
                fields=["pelayanan", "anggota"],
                condition=Q(anggota__isnull=False),
                name="%(app_label)s_%(class)s_anggota_unik",
                violation_error_message="Akseptor ini sudah dicatat pada pelayanan ini.",
            ),
        ]

    def __str__(self):
        return f"{self.get_metode_display()}: {self.jumlah}"


# --- partners --------------------------------------------------------------------------------


class PeranMitra(models.TextChoices):
    HADIR = "hadir", "Hadir/peserta"
    NARASUMBER = "narasumber", "Narasumber/penyaji"
    MOBILISASI = "mobilisasi", "Penggerakan sasaran"
    TENAGA_MEDIS = "tenaga_medis", "Tenaga medis"
    TEMPAT = "tempat", "Penyedia tempat"
    DANA = "dana", "Dukungan dana"
    LAINNYA = "lainnya", "Lainnya"


class KeterlibatanMitraQuerySet(ScopedQuerySet):
    scope_lookup = "mitra__wilayah"


class KeterlibatanMitra(models.Model):
    """A partner (kader.Mitra) in one activity — a meeting, a KIE session, a sosialisasi or a
    KB service event (exactly one) — with its role, the people it reached and the acceptors it
    mobilised (DOMAIN.md §10 Kemitraan: each partner's contribution can be counted)."""

    mitra = models.ForeignKey(
        "kader.Mitra", models.PROTECT, related_name="keterlibatan", verbose_name="mitra"
    )
    pertemuan = models.ForeignKey(
        "pertemuan.Pertemuan", models.CASCADE, null=True, blank=True, related_name="mitra_terlibat"
    )
    sesi_kie = models.ForeignKey(
        "pertemuan.SesiKIE", models.CASCADE, null=True, blank=True, related_name="mitra_terlibat"
    )
    sosialisasi = models.ForeignKey(
        Sosialisasi, models.CASCADE, null=True, blank=True, related_name="mitra_terlibat"
    )
    pelayanan = models.ForeignKey(
        PelayananKB, models.CASCADE, null=True, blank=True, related_name="mitra_terlibat"
    )
    peran = models.CharField("peran", max_length=12, choices=PeranMitra.choices)
    jumlah_terjangkau = models.PositiveIntegerField("orang terjangkau", default=0)
    jumlah_akseptor = models.PositiveIntegerField("akseptor digerakkan", default=0)

    objects = KeterlibatanMitraQuerySet.as_manager()

    KEGIATAN = ("pertemuan", "sesi_kie", "sosialisasi", "pelayanan")

    class Meta:
        verbose_name = "keterlibatan mitra"
        verbose_name_plural = "keterlibatan mitra"
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(pertemuan__isnull=False, sesi_kie=None, sosialisasi=None, pelayanan=None)
                    | Q(pertemuan=None, sesi_kie__isnull=False, sosialisasi=None, pelayanan=None)
                    | Q(pertemuan=None, sesi_kie=None, sosialisasi__isnull=False, pelayanan=None)
                    | Q(pertemuan=None, sesi_kie=None, sosialisasi=None, pelayanan__isnull=False)
                ),
                name="%(app_label)s_%(class)s_satu_kegiatan",
                violation_error_message="Keterlibatan mitra harus pada tepat satu kegiatan.",
            ),
            models.CheckConstraint(
                condition=Q(peran__in=[k for k, _ in PeranMitra.choices]),
                name="%(app_label)s_%(class)s_peran_kode",
                violation_error_message="Peran mitra tidak dikenal.",
            ),
            *[
                models.UniqueConstraint(
                    fields=["mitra", keg, "peran"],
                    condition=Q(**{f"{keg}__isnull": False}),
                    name=f"%(app_label)s_%(class)s_unik_{keg}",
                    violation_error_message="Mitra dengan peran ini sudah dicatat.",
                )
                for keg in ("pertemuan", "sesi_kie", "sosialisasi", "pelayanan")
            ],
        ]

    def __str__(self):
        return f"{self.mitra} ({self.get_peran_display()})"

    @property
    def kegiatan(self):
        return self.pertemuan or self.sesi_kie or self.sosialisasi or self.pelayanan


# --- snowball community groups ---------------------------------------------------------------


class KelompokMasyarakatQuerySet(ScopedQuerySet):
    scope_lookup = "wilayah"

    def aktif(self):
        return self.filter(aktif=True)


class KelompokMasyarakat(models.Model):
    """A community group a cadre started (majelis taklim, arisan, kelompok remaja…), grown
    from an institution directly or from an earlier group ("bola salju": the tree of groups
    grown from each institution)."""

    class Jenis(models.TextChoices):
        MAJELIS_TAKLIM = "majelis_taklim", "Majelis taklim/kelompok pengajian"
        ARISAN = "arisan", "Kelompok arisan/ibu-ibu"
        REMAJA = "remaja", "Kelompok remaja"
        PKK = "pkk", "Kelompok dasawisma/PKK"
        TANI = "tani", "Kelompok tani/nelayan/usaha"
        LAINNYA = "lainnya", "Lainnya"

    nama = models.CharField("nama kelompok", max_length=150)
    jenis = models.CharField("jenis", max_length=14, choices=Jenis.choices)
    wilayah = models.ForeignKey(
        "kader.Wilayah", models.PROTECT, related_name="+", verbose_name="desa/dusun"
    )
    jumlah_anggota = models.PositiveIntegerField("jumlah anggota")
    tanggal_mulai = models.DateField("tanggal dimulai")
    institusi_asal = models.ForeignKey(
        "kader.Institusi",
        models.PROTECT,
        related_name="kelompok_tumbuh",
        verbose_name="institusi asal",
        help_text="PPKBD/Sub-PPKBD tempat kelompok ini berakar.",
    )
    induk = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="cabang",
        verbose_name="tumbuh dari kelompok",
        help_text="Kosongkan bila dimulai langsung dari institusi.",
    )
    kader = models.ForeignKey(
        "kader.Kader",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="kelompok_dimulai",
        verbose_name="kader pemrakarsa",
    )
    catatan = models.TextField("catatan", blank=True)
    aktif = models.BooleanField("aktif", default=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = KelompokMasyarakatQuerySet.as_manager()

    class Meta:
        verbose_name = "kelompok masyarakat"
        verbose_name_plural = "kelompok masyarakat"
        ordering = ["nama"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    jenis__in=["majelis_taklim", "arisan", "remaja", "pkk", "tani", "lainnya"]
                ),
                name="%(app_label)s_%(class)s_jenis_kode",
                violation_error_message="Jenis kelompok tidak dikenal.",
            ),
            models.CheckConstraint(
                condition=Q(induk__isnull=True) | ~Q(induk=models.F("pk")),
                name="%(app_label)s_%(class)s_bukan_induk_sendiri",
                violation_error_message="Kelompok tidak dapat tumbuh dari dirinya sendiri.",
            ),
        ]

    def __str__(self):
        return self.nama

    def get_absolute_url(self):
        return url_pk("pertemuan:kelompok_detail", self.pk)
