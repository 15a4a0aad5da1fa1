"""Month arithmetic every app uses: a month is the date of its first day."""

import calendar
from datetime import date


def awal_bulan(tanggal: date) -> date:
    return tanggal.replace(day=1)


def akhir_bulan(bulan: date) -> date:
    return bulan.replace(day=calendar.monthrange(bulan.year, bulan.month)[1])


def geser_bulan(bulan: date, n: int) -> date:
    """The first day of the month n months after (n < 0: before) `bulan`."""
    indeks = bulan.year * 12 + bulan.month - 1 + n
    return date(indeks // 12, indeks % 12 + 1, 1)


def parse_bulan(teks: str) -> date:
    """'YYYY-MM' → its first day; ValueError with an Indonesian message otherwise."""
    try:
        tahun, bulan = teks.strip().split("-")
        return date(int(tahun), int(bulan), 1)
    except (ValueError, AttributeError) as exc:
        raise ValueError(
            f"Bulan '{teks}' tidak valid; gunakan format TTTT-BB, mis. 2025-03."
        ) from exc
