"""Writes of the pendataan app: register, mutations and monthly KB status. All atomic."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from imp_smart.fields import isi_nomor
from imp_smart.halaman import tulis_wilayah
from imp_smart.kartu import lupakan_kartu
from imp_smart.nik import cek_nik, cek_no_kk
from kader.models import Wilayah
from pendataan.indikator import METODE, STATUS
from pendataan.ks import tahapan_ks
from pendataan.models import (
    TANPA_AKHIR,
    AksesNik,
    Anggota,
    Hubungan,
    Keluarga,
    Mutasi,
    PerubahanStatus,
    RiwayatAnggota,
    StatusKawin,
)
from pendataan.selectors import awal_bulan

# --- Keluarga ------------------------------------------------------------------------------


@transaction.atomic
def keluarga_simpan(
    *,
    keluarga: Keluarga | None = None,
    no_kk: str | None,
    dusun: Wilayah,
    rt: str,
    nama_kepala: str,
    alamat: str = "",
    lintang=None,
    bujur=None,
    indikator_ks: str | None = None,
) -> Keluarga:
    """Create or update a family. An empty no_kk on update keeps the stored one."""
    keluarga = keluarga or Keluarga()
    if no_kk or keluarga.pk is None:
        isi_nomor(
            keluarga,
            "no_kk",
            no_kk or "",
            cek=cek_no_kk,
            pesan_ganda="Nomor KK ini sudah terdaftar.",
        )
    if not dusun.is_dusun or dusun.desa_id is None:
        raise ValidationError({"dusun": "Pilih dusun/lingkungan."})
    pindah_wilayah = keluarga.pk is not None and keluarga.dusun_id != dusun.pk
    keluarga.dusun, keluarga.desa_id = dusun, dusun.desa_id
    keluarga.rt, keluarga.nama_kepala, keluarga.alamat = rt.strip(), nama_kepala.strip(), alamat
    keluarga.lintang, keluarga.bujur = lintang, bujur
    if (lintang is None) != (bujur is None):
        raise ValidationError(
            {"bujur": "Isi lintang dan bujur bersama-sama, atau kosongkan keduanya."}
        )
    if indikator_ks is not None:
        keluarga.indikator_ks = indikator_ks
        keluarga.tahapan_ks = tahapan_ks(indikator_ks)
    keluarga.full_clean(exclude=["no_kk_hash", "no_kk"])
    keluarga.save()
    if pindah_wilayah:
        # A correction of the address: the open facts follow the family (history stays).
        RiwayatAnggota.objects.filter(keluarga=keluarga, selesai=TANPA_AKHIR).update(
            desa_id=dusun.desa_id, dusun_id=dusun.pk
        )
    return keluarga


def nik_lengkap_dilihat(*, user, keluarga: Keluarga, alamat_ip: str | None = None) -> AksesNik:
    """Record that `user` was shown the full NIKs and no KK of a family."""
    return AksesNik.objects.create(user=user, keluarga=keluarga, alamat_ip=alamat_ip)


# --- Anggota and mutations -----------------------------------------------------------------


def _isi_nik(anggota: Anggota, nik: str) -> None:
    isi_nomor(
        anggota, "nik", nik, cek=cek_nik, pesan_ganda="NIK ini sudah terdaftar pada anggota lain."
    )


@transaction.atomic
def anggota_tambah(
    *,
    keluarga: Keluarga,
    nik: str,
    nama: str,
    jenis_kelamin: str,
    tanggal_lahir: date,
    hubungan: int,
    status_kawin: int,
    pendidikan: str = "",
    pekerjaan: str = "",
    tanggal_masuk: date | None = None,
    oleh=None,
) -> Anggota:
    """Add a member. With `tanggal_masuk` it is the mutation "anggota keluarga baru" from that
    date; without, the member is registered as living in the family since birth."""
    anggota = Anggota(
        keluarga=keluarga,
        nama=nama.strip(),
        jenis_kelamin=jenis_kelamin,
        tanggal_lahir=tanggal_lahir,
        hubungan=hubungan,
        status_kawin=status_kawin,
        pendidikan=pendidikan,
        pekerjaan=pekerjaan,
    )
    _isi_nik(anggota, nik)
    mulai = tanggal_masuk or tanggal_lahir
    if mulai < tanggal_lahir:
        raise ValidationError({"tanggal_masuk": "Tanggal masuk tidak boleh sebelum lahir."})
    if tanggal_lahir > timezone.localdate():
        raise ValidationError({"tanggal_lahir": "Tanggal lahir tidak boleh di masa depan."})
    anggota.full_clean(exclude=["nik_hash", "nik", "keluarga"])
    anggota.save()
    RiwayatAnggota.objects.create(
        anggota=anggota,
        keluarga=keluarga,
        desa_id=keluarga.desa_id,
        dusun_id=keluarga.dusun_id,
        jenis_kelamin=jenis_kelamin,
        tanggal_lahir=tanggal_lahir,
        status_kawin=status_kawin,
        mulai=mulai,
    )
    if tanggal_masuk:
        Mutasi.objects.create(
            keluarga=keluarga,
            anggota=anggota,
            jenis=Mutasi.Jenis.ANGGOTA_BARU,
            tanggal=tanggal_masuk,
            dicatat_oleh=oleh,
        )
    return anggota


@transaction.atomic
def anggota_ubah(*, anggota: Anggota, nik: str | None = None, **data) -> Anggota:
    """Correct a member's record (typos, not events). Status kawin changes go through
    mutasi_catat so that history keeps the date. Sex/birth date fix every history row."""
    if "status_kawin" in data and int(data["status_kawin"]) != anggota.status_kawin:
        raise ValidationError(
            {"status_kawin": "Ubah status kawin melalui mutasi (menikah/bercerai)."}
        )
    for nama, nilai in data.items():
        setattr(anggota, nama, nilai)
    if nik:
        _isi_nik(anggota, nik)
    anggota.full_clean(exclude=["nik_hash", "nik", "keluarga"])
    anggota.save()
    RiwayatAnggota.objects.filter(anggota=anggota).update(
        jenis_kelamin=anggota.jenis_kelamin, tanggal_lahir=anggota.tanggal_lahir
    )
    return anggota


# What each mutation does to the member: new status_kawin, or leaving the family (None).
_AKIBAT = {
    Mutasi.Jenis.MENIKAH: {"status_kawin": StatusKawin.KAWIN},
    Mutasi.Jenis.BERCERAI: {"status_kawin": StatusKawin.CERAI_HIDUP},
    Mutasi.Jenis.MENINGGAL: None,
    Mutasi.Jenis.PINDAH: None,
}


def _ganti_fakta(anggota: Anggota, tanggal: date, baru: dict | None) -> None:
    """Close the member's open fact at `tanggal` and (unless leaving) open a new one."""
    buka = (
        RiwayatAnggota.objects.select_for_update()
        .filter(anggota=anggota, selesai=TANPA_AKHIR)
        .first()
    )
    if buka is None:
        raise ValidationError("Anggota ini sudah keluar dari keluarga.")
    if tanggal <= buka.mulai:
        raise ValidationError(
            {"tanggal": f"Tanggal harus sesudah perubahan terakhir ({buka.mulai:%d/%m/%Y})."}
        )
    buka.selesai = tanggal
    buka.save(update_fields=["selesai"])
    if baru is not None:
        buka.pk, buka.mulai, buka.selesai = None, tanggal, TANPA_AKHIR
        for nama, nilai in baru.items():
            setattr(buka, nama, nilai)
        buka.save()


