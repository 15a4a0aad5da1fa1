"""Writes of the pertemuan app. Every function is atomic, keyword-only and validates first."""

from datetime import date
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from PIL import Image, ImageOps, UnidentifiedImageError

from imp_smart.bulan import awal_bulan
from imp_smart.halaman import tulis_wilayah
from imp_smart.pdf import penandatangan, render_pdf
from kader.models import Institusi, Kader, Wilayah
from kader.scoping import SEMUA, desa_terlihat
from pendataan.models import Anggota, Keluarga
from pendataan.selectors import pus_bulan
from pertemuan.models import (
    AgendaPertemuan,
    AnggotaPoktan,
    FotoPertemuan,
    HadirUndangan,
    KategoriUndangan,
    KegiatanPoktan,
    Konseling,
    Masalah,
    Pelatihan,
    Pertemuan,
    PesertaPelatihan,
    Poktan,
    SesiKIE,
    TindakLanjut,
)

FOTO_MAX_BYTES = getattr(settings, "PERTEMUAN_FOTO_MAX_BYTES", 5 * 1024 * 1024)
FOTO_MAX_SISI = 1600  # pixels of the longest side after resizing
FOTO_MAX_PER_PERTEMUAN = 10


def _isi(obj, data: dict):
    for nama, nilai in data.items():
        setattr(obj, nama, nilai)
    obj.full_clean()
    obj.save()
    return obj


def _di_dalam(wilayah: Wilayah, induk: Wilayah) -> bool:
    """True if `wilayah` is `induk` or lies below it."""
    if induk.tingkat == Wilayah.Tingkat.KABUPATEN:
        return True
    return induk.pk in (wilayah.pk, wilayah.kecamatan_id, wilayah.desa_id)


def _cek_institusi(institusi: Institusi | None, wilayah: Wilayah) -> None:
    if institusi is not None and not _di_dalam(institusi.wilayah, wilayah):
        raise ValidationError({"institusi": "Institusi tidak berada di wilayah penyelenggara."})


# --- meetings --------------------------------------------------------------------------------


@transaction.atomic
def pertemuan_simpan(
    *,
    pertemuan: Pertemuan | None = None,
    oleh=None,
    agenda: list[str],
    wilayah: Wilayah | None = None,
    institusi: Institusi | None = None,
    **data,
) -> Pertemuan:
    """Create or update a meeting and its agenda items. Without a wilayah, the organising
    institution's area is used."""
    wilayah = wilayah or (institusi.wilayah if institusi else None)
    if wilayah is None:
        raise ValidationError({"wilayah": "Pilih wilayah atau institusi penyelenggara."})
    _cek_institusi(institusi, wilayah)
    if not agenda:
        raise ValidationError({"agenda": "Pilih minimal satu agenda."})
    baru = pertemuan is None
    pertemuan = pertemuan or Pertemuan(dibuat_oleh=oleh)
    _isi(pertemuan, {**data, "wilayah": wilayah, "institusi": institusi})
    if not baru:
        pertemuan.agenda.exclude(jenis__in=agenda).delete()
    ada = set(pertemuan.agenda.values_list("jenis", flat=True))
    AgendaPertemuan.objects.bulk_create(
        [AgendaPertemuan(pertemuan=pertemuan, jenis=j) for j in agenda if j not in ada]
    )
    return pertemuan


def kader_pertemuan(pertemuan: Pertemuan):
    """Cadres who may be ticked present: active cadres of the meeting's area."""
    w = pertemuan.wilayah
    qs = Kader.objects.filter(aktif=True).select_related("institusi")
    if w.tingkat == Wilayah.Tingkat.KABUPATEN:
        return qs
    if w.tingkat == Wilayah.Tingkat.KECAMATAN:
        return qs.filter(institusi__wilayah__kecamatan=w)
    if w.is_dusun:
        return qs.filter(institusi__wilayah__desa_id=w.desa_id)
    return qs.filter(institusi__wilayah__desa=w)


