"""Due dates of §7 (settings IMP_BATAS_LAPORAN_DESA / IMP_BATAS_PERSETUJUAN_KECAMATAN), and
from which month a desa is expected to report at all (IMP_TANGGAL_MULAI or its first record)."""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from imp_smart.bulan import awal_bulan, geser_bulan, parse_bulan  # noqa: F401  (jadwal.* callers)


def bulan_terakhir(n: int, sampai: date) -> list[date]:
    """The n months ending with `sampai`, oldest first."""
    return [geser_bulan(awal_bulan(sampai), -i) for i in range(n - 1, -1, -1)]


def batas_kirim(bulan: date) -> date:
    """The desa report for `bulan` is due on this day of the next month."""
    return geser_bulan(bulan, 1).replace(day=settings.IMP_BATAS_LAPORAN_DESA)


def batas_setujui(bulan: date) -> date:
    """The kecamatan approval for `bulan` is due on this day of the next month."""
    return geser_bulan(bulan, 1).replace(day=settings.IMP_BATAS_PERSETUJUAN_KECAMATAN)


def batas_tepat_waktu(bulan: date) -> datetime:
    """A first submission before this moment (midnight WITA after the due date) is on time."""
    hari = batas_kirim(bulan) + timedelta(days=1)
    return timezone.make_aware(datetime.combine(hari, time.min))


def tepat_waktu(dikirim_pada: datetime | None, bulan: date) -> bool:
    """On time = first submitted (WITA date) on or before the due date."""
    return dikirim_pada is not None and dikirim_pada < batas_tepat_waktu(bulan)


def bulan_laporan_berjalan(hari_ini: date | None = None) -> date:
    """The month whose report is due now: the previous month."""
    hari_ini = hari_ini or timezone.localdate()
    return geser_bulan(awal_bulan(hari_ini), -1)


def tanggal_mulai() -> date | None:
    """The kabupaten's go-live month (setting IMP_TANGGAL_MULAI, YYYY-MM-DD or YYYY-MM), or None.
    A wrong value fails loudly at the first use rather than silently marking months late."""
    teks = (settings.IMP_TANGGAL_MULAI or "").strip()
    if not teks:
        return None
    try:
        return awal_bulan(date.fromisoformat(teks))
    except ValueError:
        return parse_bulan(teks[:7])


def berlaku(bulan: date, mulai: date | None) -> bool:
    """Whether a desa is expected to report for `bulan`: from its start month (go-live, or its
    first record: first report or first KB status) on. Before that, or with no record at all,
    the month is "belum berlaku": not late, not counted in coverage."""
    return mulai is not None and bulan >= mulai
