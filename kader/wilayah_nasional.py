"""The official areas of one kabupaten/kota of Indonesia, from the shipped idn-area-data 4.0.1
(kader/data/idn-area-data/, ODbL): rows of (kode, tingkat, nama, kode_induk), parents first."""

import csv
import gzip
import re
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "idn-area-data"
POLA_KODE = re.compile(r"^\d{2}\.\d{2}$")


class KodeTidakDikenal(ValueError):
    """A kabupaten/kota code that is malformed or not in the national list."""


def _baca(nama: str) -> list[dict]:
    path = DATA / nama
    if path.exists():
        with open(path, newline="", encoding="utf-8") as f:
            return list(csv.DictReader(f))
    with gzip.open(path.with_name(nama + ".gz"), "rt", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def tingkat_desa(kode: str) -> str:
    """In the 4-part village code the first digit of the last part tells the type:
    1xxx kelurahan, 2xxx desa."""
    return "kelurahan" if kode.rsplit(".", 1)[1].startswith("1") else "desa"


def baris_kabupaten(kode: str) -> list[dict[str, str]]:
    """The kabupaten/kota `kode` (e.g. "73.06"), its kecamatan and desa/kelurahan."""
    kode = (kode or "").strip()
    if not POLA_KODE.match(kode):
        raise KodeTidakDikenal(
            f"Kode kabupaten/kota '{kode}' tidak valid: tulis dua angka, titik, dua angka "
            "(mis. 73.06 untuk Kabupaten Gowa)."
        )
    kabupaten = next((r for r in _baca("regencies.csv") if r["code"] == kode), None)
    if kabupaten is None:
        raise KodeTidakDikenal(f"Kode kabupaten/kota '{kode}' tidak ada dalam data wilayah resmi.")
    hasil = [
        {
            "kode": kode,
            "tingkat": "kabupaten",
            "nama": kabupaten["name"],
            "kode_induk": kabupaten["province_code"],
        }
    ]
    kecamatan = [r for r in _baca("districts.csv") if r["regency_code"] == kode]
    hasil += [
        {"kode": r["code"], "tingkat": "kecamatan", "nama": r["name"], "kode_induk": kode}
        for r in kecamatan
    ]
    kode_kec = {r["code"] for r in kecamatan}
    hasil += [
        {
            "kode": r["code"],
            "tingkat": tingkat_desa(r["code"]),
            "nama": r["name"],
            "kode_induk": r["district_code"],
        }
        for r in _baca("villages.csv")
        if r["district_code"] in kode_kec
    ]
    return hasil
