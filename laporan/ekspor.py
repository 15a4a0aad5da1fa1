"""Machine exports: the recap CSV of DOMAIN.md §8.3 (from the register) and the XLSX workbook."""

import csv
import io
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Font

from imp_smart.daerah import identitas
from imp_smart.ekspor import baris_aman, baris_xlsx
from kader.models import Wilayah
from laporan import angka as A
from pendataan import indikator
from pendataan.selectors import indikator_desa

# DOMAIN.md §8.3, in this order: the wilayah and month, then the catalogue's §8.3 columns.
KOLOM_CSV = ["kode_wilayah", "nama_wilayah", "tingkat", "bulan", *indikator.KOLOM_REKAP_CSV]
TINGKAT = ("kabupaten", "kecamatan", "desa")


def kabupaten() -> tuple[str, str]:
    """(kode, nama) of the kabupaten: its Wilayah row if loaded, else the office's identity."""
    row = Wilayah.objects.filter(tingkat=Wilayah.Tingkat.KABUPATEN).order_by("kode").first()
    if row is not None:
        return row.kode, row.nama
    i = identitas()
    return i.kode_kabupaten, i.nama_kabupaten


def _baris(kode: str, nama: str, tingkat: str, bulan: date, hitung: dict) -> dict:
    nilai = indikator.lengkapi(hitung)
    baris = {
        "kode_wilayah": kode,
        "nama_wilayah": nama,
        "tingkat": tingkat,
        "bulan": f"{bulan:%Y-%m}",
    }
    for kolom in KOLOM_CSV[4:]:
        isi = nilai[kolom]
        baris[kolom] = f"{isi:.2f}" if not isinstance(isi, int) else isi  # decimals with a dot
    return baris


def baris_rekap_csv(*, bulan: date, tingkat: str | None = None) -> list[dict]:
    """One row per wilayah for the month, computed from the register (not from reports).

    `tingkat` None gives every level: the kabupaten, then each kecamatan, then each desa.
    """
    if tingkat is not None and tingkat not in TINGKAT:
        raise ValueError(
            f"Tingkat '{tingkat}' tidak dikenal; pilih desa, kecamatan atau kabupaten."
        )
    desa = list(Wilayah.objects.desa().select_related("kecamatan").order_by("kode"))
    hitung = indikator_desa(bulan=bulan, desa_ids=[d.pk for d in desa])
    per_kec: dict[int, list] = {}
    for d in desa:
        per_kec.setdefault(d.kecamatan_id, []).append(d)
    hasil = []
    if tingkat in (None, "kabupaten"):
        kode, nama = kabupaten()
        hasil.append(_baris(kode, nama, "kabupaten", bulan, indikator.jumlahkan(hitung.values())))
    if tingkat in (None, "kecamatan"):
        for daftar in per_kec.values():
            kec = daftar[0].kecamatan
            total = indikator.jumlahkan(hitung[d.pk] for d in daftar)
            hasil.append(_baris(kec.kode, kec.nama, "kecamatan", bulan, total))
    if tingkat in (None, "desa"):
        hasil.extend(_baris(d.kode, d.nama, "desa", bulan, hitung[d.pk]) for d in desa)
    return hasil


def tulis_csv(berkas, baris: list[dict], kolom: list[str] = KOLOM_CSV) -> None:
    """One writer for the fixed CSV formats (§8.3 by default, §8.4 with its columns)."""
    penulis = csv.DictWriter(berkas, fieldnames=kolom, lineterminator="\n")
    penulis.writeheader()
    penulis.writerows(baris_aman(b) for b in baris)  # names: never a live formula


def csv_teks(baris: list[dict], kolom: list[str] = KOLOM_CSV) -> str:
    keluaran = io.StringIO()
    tulis_csv(keluaran, baris, kolom)
    return keluaran.getvalue()


# Every indicator of the catalogue, in its order.
KOLOM_XLSX = list(indikator.INDIKATOR)


def _angka_sel(nilai):
    if isinstance(nilai, str):
        try:
            return float(nilai) if "." in nilai else int(nilai)
        except ValueError:
            return nilai
    return nilai


def _tambah(lembar, baris: list) -> None:
    """A row of the workbook; text that a spreadsheet would read as a formula stays text."""
    lembar.append(baris_xlsx(lembar, baris))


def xlsx_rekap(rekap: dict) -> bytes:
    """Workbook with the recap tables: kabupaten summary, kecamatan, desa, coverage."""
    buku = Workbook()
    ringkas = buku.active
    ringkas.title = "Ringkasan"
    _tambah(ringkas, [f"Rekap bulanan {rekap['bulan']:%Y-%m}", identitas().nama_kabupaten])
    for kolom in KOLOM_XLSX:
        _tambah(ringkas, [A.LABEL_SEMUA.get(kolom, kolom), _angka_sel(rekap["angka"][kolom])])
    kec = buku.create_sheet("Kecamatan")
    _tambah(
        kec,
        [
            "Kode",
            "Kecamatan",
            *[A.LABEL_SEMUA.get(k, k) for k in KOLOM_XLSX],
            "Desa disetujui",
            "Desa diharapkan",
        ],
    )
    for k in rekap["kecamatan"]:
        _tambah(
            kec,
            [
                k["wilayah"].kode,
                k["wilayah"].nama,
                *[_angka_sel(k["angka"][c]) for c in KOLOM_XLSX],
                k["cakupan"]["disetujui"],
                k["cakupan"]["diharapkan"],
            ],
        )
    desa = buku.create_sheet("Desa")
    _tambah(
        desa,
        [
            "Kode",
            "Desa",
            "Kecamatan",
            "Status laporan",
            "Angka",
            *[A.LABEL_SEMUA.get(k, k) for k in KOLOM_XLSX],
        ],
    )
    for k in rekap["kecamatan"]:
        for b in k["desa"]:
            _tambah(
                desa,
                [
                    b["wilayah"].kode,
                    b["wilayah"].nama,
                    k["wilayah"].nama,
                    b["status"],
                    "beku (disetujui)" if b["disetujui"] else "sementara (belum disetujui)",
                    *[_angka_sel(b["angka"][c]) for c in KOLOM_XLSX],
                ],
            )
    cak = buku.create_sheet("Cakupan")
    _tambah(
        cak,
        [
            "Kecamatan",
            "Desa diharapkan",
            "Dikirim",
            "Disetujui",
            "Tepat waktu",
            "Cakupan (%)",
            "Tepat waktu (%)",
        ],
    )
    for k in rekap["kecamatan"]:
        c = k["cakupan"]
        _tambah(
            cak,
            [
                k["wilayah"].nama,
                c["diharapkan"],
                c["dikirim"],
                c["disetujui"],
                c["tepat_waktu"],
                float(c["cakupan_persen"]),
                float(c["tepat_waktu_persen"]),
            ],
        )
    for lembar in buku.worksheets:
        for sel in lembar[1]:
            sel.font = Font(bold=True)
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()