@transaction.atomic
def mutasi_catat(
    *, anggota: Anggota, jenis: int, tanggal: date, keterangan: str = "", oleh=None
) -> Mutasi:
    """Record a dated event (menikah, bercerai, meninggal dunia, pindah). The member's facts
    change from that date; earlier months keep their numbers."""
    jenis = Mutasi.Jenis(int(jenis))
    if jenis == Mutasi.Jenis.ANGGOTA_BARU:
        raise ValidationError({"jenis": "Anggota baru ditambahkan melalui formulir anggota."})
    if tanggal > timezone.localdate():
        raise ValidationError({"tanggal": "Tanggal mutasi tidak boleh di masa depan."})
    # With its family (not locked): its save says the family's desa to the kept pages.
    anggota = (
        Anggota.objects.select_for_update(of=("self",))
        .select_related("keluarga")
        .get(pk=anggota.pk)
    )
    if not anggota.aktif:
        raise ValidationError("Anggota ini sudah keluar dari keluarga.")
    if jenis == Mutasi.Jenis.MENIKAH and anggota.status_kawin == StatusKawin.KAWIN:
        raise ValidationError({"jenis": "Anggota ini sudah berstatus kawin."})
    if jenis == Mutasi.Jenis.BERCERAI and anggota.status_kawin != StatusKawin.KAWIN:
        raise ValidationError({"jenis": "Hanya anggota berstatus kawin yang dapat bercerai."})
    akibat = _AKIBAT[jenis]
    _ganti_fakta(anggota, tanggal, akibat)
    if akibat is None:
        anggota.aktif, anggota.tanggal_keluar = False, tanggal
    else:
        anggota.status_kawin = akibat["status_kawin"]
    anggota.save(update_fields=["aktif", "tanggal_keluar", "status_kawin"])
    if jenis == Mutasi.Jenis.MENINGGAL:
        _pasangan_cerai_mati(anggota, tanggal, oleh)
    return Mutasi.objects.create(
        keluarga=anggota.keluarga,  # at hand: the save says the family's desa (kept pages)
        anggota=anggota,
        jenis=jenis,
        tanggal=tanggal,
        keterangan=keterangan,
        dicatat_oleh=oleh,
    )


