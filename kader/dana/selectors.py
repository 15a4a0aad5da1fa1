"""Reads of the group funds (kemandirian). `dana_desa` feeds the monthly report (laporan)."""

import calendar
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import (
    Case,
    DecimalField,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import reverse

from kader.models import (
    AnggotaArisan,
    Institusi,
    Kader,
    KelompokArisan,
    Profil,
    PutaranArisan,
    TarifIuran,
    TransaksiKas,
    Wilayah,
)
from kader.scoping import Semua, wilayah_saring

NOL = Decimal(0)
J = TransaksiKas.Jenis
_RP: DecimalField = DecimalField(max_digits=16, decimal_places=0)


def _akhir_bulan(bulan: date) -> date:
    return bulan.replace(day=calendar.monthrange(bulan.year, bulan.month)[1])


def _bertanda():
    """Signed amount expression: + for money in, − for money out."""
    return Case(
        When(jenis__in=TransaksiKas.MASUK, then=F("jumlah")), default=-F("jumlah"), output_field=_RP
    )


def _jumlah(jenis) -> Coalesce:
    return Coalesce(Sum("jumlah", filter=Q(jenis__in=jenis)), Value(NOL), output_field=_RP)


def saldo(*, institusi: Institusi, sampai: date | None = None) -> Decimal:
    """The balance of an institution's cash at the end of `sampai` (None: all entries)."""
    qs = TransaksiKas.objects.berlaku().filter(institusi=institusi)
    if sampai is not None:
        qs = qs.filter(tanggal__lte=sampai)
    return qs.aggregate(s=Coalesce(Sum(_bertanda()), Value(NOL), output_field=_RP))["s"]


def kas_institusi_list(*, user) -> QuerySet[Institusi]:
    """Institutions the user may see, each annotated with its cash balance (`saldo`). A
    correlated subquery, so that the paginator's count does not join the ledger."""
    saldo = (
        TransaksiKas.objects.berlaku()
        .filter(institusi=OuterRef("pk"))
        .order_by()
        .values("institusi")
        .annotate(s=Sum(_bertanda()))
        .values("s")[:1]
    )
    return (
        Institusi.objects.visible_to(user)
        .filter(aktif=True)
        .select_related("wilayah")
        .annotate(saldo=Coalesce(Subquery(saldo, output_field=_RP), Value(NOL), output_field=_RP))
    )


def buku_kas(*, institusi: Institusi, dari: date, sampai: date) -> dict:
    """The ledger between two dates: opening balance, rows with running balance, closing.
    Cancelled entries are listed (with their reason) but leave the balance as it was."""
    awal = saldo(institusi=institusi, sampai=date.fromordinal(dari.toordinal() - 1))
    rows = (
        TransaksiKas.objects.filter(institusi=institusi, tanggal__gte=dari, tanggal__lte=sampai)
        .select_related("kader", "anggota_arisan", "putaran__pemenang", "dibatalkan_oleh")
        .order_by("tanggal", "pk")
    )
    berjalan, baris = awal, []
    for t in rows:
        if not t.dibatalkan:  # a cancelled entry is shown, struck out, and counts for nothing
            berjalan += t.nilai
        baris.append(
            {
                "transaksi": t,
                "tanggal": t.tanggal,
                "jenis": t.get_jenis_display(),
                "uraian": t.uraian,
                "masuk": t.jumlah if t.masuk else None,
                "keluar": None if t.masuk else t.jumlah,
                "saldo": berjalan,
            }
        )
    return {"saldo_awal": awal, "baris": baris, "saldo_akhir": berjalan}


def ringkasan_bulanan(*, institusi: Institusi, tahun: int) -> list[dict]:
    """Monthly cash summary of a year: opening, in by kind, out by kind, closing. 2 queries."""
    awal_tahun = date(tahun, 1, 1)
    pembuka = saldo(institusi=institusi, sampai=date(tahun - 1, 12, 31))
    per_bulan = {
        r["tanggal__month"]: r
        for r in TransaksiKas.objects.berlaku()
        .filter(institusi=institusi, tanggal__year=tahun)
        .order_by()
        .values("tanggal__month")
        .annotate(
            iuran=_jumlah([J.IURAN]),
            arisan_setoran=_jumlah([J.ARISAN_SETORAN]),
            pemasukan_lain=_jumlah([J.PEMASUKAN_LAIN]),
            arisan_bayar=_jumlah([J.ARISAN_BAYAR]),
            pengeluaran=_jumlah([J.PENGELUARAN]),
        )
    }
    hasil, berjalan = [], pembuka
    for bulan in range(1, 13):
        r = per_bulan.get(bulan, {})
        baris: dict[str, Any] = {"bulan": awal_tahun.replace(month=bulan), "saldo_awal": berjalan}
        for k in ("iuran", "arisan_setoran", "pemasukan_lain", "arisan_bayar", "pengeluaran"):
            baris[k] = r.get(k, NOL)
        baris["masuk"] = baris["iuran"] + baris["arisan_setoran"] + baris["pemasukan_lain"]
        baris["keluar"] = baris["arisan_bayar"] + baris["pengeluaran"]
        berjalan = berjalan + baris["masuk"] - baris["keluar"]
        baris["saldo_akhir"] = berjalan
        hasil.append(baris)
    return hasil


def tarif_berlaku(*, institusi: Institusi, bulan: date) -> TarifIuran | None:
    return (
        TarifIuran.objects.filter(institusi=institusi, berlaku_mulai__lte=bulan)
        .order_by("-berlaku_mulai")
        .first()
    )


def iuran_bulan(*, institusi: Institusi, bulan: date) -> list[dict]:
    """Every active cadre of the institution with their dues payment for the month (or None)."""
    bayar = {
        t.kader_id: t
        for t in TransaksiKas.objects.berlaku().filter(
            institusi=institusi, jenis=J.IURAN, bulan_iuran=bulan
        )
    }
    return [
        {"kader": k, "bayar": bayar.get(k.pk)}
        for k in Kader.objects.filter(institusi=institusi, aktif=True).order_by("nama")
    ]


def arisan_calon(*, kelompok: KelompokArisan) -> QuerySet[AnggotaArisan]:
    """Active members who have not yet won in the current cycle (the next draw picks one)."""
    menang = PutaranArisan.objects.filter(kelompok=kelompok, siklus=kelompok.siklus)
    return kelompok.anggota.filter(aktif=True).exclude(pk__in=menang.values("pemenang_id"))


def arisan_setoran_tertunda(*, kelompok: KelompokArisan) -> QuerySet[TransaksiKas]:
    """Payments in for the coming draw (not yet attached to a round)."""
    return TransaksiKas.objects.berlaku().filter(
        anggota_arisan__kelompok=kelompok, putaran__isnull=True, jenis=J.ARISAN_SETORAN
    )


def dana_desa(*, bulan: date, desa_ids: Iterable[int] | Semua) -> dict[int, dict[str, Decimal]]:
    """Per desa id, the group funds of every institution in the desa (its dusun included) for
    the month: iuran_masuk, arisan_masuk, pemasukan_lain, pengeluaran (arisan pay-outs
    included) and saldo_akhir (balance at the month's end). Every requested desa present."""
    awal = bulan.replace(day=1)
    akhir = _akhir_bulan(awal)
    ids = wilayah_saring(desa_ids)  # fails closed; SEMUA: every desa
    if ids is None:
        ids = list(Wilayah.objects.desa().values_list("pk", flat=True))
    kosong = ("iuran_masuk", "arisan_masuk", "pemasukan_lain", "pengeluaran", "saldo_akhir")
    hasil = {pk: dict.fromkeys(kosong, NOL) for pk in ids}
    if not ids:
        return hasil
    rows = (
        TransaksiKas.objects.berlaku()
        .filter(institusi__wilayah__desa_id__in=ids, tanggal__lte=akhir)
        .order_by()
        .values("institusi__wilayah__desa_id")
        .annotate(
            saldo_akhir=Coalesce(Sum(_bertanda()), Value(NOL), output_field=_RP),
            iuran_masuk=_jumlah_bulan([J.IURAN], awal),
            arisan_masuk=_jumlah_bulan([J.ARISAN_SETORAN], awal),
            pemasukan_lain=_jumlah_bulan([J.PEMASUKAN_LAIN], awal),
            pengeluaran=_jumlah_bulan(TransaksiKas.KELUAR, awal),
        )
    )
    for r in rows:
        hasil[r.pop("institusi__wilayah__desa_id")].update(r)
    return hasil


def _jumlah_bulan(jenis, awal: date) -> Coalesce:
    return Coalesce(
        Sum("jumlah", filter=Q(jenis__in=jenis, tanggal__gte=awal)), Value(NOL), output_field=_RP
    )


def halaman_offline(user) -> list[str]:
    """The dues page of the cadre's own institution, loaded ahead by her phone
    (settings.IMP_OFFLINE_SIAPKAN_PENGGUNA): her dues entry works with no signal without a
    prior visit."""
    if not user.has_perms(["kader.view_transaksikas", "kader.add_transaksikas"]):
        return []
    profil = Profil.objects.filter(user=user).only("institusi_id").first()
    if profil is None or profil.institusi_id is None:
        return []
    if not Institusi.objects.visible_to(user).filter(pk=profil.institusi_id).exists():
        return []
    return [reverse("kader:dana:iuran", args=[profil.institusi_id])]
