"""Due dates of §7 (settings IMP_BATAS_LAPORAN_DESA / IMP_BATAS_PERSETUJUAN_KECAMATAN)."""

from datetime import date, datetime

from django.conf import settings
from django.utils import timezone


def awal_bulan(tanggal: date) -> date:
    return tanggal.replace(day=1)


def geser_bulan(bulan: date, n: int) -> date:
    """The first day of the month n months after (or before, n < 0) `bulan`."""
    indeks = bulan.year * 12 + bulan.month - 1 + n
    return date(indeks // 12, indeks % 12 + 1, 1)


def bulan_terakhir(n: int, sampai: date) -> list[date]:
    """The n months ending with `sampai`, oldest first."""
    return [geser_bulan(awal_bulan(sampai), -i) for i in range(n - 1, -1, -1)]


def batas_kirim(bulan: date) -> date:
    """The desa report for `bulan` is due on this day of the next month."""
    return geser_bulan(bulan, 1).replace(day=settings.IMP_BATAS_LAPORAN_DESA)


def batas_setujui(bulan: date) -> date:
    """The kecamatan approval for `bulan` is due on this day of the next month."""
    return geser_bulan(bulan, 1).replace(day=settings.IMP_BATAS_PERSETUJUAN_KECAMATAN)


def tepat_waktu(dikirim_pada: datetime | None, bulan: date) -> bool:
    """On time = first submitted (WITA date) on or before the due date."""
    return dikirim_pada is not None and timezone.localdate(dikirim_pada) <= batas_kirim(bulan)


def bulan_laporan_berjalan(hari_ini: date | None = None) -> date:
    """The month whose report is due now: the previous month."""
    hari_ini = hari_ini or timezone.localdate()
    return geser_bulan(awal_bulan(hari_ini), -1)


def parse_bulan(teks: str) -> date:
    """'YYYY-MM' → date; ValueError with an Indonesian message otherwise."""
    try:
        tahun, bulan = teks.strip().split("-")
        return date(int(tahun), int(bulan), 1)
    except (ValueError, AttributeError) as exc:
        raise ValueError(
            f"Bulan '{teks}' tidak valid; gunakan format TTTT-BB, mis. 2025-03."
        ) from exc