@transaction.atomic
def pertemuan_catat_kehadiran(
    *, pertemuan: Pertemuan, kader: list[Kader], undangan: dict[str, int]
) -> Pertemuan:
    """Replace the attendance: cadres present and invited guests counted by category."""
    boleh = set(
        kader_pertemuan(pertemuan).filter(pk__in=[k.pk for k in kader]).values_list("pk", flat=True)
    )
    luar = [k.nama for k in kader if k.pk not in boleh]
    if luar:
        raise ValidationError({"kader": f"Bukan kader aktif wilayah ini: {', '.join(luar)}."})
    salah = [k for k, n in undangan.items() if k not in KategoriUndangan.values or n < 0]
    if salah:
        raise ValidationError({"undangan": "Jumlah undangan tidak valid."})
    # Both tables are numbered per desa (imp_smart.halaman): these rows are seen where the
    # meeting is.
    desa = desa_terlihat({pertemuan.wilayah_id})
    with (
        tulis_wilayah(Pertemuan.kader_hadir.through._meta.db_table, desa),
        tulis_wilayah(HadirUndangan._meta.db_table, desa),
    ):
        pertemuan.kader_hadir.set(kader)
        pertemuan.undangan.all().delete()
        HadirUndangan.objects.bulk_create(
            [
                HadirUndangan(pertemuan=pertemuan, kategori=k, jumlah=n)
                for k, n in undangan.items()
                if n
            ]
        )
    return pertemuan


def _perkecil_foto(berkas) -> ContentFile:
    """Check that the upload is an image within the size limit; return it as a JPEG whose
    longest side is at most FOTO_MAX_SISI pixels."""
    if berkas.size > FOTO_MAX_BYTES:
        batas = FOTO_MAX_BYTES // (1024 * 1024)
        raise ValidationError({"berkas": f"Ukuran foto melebihi {batas} MB."})
    try:
        berkas.seek(0)
        Image.open(berkas).verify()  # verify() leaves the image unusable: reopen below
        berkas.seek(0)
        gambar = Image.open(berkas)
        gambar.load()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        raise ValidationError({"berkas": "Berkas bukan gambar yang valid (JPG/PNG)."}) from None
    gambar = ImageOps.exif_transpose(gambar).convert("RGB")  # type: ignore[assignment]
    gambar.thumbnail((FOTO_MAX_SISI, FOTO_MAX_SISI))
    keluaran = BytesIO()
    gambar.save(keluaran, format="JPEG", quality=82, optimize=True)
    return ContentFile(keluaran.getvalue())


@transaction.atomic
def foto_tambah(*, pertemuan: Pertemuan, berkas, keterangan: str = "") -> FotoPertemuan:
    """Add a meeting photo (images only, size-limited, resized before it is stored)."""
    Pertemuan.objects.select_for_update().filter(pk=pertemuan.pk).first()
    if pertemuan.foto.count() >= FOTO_MAX_PER_PERTEMUAN:
        raise ValidationError({"berkas": f"Paling banyak {FOTO_MAX_PER_PERTEMUAN} foto."})
    isi = _perkecil_foto(berkas)
    foto = FotoPertemuan(pertemuan=pertemuan, keterangan=keterangan.strip())
    foto.berkas.save(f"foto-{timezone.now():%Y%m%d%H%M%S%f}.jpg", isi, save=False)
    foto.save()
    return foto


@transaction.atomic
def foto_hapus(*, foto: FotoPertemuan) -> None:
    foto.berkas.delete(save=False)
    foto.delete()


@transaction.atomic
def masalah_tambah(
    *,
    pertemuan: Pertemuan,
    masalah: str,
    tindak_lanjut: str,
    penanggung_jawab: str,
    batas_waktu: date,
) -> TindakLanjut:
    """Record a problem raised at a meeting with its first follow-up action."""
    m = _isi(Masalah(pertemuan=pertemuan), {"uraian": masalah.strip()})
    if batas_waktu < pertemuan.tanggal:
        raise ValidationError({"batas_waktu": "Batas waktu tidak boleh sebelum pertemuan."})
    return _isi(
        TindakLanjut(masalah=m),
        {
            "uraian": tindak_lanjut.strip(),
            "penanggung_jawab": penanggung_jawab.strip(),
            "batas_waktu": batas_waktu,
        },
    )


