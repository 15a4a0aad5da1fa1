"""Writes of the programme activities (pertemuan/models/program.py): sosialisasi and its photos,
KB service events and their acceptors, the partners of any activity, community groups.
Every function is atomic, keyword-only and validates first (nothing half-saved)."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from imp_smart.bulan import awal_bulan
from kader.models import Institusi, Kader, Mitra, Wilayah
from kader.scoping import SEMUA
from pendataan.indikator import METODE
from pendataan.models import Anggota, PerubahanStatus
from pendataan.selectors import pus_bulan
from pendataan.services import Isian, KesalahanBaris, status_sebelumnya, status_simpan_bulan
from pertemuan.models import (
    AkseptorPelayanan,
    FotoSosialisasi,
    KelompokMasyarakat,
    KeterlibatanMitra,
    PelayananKB,
    PeranMitra,
    Sosialisasi,
)
from pertemuan.services import FOTO_MAX_PER_PERTEMUAN, _isi, _perkecil_foto

JALUR_BAWAAN = "PEMERINTAH"  # a KB service event of the Dinas/Puskesmas is the government route


# --- sosialisasi -----------------------------------------------------------------------------


@transaction.atomic
def sosialisasi_simpan(*, sosialisasi: Sosialisasi | None = None, oleh=None, **data) -> Sosialisasi:
    """Create or update a sosialisasi event."""
    if data.get("jenis") == Sosialisasi.Jenis.INTERNAL and data.get("sasaran") not in (
        None,
        Sosialisasi.Sasaran.UNIT_DINAS,
        Sosialisasi.Sasaran.CAMPURAN,
    ):
        raise ValidationError(
            {"sasaran": "Sosialisasi internal untuk unit/bidang Dinas; pilih jenis eksternal."}
        )
    return _isi(sosialisasi or Sosialisasi(dibuat_oleh=oleh), data)


@transaction.atomic
def foto_sosialisasi_tambah(
    *, sosialisasi: Sosialisasi, berkas, keterangan: str = ""
) -> FotoSosialisasi:
    """Add a photo (images only, size-limited, resized before it is stored)."""
    Sosialisasi.objects.select_for_update().filter(pk=sosialisasi.pk).first()
    if sosialisasi.foto.count() >= FOTO_MAX_PER_PERTEMUAN:
        raise ValidationError({"berkas": f"Paling banyak {FOTO_MAX_PER_PERTEMUAN} foto."})
    isi = _perkecil_foto(berkas)
    foto = FotoSosialisasi(sosialisasi=sosialisasi, keterangan=keterangan.strip())
    foto.berkas.save(f"foto-{timezone.now():%Y%m%d%H%M%S%f}.jpg", isi, save=False)
    foto.save()
    return foto


@transaction.atomic
def foto_sosialisasi_hapus(*, foto: FotoSosialisasi) -> None:
    foto.berkas.delete(save=False)
    foto.delete()


# --- KB service events -----------------------------------------------------------------------


def _cek_desa_dusun(wilayah: Wilayah) -> None:
    if not (wilayah.is_desa or wilayah.is_dusun):
        raise ValidationError({"wilayah": "Pilih desa/kelurahan atau dusun tempat pelayanan."})


@transaction.atomic
def pelayanan_simpan(*, pelayanan: PelayananKB | None = None, oleh=None, **data) -> PelayananKB:
    """Create or update a KB service event (held in a desa or dusun)."""
    _cek_desa_dusun(data["wilayah"])
    if pelayanan is not None and pelayanan.akseptor.filter(anggota__isnull=False).exists():
        # Register women were checked against the event's desa and month (their status).
        if awal_bulan(data["tanggal"]) != awal_bulan(pelayanan.tanggal):
            raise ValidationError(
                {
                    "tanggal": "Sudah ada akseptor dari register dengan status KB bulan ini; "
                    "tanggal hanya dapat diubah dalam bulan yang sama."
                }
            )
        if _desa_id(data["wilayah"]) != _desa_id(pelayanan.wilayah):
            raise ValidationError(
                {"wilayah": "Sudah ada akseptor dari register desa ini; desa tidak dapat diganti."}
            )
    return _isi(pelayanan or PelayananKB(dibuat_oleh=oleh), data)


def _desa_id(w: Wilayah) -> int:
    return w.pk if w.is_desa else w.desa_id


def _cek_kader(kader: Kader | None, pelayanan: PelayananKB) -> None:
    if kader is not None and kader.institusi.wilayah.kecamatan_id != pelayanan.wilayah.kecamatan_id:
        raise ValidationError({"kader": "Kader penggerak harus dari kecamatan tempat pelayanan."})


def _cek_metode(metode: str) -> None:
    if metode not in METODE:
        raise ValidationError({"metode": "Metode KB tidak dikenal; pilih dari daftar."})


@transaction.atomic
def akseptor_anonim_simpan(
    *, pelayanan: PelayananKB, jumlah_per_metode: dict[str, int], kader: Kader | None = None
) -> list[AkseptorPelayanan]:
    """Add acceptors counted without names: {metode: jumlah} (zeros skipped), brought by
    `kader` (or nobody named). Counts add to what is already recorded for the same method and
    cadre."""
    for metode in jumlah_per_metode:
        _cek_metode(metode)
    if any(n is None or n < 0 or n > 999 for n in jumlah_per_metode.values()):
        raise ValidationError({"jumlah": "Jumlah per metode antara 0 dan 999."})
    isi = {m: n for m, n in jumlah_per_metode.items() if n}
    if not isi:
        raise ValidationError("Isi jumlah akseptor minimal satu metode.")
    _cek_kader(kader, pelayanan)
    PelayananKB.objects.select_for_update().filter(pk=pelayanan.pk).first()
    ada = {
        a.metode: a
        for a in pelayanan.akseptor.filter(anggota__isnull=True, kader=kader, metode__in=isi)
    }
    hasil = []
    for metode, n in isi.items():
        if metode in ada:
            a = ada[metode]
            a.jumlah += n
            if a.jumlah > 32767:
                raise ValidationError({"jumlah": "Jumlah akseptor terlalu besar."})
            a.save(update_fields=["jumlah"])
        else:
            a = AkseptorPelayanan.objects.create(
                pelayanan=pelayanan, metode=metode, jumlah=n, kader=kader
            )
        hasil.append(a)
    return hasil


@transaction.atomic
def akseptor_register_simpan(
    *,
    pelayanan: PelayananKB,
    anggota: Anggota,
    metode: str,
    kader: Kader | None = None,
    jalur: str = JALUR_BAWAAN,
    oleh=None,
) -> AkseptorPelayanan:
    """A woman from the register served with `metode`: her KB status of the event's month is
    written through pendataan's status service (PB when she used no method before, else a
    change of method), and the acceptor row links to that change. She must be a PUS of the
    month living in the event's desa."""
    _cek_metode(metode)
    _cek_kader(kader, pelayanan)
    bulan = awal_bulan(pelayanan.tanggal)
    pus = (
        pus_bulan(bulan=bulan, desa_ids=SEMUA)
        .filter(anggota_id=anggota.pk)
        .values_list("anggota_id", "desa_id")
    )
    pus = dict(pus)
    if anggota.pk not in pus:
        raise ValidationError(
            {"anggota": f"{anggota.nama} bukan PUS pada bulan pelayanan; status tidak disimpan."}
        )
    if pus[anggota.pk] != _desa_id(pelayanan.wilayah):
        raise ValidationError({"anggota": "PUS ini tidak tinggal di desa tempat pelayanan."})
    if pelayanan.akseptor.filter(anggota=anggota).exists():
        raise ValidationError({"anggota": "Akseptor ini sudah dicatat pada pelayanan ini."})
    lalu, _ = status_sebelumnya(bulan=bulan, anggota_ids=[anggota.pk]).get(anggota.pk, ("", ""))
    isian = Isian(status=metode, jalur=jalur, peserta_baru=lalu not in METODE)
    try:
        status_simpan_bulan(bulan=bulan, isian={anggota.pk: isian}, pus=pus, oleh=oleh)
    except KesalahanBaris as e:
        pesan = "; ".join(e.per_baris.get(anggota.pk, {}).values()) or str(e)
        raise ValidationError({"anggota": f"Status KB tidak dapat disimpan: {pesan}"}) from None
    perubahan = PerubahanStatus.objects.filter(anggota=anggota, bulan=bulan).first()
    return AkseptorPelayanan.objects.create(
        pelayanan=pelayanan,
        metode=metode,
        jumlah=1,
        anggota=anggota,
        perubahan_status=perubahan,
        kader=kader,
    )