def _pasangan_cerai_mati(meninggal: Anggota, tanggal: date, oleh) -> None:
    """The married spouse (kepala ↔ istri/suami) of a deceased member becomes cerai mati."""
    pasangan_hub: dict[int, int] = {
        Hubungan.KEPALA: Hubungan.PASANGAN,
        Hubungan.PASANGAN: Hubungan.KEPALA,
    }
    if meninggal.hubungan not in pasangan_hub:
        return
    for p in (
        Anggota.objects.select_for_update(of=("self",))
        .select_related("keluarga")
        .filter(
            keluarga_id=meninggal.keluarga_id,
            hubungan=pasangan_hub[meninggal.hubungan],
            aktif=True,
            status_kawin=StatusKawin.KAWIN,
        )
    ):
        _ganti_fakta(p, tanggal, {"status_kawin": StatusKawin.CERAI_MATI})
        p.status_kawin = StatusKawin.CERAI_MATI
        p.save(update_fields=["status_kawin"])


# --- Monthly KB status ---------------------------------------------------------------------


class KesalahanBaris(ValidationError):
    """Errors of a many-row write: `per_baris` = {anggota_id: {kolom: pesan}}."""

    def __init__(self, per_baris: dict[int, dict[str, str]]):
        self.per_baris = per_baris
        super().__init__(f"{len(per_baris)} baris perlu diperbaiki.", code="baris")


@dataclass(frozen=True)
class Isian:
    """What the form or a file says about one PUS in a month."""

    status: str  # "" = no status (only allowed while she has none)
    jalur: str = ""
    peserta_baru: bool = False


JALUR = ("PEMERINTAH", "SWASTA")


def cek_isian(isian: Isian, sebelumnya: str | None) -> dict[str, str]:
    """Errors ({kolom: pesan}) of one entry given the status of the month before. Only the
    exact codes of DOMAIN §5 pass (the text is never echoed: it may be a payload)."""
    salah = {}
    if isian.status and isian.status not in STATUS:
        salah["status"] = "Status tidak dikenal; pilih salah satu status dari daftar."
    if isian.jalur and isian.jalur not in JALUR:
        salah["jalur"] = "Jalur tidak dikenal; pilih Pemerintah atau Swasta."
    if salah:
        return salah
    if isian.status in METODE:
        if not isian.jalur:
            salah["jalur"] = "Jalur (pemerintah/swasta) wajib untuk metode KB."
        if isian.peserta_baru and sebelumnya in METODE:
            salah["peserta_baru"] = "Ganti cara dari metode lain bukan peserta baru."
    elif isian.status:
        if isian.jalur:
            salah["jalur"] = "Jalur hanya untuk metode KB."
        if isian.peserta_baru:
            salah["peserta_baru"] = "Peserta baru hanya untuk metode KB."
    elif sebelumnya:
        salah["status"] = "Status tidak boleh dikosongkan; pilih status bulan ini."
    return salah


def status_sebelumnya(*, bulan: date, anggota_ids) -> dict[int, tuple[str, str]]:
    """(status, jalur) of each of these members in the month before `bulan` (absent = none)."""
    qs = (
        PerubahanStatus.objects.filter(anggota_id__in=list(anggota_ids), bulan__lt=bulan)
        .order_by("anggota_id", "bulan")
        .values_list("anggota_id", "status", "jalur")
    )
    # Changes are few per woman (a handful a year); the last one per member wins. Portable
    # (no DISTINCT ON) so the embedded SQLite demo works too.
    return {aid: (status, jalur) for aid, status, jalur in qs}