@transaction.atomic
def tindak_lanjut_perbarui(
    *,
    tindak_lanjut: TindakLanjut,
    status: str,
    ditutup_pada: Pertemuan | None = None,
    catatan: str = "",
    tanggal_selesai: date | None = None,
) -> TindakLanjut:
    """Change an action's status; closing it may name the later meeting where it was closed."""
    asal = tindak_lanjut.masalah.pertemuan
    if ditutup_pada is not None:
        if status != TindakLanjut.Status.SELESAI:
            raise ValidationError({"ditutup_pada": "Pertemuan penutup hanya untuk status selesai."})
        if ditutup_pada.tanggal < asal.tanggal or ditutup_pada.pk == asal.pk:
            raise ValidationError({"ditutup_pada": "Pilih pertemuan sesudah pertemuan asal."})
    if status == TindakLanjut.Status.SELESAI:
        tanggal_selesai = (
            tanggal_selesai
            or (ditutup_pada.tanggal if ditutup_pada else None)
            or timezone.localdate()
        )
    else:
        tanggal_selesai, ditutup_pada = None, None
    return _isi(
        tindak_lanjut,
        {
            "status": status,
            "ditutup_pada": ditutup_pada,
            "catatan_selesai": catatan.strip(),
            "tanggal_selesai": tanggal_selesai,
        },
    )


# --- KIE and counselling ---------------------------------------------------------------------


def _cek_desa_dusun(wilayah: Wilayah) -> None:
    if not (wilayah.is_desa or wilayah.is_dusun):
        raise ValidationError({"wilayah": "Pilih desa/kelurahan atau dusun."})


@transaction.atomic
def sesi_kie_simpan(*, sesi: SesiKIE | None = None, oleh=None, **data) -> SesiKIE:
    """Create or update a group KIE session."""
    _cek_desa_dusun(data["wilayah"])
    _cek_institusi(data.get("institusi"), data["wilayah"].desa or data["wilayah"])
    if data.get("topik") != "lainnya":
        data["topik_lain"] = ""
    return _isi(sesi or SesiKIE(dibuat_oleh=oleh), data)


def _cek_pus(anggota: Anggota, pada: date) -> None:
    """The register's rule (pendataan.selectors.pus_bulan), not a copy: a married woman aged
    15–49 on the month's last day, a member of her family that day. A non-field error, so that
    the form shows it (the woman is a hidden field)."""
    bulan = awal_bulan(pada)
    if not pus_bulan(bulan=bulan, desa_ids=SEMUA).filter(anggota_id=anggota.pk).exists():
        raise ValidationError(
            "%(nama)s bukan PUS pada %(bulan)s (PUS: istri berstatus kawin, umur 15–49 tahun "
            "pada akhir bulan). Konseling tidak disimpan.",
            code="bukan_pus",
            params={"nama": anggota.nama, "bulan": date_format(bulan, "F Y")},
        )


@transaction.atomic
def konseling_simpan(
    *, konseling: Konseling | None = None, oleh=None, anggota: Anggota, **data
) -> Konseling:
    """Record (or correct) an individual counselling of a PUS woman from the register."""
    _cek_pus(anggota, data["tanggal"])
    if data.get("hasil") != Konseling.Hasil.BERSEDIA:
        data["metode"] = ""
    if data.get("hasil") != Konseling.Hasil.DIRUJUK:
        data["faskes"] = ""
    kader = data.get("kader")
    if kader is not None and kader.institusi.wilayah.desa_id != anggota.keluarga.desa_id:
        raise ValidationError({"kader": "Kader harus dari desa tempat PUS tinggal."})
    tl = data.get("tanggal_tindak_lanjut")
    if tl is not None and tl < data["tanggal"]:
        raise ValidationError({"tanggal_tindak_lanjut": "Tidak boleh sebelum tanggal konseling."})
    keluarga = anggota.keluarga
    return _isi(
        konseling or Konseling(dibuat_oleh=oleh),
        {**data, "anggota": anggota, "desa_id": keluarga.desa_id, "dusun_id": keluarga.dusun_id},
    )


