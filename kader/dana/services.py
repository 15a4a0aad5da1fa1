"""Writes of the group funds. Each is atomic; any write that would leave the cash negative on
any day (a pay-out larger than the balance, a back-dated expense) is refused and rolled back."""

import secrets
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone

from imp_smart.angka import rupiah
from kader.dana.selectors import arisan_calon, arisan_setoran_tertunda, tarif_berlaku
from kader.models import (
    AnggotaArisan,
    Institusi,
    Kader,
    KelompokArisan,
    PutaranArisan,
    TarifIuran,
    TransaksiKas,
)

J = TransaksiKas.Jenis


def _rp(n: Decimal) -> str:
    return rupiah(n, awalan=True)


def _kunci(institusi: Institusi) -> None:
    """Serialise cash writes of one institution (two pay-outs must not both pass the check)."""
    Institusi.objects.select_for_update().filter(pk=institusi.pk).first()


def _pastikan_tidak_minus(institusi: Institusi, dari: date) -> None:
    """Walk the ledger; the running balance must stay >= 0 on every day from `dari` on."""
    qs = TransaksiKas.objects.berlaku().filter(institusi=institusi).order_by("tanggal", "pk")
    berjalan = qs.filter(tanggal__lt=dari).aggregate(
        m=Sum("jumlah", filter=~_keluar()), k=Sum("jumlah", filter=_keluar())
    )
    saldo = (berjalan["m"] or 0) - (berjalan["k"] or 0)
    for t in qs.filter(tanggal__gte=dari).only("tanggal", "jenis", "jumlah"):
        saldo += t.nilai
        if saldo < 0:
            raise ValidationError(
                f"Saldo kas tidak cukup: pada {t.tanggal:%d/%m/%Y} saldo menjadi {_rp(saldo)}. "
                "Catat pemasukan terlebih dahulu atau kurangi jumlahnya.",
                code="saldo_minus",
            )


def _keluar() -> Q:
    return Q(jenis__in=TransaksiKas.KELUAR)


def _simpan(t: TransaksiKas) -> TransaksiKas:
    t.full_clean()
    t.save()
    return t


@transaction.atomic
def transaksi_catat(
    *, institusi: Institusi, tanggal: date, jenis: str, jumlah: Decimal, uraian: str, oleh=None
) -> TransaksiKas:
    """Record other income or an expense in an institution's cash book."""
    if jenis not in (J.PEMASUKAN_LAIN, J.PENGELUARAN):
        raise ValidationError({"jenis": "Iuran dan arisan dicatat di halamannya masing-masing."})
    _kunci(institusi)
    t = _simpan(
        TransaksiKas(
            institusi=institusi,
            tanggal=tanggal,
            jenis=jenis,
            jumlah=jumlah,
            uraian=uraian.strip(),
            dicatat_oleh=oleh,
        )
    )
    _pastikan_tidak_minus(institusi, tanggal)
    return t


@transaction.atomic
def transaksi_batalkan(*, transaksi: TransaksiKas, alasan: str, oleh=None) -> TransaksiKas:
    """Cancel a wrong entry: it stays in the book with who, when and why, and counts nowhere
    from then on (balances, sums, the monthly report, dues paid). Refused when it would leave
    the cash negative on a later day, or when it is arisan money bound to a draw."""
    alasan = " ".join(alasan.split())
    if not alasan:
        raise ValidationError({"alasan": "Tulis alasan pembatalan."})
    _kunci(transaksi.institusi)
    t = TransaksiKas.objects.select_for_update().get(pk=transaksi.pk)
    if t.dibatalkan:
        raise ValidationError("Transaksi ini sudah dibatalkan.", code="sudah_batal")
    if not t.boleh_dibatalkan:
        raise ValidationError(
            "Uang arisan yang sudah masuk undian tidak dapat dibatalkan: putaran dan pemenangnya "
            "bergantung padanya.",
            code="arisan_terundi",
        )
    t.dibatalkan_pada = timezone.now()
    t.dibatalkan_oleh = oleh
    t.alasan_batal = alasan[:200]
    t.save(update_fields=["dibatalkan_pada", "dibatalkan_oleh", "alasan_batal"])
    _pastikan_tidak_minus(t.institusi, t.tanggal)
    return t


