"""KIE (group information sessions) and individual counselling of a PUS (DOMAIN.md §3)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from imp_smart.halaman import BagianWilayahMixin
from imp_smart.pilihan import cek_pilihan
from imp_smart.tautan import url_pk
from kader.scoping import ScopedQuerySet
from pendataan.models.keluarga import desa_keluarga_di_tangan
from pendataan.models.status import PILIHAN_METODE


class TopikKIE(models.TextChoices):
    PUP = "pup", "Pendewasaan usia perkawinan (PUP)"
    KESPRO = "kespro", "Kesehatan reproduksi"
    HIV = "hiv", "HIV/AIDS & IMS"
    NAPZA = "napza", "NAPZA"
    PENGATURAN_KELAHIRAN = "kelahiran", "Pengaturan kelahiran"
    BKB = "bkb", "BKB"
    BKR = "bkr", "BKR"
    BKL = "bkl", "BKL"
    STUNTING = "stunting", "Stunting"
    LAINNYA = "lainnya", "Lainnya"


class MediaKIE(models.TextChoices):
    CERAMAH = "ceramah", "Ceramah/tatap muka"
    LEMBAR_BALIK = "lembar_balik", "Lembar balik"
    LEAFLET = "leaflet", "Leaflet/brosur"
    POSTER = "poster", "Poster/spanduk"
    VIDEO = "video", "Video/film"
    ALKON = "alkon", "Contoh alat kontrasepsi"
    MEDSOS = "medsos", "Media sosial/WhatsApp"
    KIE_KIT = "kie_kit", "KIE-Kit"
    LAINNYA = "lainnya", "Lainnya"


class PemimpinKIE(models.TextChoices):
    """Who led the session (F/I/Dal/13 II: penyuluhan by the PKB/PLKB, active tokoh)."""

    PKB = "pkb", "PKB/PLKB"
    PPKBD = "ppkbd", "PPKBD"
    SUB_PPKBD = "sub_ppkbd", "Sub-PPKBD"
    TOKOH_AGAMA = "tokoh_agama", "Tokoh agama"
    TOKOH_MASYARAKAT = "tokoh_masyarakat", "Tokoh masyarakat"
    TOKOH_ADAT = "tokoh_adat", "Tokoh adat"
    MITRA = "mitra", "Mitra kerja"


class SesiKIEQuerySet(ScopedQuerySet):
    scope_lookup = "wilayah"


class SesiKIE(models.Model):
    """A group information session (penyuluhan) held in a desa or dusun."""

    class Sasaran(models.TextChoices):
        PUS = "pus", "Pasangan usia subur"
        REMAJA = "remaja", "Remaja"
        CATIN = "catin", "Calon pengantin"
        IBU_HAMIL = "ibu_hamil", "Ibu hamil/menyusui"
        ORANG_TUA_BALITA = "ortu_balita", "Orang tua balita"
        ORANG_TUA_REMAJA = "ortu_remaja", "Orang tua remaja"
        LANSIA = "lansia", "Keluarga lansia"
        UMUM = "umum", "Masyarakat umum"

    Media = MediaKIE
    Pemimpin = PemimpinKIE
    TOKOH = (Pemimpin.TOKOH_AGAMA, Pemimpin.TOKOH_MASYARAKAT, Pemimpin.TOKOH_ADAT)

    wilayah = models.ForeignKey(
        "kader.Wilayah", models.PROTECT, related_name="+", verbose_name="desa/dusun"
    )
    institusi = models.ForeignKey(
        "kader.Institusi",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="sesi_kie",
        verbose_name="institusi",
    )
    tanggal = models.DateField("tanggal")
    topik = models.CharField("topik", max_length=12, choices=TopikKIE.choices)
    topik_lain = models.CharField("topik lainnya", max_length=150, blank=True)
    sasaran = models.CharField("jenis sasaran", max_length=12, choices=Sasaran.choices)
    tempat = models.CharField("tempat", max_length=200, blank=True)
    peserta_l = models.PositiveIntegerField("peserta laki-laki", default=0)
    peserta_p = models.PositiveIntegerField("peserta perempuan", default=0)
    # Not "media": a form field of that name shadows Form.media in templates ({{ form.media }}
    # in crispy rendered the select a second time, above "Tanggal").
    media_kie = models.CharField("media yang dipakai", max_length=12, choices=Media.choices)
    penyaji = models.CharField("penyaji/narasumber", max_length=120)
    # Empty only on sessions recorded before the field existed; the form requires it.
    dipimpin_oleh = models.CharField(
        "dipimpin oleh", max_length=16, choices=Pemimpin.choices, blank=True
    )
    tokoh_pendamping = models.CharField(
        "tokoh pendamping",
        max_length=120,
        blank=True,
        help_text="Nama tokoh agama/masyarakat/adat yang ikut memimpin (bila ada).",
    )
    catatan = models.TextField("catatan", blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = SesiKIEQuerySet.as_manager()

    class Meta:
        verbose_name = "sesi KIE"
        verbose_name_plural = "sesi KIE"
        ordering = ["-tanggal", "-pk"]
        constraints = [
            cek_pilihan("topik", TopikKIE.choices),
            cek_pilihan(
                "sasaran",
                [
                    "pus",
                    "remaja",
                    "catin",
                    "ibu_hamil",
                    "ortu_balita",
                    "ortu_remaja",
                    "lansia",
                    "umum",
                ],
            ),
            models.CheckConstraint(
                condition=~Q(topik="lainnya") | ~Q(topik_lain=""),
                name="%(app_label)s_%(class)s_topik_lain_diisi",
                violation_error_message="Sebutkan topik lainnya.",
            ),
            models.CheckConstraint(
                condition=Q(dipimpin_oleh__in=["", *PemimpinKIE.values]),
                name="%(app_label)s_%(class)s_pemimpin_kode",
            ),
            models.CheckConstraint(
                condition=Q(media_kie__in=MediaKIE.values),
                name="%(app_label)s_%(class)s_media_kode",
            ),
        ]

    def __str__(self):
        return f"KIE {self.get_topik_display()} ({self.tanggal:%d/%m/%Y})"

    def get_absolute_url(self):
        return url_pk("pertemuan:kie_detail", self.pk)

    @property
    def jumlah_peserta(self) -> int:
        return self.peserta_l + self.peserta_p


class KonselingQuerySet(ScopedQuerySet):
    scope_lookup = "dusun"

    def tindak_lanjut_jatuh_tempo(self, pada):
        return self.filter(tanggal_tindak_lanjut__lte=pada, tindak_lanjut_selesai=False)


class Konseling(BagianWilayahMixin, models.Model):
    """An individual counselling session with a PUS woman from the family register.

    Pages see it from its desa (the counselling lists) and from the desa its woman lives in now
    (the worklist's "counselled lately"): its own saves say both — the latter when her family is
    at hand (konseling_simpan), else nothing is known and every page of the table is renewed
    (imp_smart.halaman)."""

    class Hasil(models.TextChoices):
        BERSEDIA = "bersedia", "Bersedia ber-KB (metode dipilih)"
        DIRUJUK = "dirujuk", "Dirujuk ke fasilitas kesehatan"
        BELUM = "belum", "Belum bersedia"

    anggota = models.ForeignKey(
        "pendataan.Anggota", models.PROTECT, related_name="konseling", verbose_name="PUS"
    )
    # Where she lived when counselled: the month's numbers belong to that desa.
    desa = models.ForeignKey("kader.Wilayah", models.PROTECT, related_name="+")
    dusun = models.ForeignKey("kader.Wilayah", models.PROTECT, related_name="+")
    kader = models.ForeignKey(
        "kader.Kader",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="konseling",
        verbose_name="kader/konselor",
    )
    tanggal = models.DateField("tanggal")
    topik = models.CharField("topik", max_length=12, choices=TopikKIE.choices)
    hasil = models.CharField("hasil", max_length=8, choices=Hasil.choices)
    metode = models.CharField("metode dipilih", max_length=12, choices=PILIHAN_METODE, blank=True)
    faskes = models.CharField("fasilitas kesehatan rujukan", max_length=150, blank=True)
    tanggal_tindak_lanjut = models.DateField("tanggal tindak lanjut", null=True, blank=True)
    tindak_lanjut_selesai = models.BooleanField("tindak lanjut selesai", default=False)
    catatan = models.TextField("catatan", blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = KonselingQuerySet.as_manager()
    medan_wilayah = ("desa_id", "anggota_id")  # as loaded: wilayah_halaman's `awal`

    class Meta:
        verbose_name = "konseling"
        verbose_name_plural = "konseling"
        ordering = ["-tanggal", "-pk"]
        constraints = [
            cek_pilihan("topik", TopikKIE.choices),
            cek_pilihan("hasil", ["bersedia", "dirujuk", "belum"]),
            cek_pilihan("metode", PILIHAN_METODE, kosong=True),
            models.CheckConstraint(
                condition=~Q(hasil="bersedia") | ~Q(metode=""),
                name="%(app_label)s_%(class)s_bersedia_bermetode",
                violation_error_message="Pilih metode KB yang dipilih.",
            ),
            models.CheckConstraint(
                condition=~Q(hasil="dirujuk") | ~Q(faskes=""),
                name="%(app_label)s_%(class)s_rujukan_berfaskes",
                violation_error_message="Sebutkan fasilitas kesehatan rujukan.",
            ),
        ]

    def __str__(self):
        return f"Konseling {self.anggota} ({self.tanggal:%d/%m/%Y})"

    def get_absolute_url(self):
        return url_pk("pertemuan:konseling_detail", self.pk)

    def wilayah_halaman(self, awal, baru):
        """Its desa (before and after) and her family's, or None when one is not at hand (or the
        counselling is moved to another woman)."""
        if not baru and (awal is None or awal["anggota_id"] != self.anggota_id):
            return None
        anggota = self._state.fields_cache.get("anggota")
        if anggota is None or anggota.pk != self.anggota_id:
            return None
        tinggal = desa_keluarga_di_tangan(anggota, None, True)  # her family's desa, if at hand
        if tinggal is None:
            return None
        return {self.desa_id, *tinggal, *(() if baru else (awal["desa_id"],))}