@transaction.atomic
def akseptor_hapus(*, akseptor: AkseptorPelayanan) -> None:
    """Remove an acceptor row (a wrong entry). A register woman's status change stays: it is
    the register's record, corrected on the PUS page."""
    akseptor.delete()


# --- partners of an activity -----------------------------------------------------------------


@dataclass(frozen=True)
class BarisMitra:
    mitra: Mitra
    peran: str
    jumlah_terjangkau: int = 0
    jumlah_akseptor: int = 0


def mitra_boleh(user, wilayah: Wilayah):
    """Partners that may be named for an activity in `wilayah`: active partners the user may
    see, working in that area or an area above or below it."""
    return (
        Mitra.objects.visible_to(user, atas=True)
        .filter(aktif=True)
        .select_related("wilayah")
        .order_by("jenis", "nama")
    )


@transaction.atomic
def mitra_kegiatan_simpan(
    *, kegiatan, baris: Iterable[BarisMitra], boleh: Iterable[Mitra]
) -> list[KeterlibatanMitra]:
    """Replace the partners of one activity (a Pertemuan, SesiKIE, Sosialisasi or
    PelayananKB) with `baris`. `boleh`: the partners the user may name (scoped by the caller)."""
    medan = {
        "Pertemuan": "pertemuan",
        "SesiKIE": "sesi_kie",
        "Sosialisasi": "sosialisasi",
        "PelayananKB": "pelayanan",
    }.get(type(kegiatan).__name__)
    if medan is None:
        raise ValueError(f"Bukan kegiatan: {type(kegiatan).__name__}")
    boleh_ids = {m.pk for m in boleh}
    baris = list(baris)
    salah = [b.mitra.nama for b in baris if b.mitra.pk not in boleh_ids]
    if salah:
        raise ValidationError(f"Mitra di luar wilayah Anda: {', '.join(salah)}.")
    if any(b.peran not in PeranMitra.values for b in baris):
        raise ValidationError("Peran mitra tidak dikenal; pilih dari daftar.")
    kunci = [(b.mitra.pk, b.peran) for b in baris]
    if len(set(kunci)) != len(kunci):
        raise ValidationError("Mitra yang sama dengan peran yang sama tercatat dua kali.")
    if any(b.jumlah_terjangkau < 0 or b.jumlah_akseptor < 0 for b in baris):
        raise ValidationError("Jumlah tidak boleh negatif.")
    KeterlibatanMitra.objects.filter(**{medan: kegiatan}).delete()
    try:
        return KeterlibatanMitra.objects.bulk_create(
            [
                KeterlibatanMitra(
                    mitra=b.mitra,
                    peran=b.peran,
                    jumlah_terjangkau=b.jumlah_terjangkau,
                    jumlah_akseptor=b.jumlah_akseptor,
                    **{medan: kegiatan},
                )
                for b in baris
            ]
        )
    except IntegrityError:  # pragma: no cover - checked above; the constraints are the backstop
        raise ValidationError("Data mitra tidak valid.") from None