@transaction.atomic
def tarif_iuran_atur(*, institusi: Institusi, nominal: Decimal, berlaku_mulai: date) -> TarifIuran:
    """Set the monthly dues per member from a month on (replaces that month's rate if any)."""
    tarif, _ = TarifIuran.objects.update_or_create(
        institusi=institusi,
        berlaku_mulai=berlaku_mulai.replace(day=1),
        defaults={"nominal": nominal},
    )
    tarif.full_clean()
    return tarif


@transaction.atomic
def iuran_bayar(
    *,
    institusi: Institusi,
    kader: list[Kader],
    bulan: date,
    tanggal: date,
    oleh=None,
    jumlah: Decimal | None = None,
) -> list[TransaksiKas]:
    """Record the dues of one or more cadres for a month (one entry each)."""
    bulan = bulan.replace(day=1)
    if not kader:
        raise ValidationError({"kader": "Pilih minimal satu kader."})
    if jumlah is None:
        tarif = tarif_berlaku(institusi=institusi, bulan=bulan)
        if tarif is None:
            raise ValidationError({"jumlah": "Tarif iuran belum diatur; isi jumlahnya."})
        jumlah = tarif.nominal
    _kunci(institusi)
    sudah = set(
        TransaksiKas.objects.berlaku()
        .filter(institusi=institusi, jenis=J.IURAN, bulan_iuran=bulan, kader__in=kader)
        .values_list("kader__nama", flat=True)
    )
    if sudah:
        raise ValidationError(
            {"kader": f"Iuran {bulan:%m/%Y} sudah dibayar oleh: {', '.join(sorted(sudah))}."}
        )
    hasil = []
    for k in kader:
        if k.institusi_id != institusi.pk:
            raise ValidationError({"kader": f"{k.nama} bukan kader institusi ini."})
        hasil.append(
            _simpan(
                TransaksiKas(
                    institusi=institusi,
                    tanggal=tanggal,
                    jenis=J.IURAN,
                    jumlah=jumlah,
                    kader=k,
                    bulan_iuran=bulan,
                    uraian=f"Iuran {bulan:%m/%Y} {k.nama}",
                    dicatat_oleh=oleh,
                )
            )
        )
    return hasil


@transaction.atomic
def arisan_buat(*, institusi: Institusi, nama: str, setoran: Decimal) -> KelompokArisan:
    kelompok = KelompokArisan(institusi=institusi, nama=nama.strip(), setoran=setoran)
    kelompok.full_clean()
    kelompok.save()
    return kelompok


@transaction.atomic
def arisan_anggota_tambah(
    *, kelompok: KelompokArisan, nama: str = "", kader: Kader | None = None
) -> AnggotaArisan:
    """Add a member: a cadre of the institution, or another person by name."""
    if kader is not None and kader.institusi_id != kelompok.institusi_id:
        raise ValidationError({"kader": "Kader ini bukan kader institusi penyelenggara arisan."})
    nama = (nama or (kader.nama if kader else "")).strip()
    if not nama:
        raise ValidationError({"nama": "Isi nama anggota atau pilih kader."})
    anggota = AnggotaArisan(kelompok=kelompok, nama=nama, kader=kader)
    anggota.full_clean()
    anggota.save()
    return anggota