@transaction.atomic
def status_simpan_bulan(
    *,
    bulan: date,
    isian: dict[int, Isian],
    pus: dict[int, int],
    oleh=None,
    sumber: str = PerubahanStatus.Sumber.FORMULIR,
) -> dict[str, int]:
    """Save one month's statuses of many PUS at once; only what changed is written.

    `pus` = {anggota_id: desa_id} of the PUS the caller may write that month (already
    scoped); an entry for anyone else is an error. An entry equal to the month before needs
    no change row (an existing one is removed). Raises
    KesalahanBaris (per_baris = {anggota_id: {kolom: pesan}}); nothing is written on error."""
    bulan = awal_bulan(bulan)
    salah: dict[int, dict[str, str]] = {
        aid: {"status": "Bukan PUS di wilayah Anda pada bulan ini."}
        for aid in isian
        if aid not in pus
    }
    sebelumnya = status_sebelumnya(bulan=bulan, anggota_ids=isian.keys())
    ada = {
        p.anggota_id: p
        for p in PerubahanStatus.objects.select_for_update().filter(
            bulan=bulan, anggota_id__in=list(isian)
        )
    }
    baru, ubah, hapus = [], [], []
    for aid, isi in isian.items():
        if aid in salah:
            continue
        lalu_status, lalu_jalur = sebelumnya.get(aid, ("", ""))
        if e := cek_isian(isi, lalu_status):
            salah[aid] = e
            continue
        lama = ada.get(aid)
        if (isi.status, isi.jalur, isi.peserta_baru) == (lalu_status, lalu_jalur, False):
            if lama:
                hapus.append(lama)
            continue
        if lama is None:
            baru.append(
                PerubahanStatus(
                    anggota_id=aid,
                    desa_id=pus[aid],
                    bulan=bulan,
                    status=isi.status,
                    jalur=isi.jalur,
                    peserta_baru=isi.peserta_baru,
                    sumber=sumber,
                    dicatat_oleh=oleh,
                )
            )
        elif (lama.status, lama.jalur, lama.peserta_baru) != tuple(vars(isi).values()):
            lama.status, lama.jalur, lama.peserta_baru = isi.status, isi.jalur, isi.peserta_baru
            lama.dicatat_oleh, lama.sumber, lama.dicatat_pada = oleh, sumber, timezone.now()
            ubah.append(lama)
    if salah:
        raise KesalahanBaris(salah)
    status_tulis(baru=baru, ubah=ubah, hapus=hapus, oleh=oleh)
    return {"baru": len(baru), "diubah": len(ubah), "dihapus": len(hapus)}


def status_tulis(*, baru, ubah, hapus=(), oleh=None, batch_size: int | None = None) -> None:
    """Write checked change rows with their history (who, when; an edit's or a removal's
    earlier value stays in the history table). The caller holds the transaction.
    The writes say their desas to the kept pages (imp_smart.halaman): every desa each member
    has lived in, where a page of a month shows her latest status (one query)."""
    with tulis_wilayah(PerubahanStatus._meta.db_table, desa_status([*baru, *ubah, *hapus])):
        bulk_create_with_history(baru, PerubahanStatus, batch_size=batch_size, default_user=oleh)
        bulk_update_with_history(
            ubah,
            PerubahanStatus,
            ["status", "jalur", "peserta_baru", "dicatat_oleh", "sumber", "dicatat_pada"],
            batch_size=batch_size,
            default_user=oleh,
        )
        for lama in hapus:  # rare (a month set back to the month before): one by one
            lama._history_user = oleh
            lama.delete()
    lupakan_kartu("pus")  # the home page's PUS figures (bulk writes send no signal)


def desa_status(baris) -> set[int]:
    """The desas from which pages see these status rows: each row's own and every desa its
    member has lived in (RiwayatAnggota), one query for all."""
    desa = {p.desa_id for p in baris}
    anggota = {p.anggota_id for p in baris}
    if anggota:
        desa.update(
            RiwayatAnggota.objects.filter(anggota_id__in=anggota)
            .order_by()
            .values_list("desa_id", flat=True)
            .distinct()
        )
    return desa


__all__ = [
    "Isian",
    "KesalahanBaris",
    "anggota_tambah",
    "anggota_ubah",
    "cek_nik",
    "cek_no_kk",
    "desa_status",
    "keluarga_simpan",
    "mutasi_catat",
    "nik_lengkap_dilihat",
    "status_sebelumnya",
    "status_simpan_bulan",
    "status_tulis",
]