# --- snowball community groups ---------------------------------------------------------------


@transaction.atomic
def kelompok_simpan(
    *, kelompok: KelompokMasyarakat | None = None, oleh=None, **data
) -> KelompokMasyarakat:
    """Create or update a community group. Grown from an earlier group, it keeps that group's
    root institution (the tree per institution stays one tree); a group cannot grow from
    itself or from one of its own descendants."""
    wilayah: Wilayah = data["wilayah"]
    if not (wilayah.is_desa or wilayah.is_dusun):
        raise ValidationError({"wilayah": "Pilih desa/kelurahan atau dusun."})
    induk: KelompokMasyarakat | None = data.get("induk")
    institusi: Institusi | None = data.get("institusi_asal")
    if induk is not None:
        if (
            kelompok is not None
            and kelompok.pk
            and (induk.pk == kelompok.pk or induk.pk in _keturunan_ids(kelompok))
        ):
            raise ValidationError(
                {"induk": "Kelompok tidak dapat tumbuh dari dirinya atau cabangnya sendiri."}
            )
        if institusi is not None and institusi.pk != induk.institusi_asal_id:
            raise ValidationError(
                {"institusi_asal": "Institusi asal harus sama dengan institusi kelompok induk."}
            )
        data["institusi_asal"] = institusi = induk.institusi_asal
        if data.get("tanggal_mulai") and data["tanggal_mulai"] < induk.tanggal_mulai:
            raise ValidationError(
                {"tanggal_mulai": "Tidak boleh sebelum kelompok induknya dimulai."}
            )
    if institusi is None:
        raise ValidationError({"institusi_asal": "Pilih institusi asal atau kelompok induk."})
    desa_institusi = institusi.wilayah if institusi.wilayah.is_desa else institusi.wilayah.induk
    if desa_institusi is not None and desa_institusi.kecamatan_id != wilayah.kecamatan_id:
        raise ValidationError(
            {"wilayah": "Kelompok harus berada di kecamatan yang sama dengan institusi asalnya."}
        )
    kader: Kader | None = data.get("kader")
    if kader is not None and kader.institusi.wilayah.kecamatan_id != wilayah.kecamatan_id:
        raise ValidationError({"kader": "Kader pemrakarsa harus dari kecamatan yang sama."})
    return _isi(kelompok or KelompokMasyarakat(dibuat_oleh=oleh), data)


def _keturunan_ids(kelompok: KelompokMasyarakat) -> set[int]:
    """Ids of every group grown (directly or not) from `kelompok` (one query: the tree of its
    root institution)."""
    anak: dict[int, list[int]] = {}
    for pk, induk_id in KelompokMasyarakat.objects.filter(
        institusi_asal_id=kelompok.institusi_asal_id
    ).values_list("pk", "induk_id"):
        anak.setdefault(induk_id, []).append(pk)
    hasil, antre = set(), [kelompok.pk]
    while antre:
        for c in anak.get(antre.pop(), []):
            if c not in hasil:
                hasil.add(c)
                antre.append(c)
    return hasil


__all__ = [
    "BarisMitra",
    "akseptor_anonim_simpan",
    "akseptor_hapus",
    "akseptor_register_simpan",
    "foto_sosialisasi_hapus",
    "foto_sosialisasi_tambah",
    "kelompok_simpan",
    "mitra_boleh",
    "mitra_kegiatan_simpan",
    "pelayanan_simpan",
    "sosialisasi_simpan",
]