@transaction.atomic
def arisan_setor(
    *, kelompok: KelompokArisan, anggota: list[AnggotaArisan], tanggal: date, oleh=None
) -> list[TransaksiKas]:
    """Record members' payments in for the coming draw (once per member per round)."""
    if not anggota:
        raise ValidationError({"anggota": "Pilih minimal satu anggota."})
    _kunci(kelompok.institusi)
    sudah = set(
        arisan_setoran_tertunda(kelompok=kelompok)
        .filter(anggota_arisan__in=anggota)
        .values_list("anggota_arisan__nama", flat=True)
    )
    if sudah:
        raise ValidationError(
            {"anggota": f"Sudah menyetor untuk putaran ini: {', '.join(sorted(sudah))}."}
        )
    hasil = []
    for a in anggota:
        if a.kelompok_id != kelompok.pk:
            raise ValidationError({"anggota": f"{a.nama} bukan anggota arisan ini."})
        hasil.append(
            _simpan(
                TransaksiKas(
                    institusi=kelompok.institusi,
                    tanggal=tanggal,
                    jenis=J.ARISAN_SETORAN,
                    jumlah=kelompok.setoran,
                    anggota_arisan=a,
                    uraian=f"Setoran arisan {a.nama}",
                    dicatat_oleh=oleh,
                )
            )
        )
    return hasil


@transaction.atomic
def arisan_undi(*, kelompok: KelompokArisan, tanggal: date, oleh=None, pilih=None) -> PutaranArisan:
    """Draw the round's winner at random among active members who have not yet won in this
    cycle, record it, and pay out the payments collected for this round from the cash.

    `pilih` (a function list → item) is for tests; the default is a CSPRNG choice."""
    kelompok = KelompokArisan.objects.select_for_update().get(pk=kelompok.pk)
    if not kelompok.aktif:
        raise ValidationError("Arisan ini sudah tidak aktif.")
    if PutaranArisan.objects.filter(kelompok=kelompok, tanggal=tanggal).exists():
        # Guards against a double submit drawing two rounds at one meeting.
        raise ValidationError(
            f"Undian tanggal {tanggal:%d/%m/%Y} sudah dilakukan untuk arisan ini.",
            code="sudah_diundi",
        )
    calon = list(arisan_calon(kelompok=kelompok).order_by("pk"))
    if not calon:
        raise ValidationError(
            "Semua anggota sudah mendapat arisan pada siklus ini. "
            "Mulai siklus baru terlebih dahulu.",
            code="siklus_habis",
        )
    setoran = arisan_setoran_tertunda(kelompok=kelompok)
    jumlah = setoran.aggregate(s=Sum("jumlah"))["s"] or Decimal(0)
    if not jumlah:
        # A draw with nothing collected would pay the winner Rp 0 and spend her turn.
        raise ValidationError(
            "Belum ada setoran untuk putaran ini, jadi undian belum bisa dilakukan. "
            "Catat setoran anggota terlebih dahulu, lalu undi.",
            code="belum_ada_setoran",
        )
    pemenang = (pilih or secrets.SystemRandom().choice)(calon)
    nomor = PutaranArisan.objects.filter(kelompok=kelompok, siklus=kelompok.siklus).count() + 1
    putaran = PutaranArisan.objects.create(
        kelompok=kelompok,
        siklus=kelompok.siklus,
        nomor=nomor,
        tanggal=tanggal,
        pemenang=pemenang,
        jumlah_diterima=jumlah,
        jumlah_calon=len(calon),
        diundi_oleh=oleh,
    )
    setoran.update(putaran=putaran)
    _kunci(kelompok.institusi)
    _simpan(
        TransaksiKas(
            institusi=kelompok.institusi,
            tanggal=tanggal,
            jenis=J.ARISAN_BAYAR,
            jumlah=jumlah,
            putaran=putaran,
            uraian=f"{kelompok.nama} siklus {putaran.siklus} putaran {nomor}: {pemenang.nama}",
            dicatat_oleh=oleh,
        )
    )
    _pastikan_tidak_minus(kelompok.institusi, tanggal)
    return putaran


@transaction.atomic
def arisan_siklus_baru(*, kelompok: KelompokArisan) -> KelompokArisan:
    """Start the next cycle, once every active member has won in the current one."""
    kelompok = KelompokArisan.objects.select_for_update().get(pk=kelompok.pk)
    if arisan_calon(kelompok=kelompok).exists():
        raise ValidationError("Masih ada anggota yang belum mendapat arisan pada siklus ini.")
    kelompok.siklus += 1
    kelompok.save(update_fields=["siklus"])
    return kelompok
