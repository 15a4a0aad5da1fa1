"""The method detail CSV of DOMAIN.md §8.4: one row per wilayah, month and method."""

from collections.abc import Iterable
from datetime import date

from kader.models import Wilayah
from kader.scoping import Semua, wilayah_saring
from laporan.ekspor import TINGKAT, csv_teks, kabupaten, tulis_csv
from laporan.selectors_metode import KOLOM_METODE, jumlahkan_metode, lengkapi_metode, metode_desa
from pendataan.indikator import METODE

KOLOM_CSV_METODE = [
    "kode_wilayah",
    "nama_wilayah",
    "tingkat",
    "bulan",
    "metode",
    *KOLOM_METODE,
]


def _baris(kode: str, nama: str, tingkat: str, bulan: date, per_metode: dict) -> list[dict]:
    awal = {
        "kode_wilayah": kode,
        "nama_wilayah": nama,
        "tingkat": tingkat,
        "bulan": f"{bulan:%Y-%m}",
    }
    return [{**awal, "metode": m, **lengkapi_metode(per_metode[m])} for m in METODE]


def baris_metode_csv(
    *, bulan: date, tingkat: str | None = None, desa_ids: Iterable[int] | Semua
) -> list[dict]:
    """Rows of §8.4 for the month: the kabupaten, then each kecamatan, then each desa (or one
    level). `desa_ids` SEMUA means every desa; a narrower set (a user's areas) gives no
    kabupaten row, since a sum over part of the district is not the district's figure."""
    ids = wilayah_saring(desa_ids)  # fails closed
    if tingkat is not None and tingkat not in TINGKAT:
        raise ValueError(
            f"Tingkat '{tingkat}' tidak dikenal; pilih desa, kecamatan atau kabupaten."
        )
    desa_qs = Wilayah.objects.desa().select_related("kecamatan").order_by("kode")
    if ids is not None:
        desa_qs = desa_qs.filter(pk__in=ids)
    desa = list(desa_qs)
    data = metode_desa(bulan=bulan, desa_ids=[d.pk for d in desa])
    hasil = []
    if tingkat in (None, "kabupaten") and ids is None:
        kode, nama = kabupaten()
        hasil += _baris(kode, nama, "kabupaten", bulan, jumlahkan_metode(data.values()))
    if tingkat in (None, "kecamatan"):
        per_kec: dict[int, list] = {}
        for d in desa:
            per_kec.setdefault(d.kecamatan_id, []).append(d)
        for daftar in per_kec.values():
            kec = daftar[0].kecamatan
            total = jumlahkan_metode(data[d.pk] for d in daftar)
            hasil += _baris(kec.kode, kec.nama, "kecamatan", bulan, total)
    if tingkat in (None, "desa"):
        for d in desa:
            hasil += _baris(d.kode, d.nama, "desa", bulan, data[d.pk])
    return hasil


def tulis_csv_metode(berkas, baris: list[dict]) -> None:
    tulis_csv(berkas, baris, KOLOM_CSV_METODE)


def csv_metode_teks(baris: list[dict]) -> str:
    return csv_teks(baris, KOLOM_CSV_METODE)
