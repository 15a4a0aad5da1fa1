"""NIK rules (DOMAIN.md §4): validation, keyed hash for uniqueness, masking for display.

A NIK is `PP KK CC DD MM YY NNNN`; DD is the day of birth plus 40 for women. There is no
checksum. It is personal data: stored encrypted, found by an HMAC, shown masked.
"""

import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError

_NIK_RE = re.compile(r"^\d{16}$")


@dataclass(frozen=True)
class InfoNik:
    """What a valid NIK says about its holder."""

    jenis_kelamin: str  # "L" or "P"
    hari: int
    bulan: int
    tahun_2digit: int

    def cocok_tanggal(self, tanggal_lahir: date) -> bool:
        return (
            tanggal_lahir.day == self.hari
            and tanggal_lahir.month == self.bulan
            and tanggal_lahir.year % 100 == self.tahun_2digit
        )


def bersihkan_nik(nilai: str) -> str:
    """Strip the spaces and dots people type inside a NIK."""
    return re.sub(r"[\s.\-]", "", nilai or "")


def parse_nik(nik: str) -> InfoNik:
    """Validate a NIK and return what it encodes; raise ValidationError in Indonesian."""
    nik = bersihkan_nik(nik)
    if not _NIK_RE.match(nik):
        raise ValidationError("NIK harus 16 digit angka.", code="nik_format")
    dd, mm, yy, serial = int(nik[6:8]), int(nik[8:10]), int(nik[10:12]), nik[12:]
    jenis_kelamin = "P" if dd > 40 else "L"
    hari = dd - 40 if dd > 40 else dd
    if serial == "0000":
        raise ValidationError(
            "Nomor urut NIK (4 digit terakhir) tidak boleh 0000.", code="nik_urut"
        )
    if not 1 <= mm <= 12:
        raise ValidationError(
            "Bulan lahir pada NIK tidak mungkin (digit 9–10).", code="nik_tanggal"
        )
    # Any year fits two digits; 2000 is a leap year, so 29 Feb is possible for YY = 00.
    tahun_uji = 2000 + yy if yy % 4 == 0 else 2001
    try:
        date(tahun_uji, mm, hari)
    except ValueError:
        raise ValidationError(
            "Tanggal lahir pada NIK tidak mungkin (digit 7–8).", code="nik_tanggal"
        ) from None
    return InfoNik(jenis_kelamin=jenis_kelamin, hari=hari, bulan=mm, tahun_2digit=yy)


def cek_nik(nilai: str) -> str:
    """The one check of a typed or imported NIK: the clean 16 digits, or ValidationError."""
    nik = bersihkan_nik(nilai)
    parse_nik(nik)
    return nik


def cek_no_kk(nilai: str) -> str:
    """A no KK is 16 digits (its region part follows the NIK's; no date inside)."""
    no_kk = bersihkan_nik(nilai)
    if len(no_kk) != 16 or not no_kk.isdigit():
        raise ValidationError("Nomor KK harus 16 digit angka.", code="kk_format")
    if no_kk[-4:] == "0000":
        raise ValidationError("Nomor urut KK (4 digit terakhir) tidak boleh 0000.", code="kk_urut")
    return no_kk


def validate_nik(nik: str) -> None:
    """Django validator form of parse_nik."""
    parse_nik(nik)


def peringatan_nik(nik: str, *, jenis_kelamin: str | None, tanggal_lahir: date | None) -> list[str]:
    """Warnings (not errors) when the NIK disagrees with the person's sex or birth date."""
    info = parse_nik(nik)
    pesan = []
    if jenis_kelamin and info.jenis_kelamin != jenis_kelamin:
        pesan.append("Jenis kelamin tidak cocok dengan NIK (tanggal lahir perempuan ditambah 40).")
    if tanggal_lahir and not info.cocok_tanggal(tanggal_lahir):
        pesan.append("Tanggal lahir tidak cocok dengan tanggal pada NIK.")
    return pesan


def hash_nik(nik: str) -> str:
    """Keyed hash (HMAC-SHA256) used to find a NIK without decrypting the register."""
    kunci = settings.NIK_HASH_KEY.encode()
    return hmac.new(kunci, bersihkan_nik(nik).encode(), hashlib.sha256).hexdigest()


def samarkan_nik(nik: str | None) -> str:
    """7306********0001: region code and serial stay readable, the birth date does not."""
    if not nik:
        return ""
    nik = bersihkan_nik(nik)
    return nik[:4] + "*" * (len(nik) - 8) + nik[-4:] if len(nik) > 8 else "*" * len(nik)
