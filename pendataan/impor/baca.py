"""Reading an uploaded CSV/XLSX into rows, and the result of an import."""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from pendataan.models import Impor

KOLOM_KELUARGA = [
    "kode_desa",
    "dusun",
    "rt",
    "no_kk",
    "nik",
    "nama",
    "hubungan",
    "jenis_kelamin",
    "tanggal_lahir",
    "status_kawin",
]
KOLOM_STATUS = ["nik", "bulan", "status", "jalur", "peserta_baru"]
KOLOM_WAJIB = {Impor.Jenis.KELUARGA: KOLOM_KELUARGA, Impor.Jenis.STATUS_KB: KOLOM_STATUS}
BATAS_SIMPAN_KESALAHAN = 1000
LANGKAH_PROGRES = 1000


@dataclass
class Hasil:
    """Outcome of one import: errors by row/column, warnings, and what was written."""

    kesalahan: list[dict] = field(default_factory=list)
    peringatan: list[dict] = field(default_factory=list)
    ringkasan: dict = field(default_factory=dict)

    def salah(self, baris: int, kolom: str, pesan: str) -> None:
        self.kesalahan.append({"baris": baris, "kolom": kolom, "pesan": pesan})

    @property
    def berhasil(self) -> bool:
        return not self.kesalahan


def baca_berkas(isi: bytes, nama: str) -> list[dict[str, str]]:
    """Rows as {lower-case header: text}; row 2 of the file is the first row (header = 1)."""
    if nama.lower().endswith(".xlsx"):
        return _baca_xlsx(isi)
    teks = isi.decode("utf-8-sig", errors="replace")
    contoh = teks[:2048]
    pemisah = ";" if contoh.count(";") > contoh.count(",") else ","
    pembaca = csv.reader(io.StringIO(teks), delimiter=pemisah)
    return _jadi_dict(pembaca)


def _baca_xlsx(isi: bytes) -> list[dict[str, str]]:
    try:
        buku = load_workbook(io.BytesIO(isi), read_only=True, data_only=True)
    except Exception as e:  # noqa: BLE001  a broken upload is a user error, not a crash
        raise ValidationError(f"Berkas XLSX tidak dapat dibaca: {e}") from None
    lembar = buku.worksheets[0]
    return _jadi_dict([_sel_teks(v) for v in baris] for baris in lembar.iter_rows(values_only=True))


def _sel_teks(v) -> str:
    if v is None:
        return ""
    if isinstance(v, datetime):
        return v.date().isoformat()
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _jadi_dict(baris_baris) -> list[dict[str, str]]:
    it = iter(baris_baris)
    try:
        kepala = [str(k or "").strip().lower() for k in next(it)]
    except StopIteration:
        return []
    hasil = []
    for baris in it:
        if not any(str(v or "").strip() for v in baris):
            hasil.append(None)  # keep row numbers; skipped later
            continue
        hasil.append({k: str(v or "").strip() for k, v in zip(kepala, baris, strict=False) if k})
    return hasil


def cek_kepala(rows: list, jenis: str, hasil: Hasil) -> bool:
    contoh = next((r for r in rows if r), None)
    if contoh is None:
        hasil.salah(1, "", "Berkas kosong: tidak ada baris data.")
        return False
    kurang = [
        k for k in KOLOM_WAJIB[jenis] if k not in contoh and k not in ("jalur", "peserta_baru")
    ]
    for k in kurang:
        hasil.salah(1, k, f"Kolom '{k}' tidak ada di baris judul.")
    return not kurang


def tanggal_dari(teks: str) -> date:
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(teks, fmt).date()  # noqa: DTZ007  a date, no time
        except ValueError:
            continue
    raise ValueError