@transaction.atomic
def konseling_tindak_lanjut_selesai(*, konseling: Konseling) -> Konseling:
    konseling.tindak_lanjut_selesai = True
    konseling.save(update_fields=["tindak_lanjut_selesai"])
    return konseling


# --- poktan ----------------------------------------------------------------------------------


@transaction.atomic
def poktan_simpan(*, poktan: Poktan | None = None, **data) -> Poktan:
    _cek_desa_dusun(data["wilayah"])
    _cek_institusi(data.get("institusi"), data["wilayah"].desa or data["wilayah"])
    return _isi(poktan or Poktan(), data)


@transaction.atomic
def poktan_anggota_tambah(
    *, poktan: Poktan, keluarga: list[Keluarga], tanggal_masuk: date
) -> list[AnggotaPoktan]:
    """Add register families as members (they must live in the poktan's area)."""
    w = poktan.wilayah
    luar = [
        k.nama_kepala
        for k in keluarga
        if (k.dusun_id != w.pk if w.is_dusun else k.desa_id != w.desa_id)
    ]
    if luar:
        raise ValidationError({"keluarga": f"Di luar wilayah kelompok: {', '.join(luar)}."})
    ada = set(poktan.anggota.filter(keluarga__in=keluarga).values_list("keluarga_id", flat=True))
    baru = [
        AnggotaPoktan(poktan=poktan, keluarga=k, tanggal_masuk=tanggal_masuk)
        for k in keluarga
        if k.pk not in ada
    ]
    return AnggotaPoktan.objects.bulk_create(baru)


@transaction.atomic
def kegiatan_poktan_simpan(*, kegiatan: KegiatanPoktan | None = None, **data) -> KegiatanPoktan:
    return _isi(kegiatan or KegiatanPoktan(), data)


# --- training --------------------------------------------------------------------------------


@transaction.atomic
def pelatihan_simpan(*, pelatihan: Pelatihan | None = None, **data) -> Pelatihan:
    return _isi(pelatihan or Pelatihan(), data)


@transaction.atomic
def peserta_tambah(*, pelatihan: Pelatihan, kader: list[Kader]) -> list[PesertaPelatihan]:
    """Register cadres as participants (already registered ones are skipped)."""
    ada = set(pelatihan.peserta.values_list("kader_id", flat=True))
    baru = [PesertaPelatihan(pelatihan=pelatihan, kader=k) for k in kader if k.pk not in ada]
    PesertaPelatihan.objects.bulk_create(baru)
    for p in pelatihan.peserta.filter(nomor_sertifikat=""):
        p.nomor_sertifikat = f"{p.pk:05d}/UPG-{pelatihan.pk}/{pelatihan.tanggal_selesai:%Y}"
        p.save(update_fields=["nomor_sertifikat"])
    # The new rows as stored, with their certificate numbers.
    return list(pelatihan.peserta.filter(pk__in=[p.pk for p in baru]).select_related("kader"))


@transaction.atomic
def peserta_nilai(*, peserta: PesertaPelatihan, nilai_pre, nilai_post) -> PesertaPelatihan:
    return _isi(peserta, {"nilai_pre": nilai_pre, "nilai_post": nilai_post})


def sertifikat_pdf(*, peserta: PesertaPelatihan) -> bytes:
    """The participant's certificate as PDF bytes (WeasyPrint, the Dinas letterhead)."""

    return render_pdf(
        "pertemuan/pdf/sertifikat.html",
        {"peserta": peserta, "pelatihan": peserta.pelatihan, "penandatangan": penandatangan()},
    )
