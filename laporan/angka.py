"""The figures a desa report holds, their labels, and how corrections and freezing combine them.

Pure functions over plain dicts (no queries). Register counts and indicator formulas come from
pendataan.indikator (DOMAIN.md §6); this module only names, merges and serialises them.
"""

from decimal import Decimal

from laporan import fidal
from pendataan import indikator

# The one rounding rule of percentages; report coverage and on-time shares use it too.
persen = indikator.persen

# Raw register counts and derived indicators: names, labels and order from the catalogue.
LABEL_HITUNG = {k: indikator.LABEL[k] for k in indikator.KOLOM_HITUNG}
LABEL_KEGIATAN = {
    "pertemuan": "Pertemuan rutin",
    "hadir_kader": "Kehadiran kader",
    "hadir_undangan": "Kehadiran undangan",
    "kie_sesi": "Sesi KIE",
    "kie_peserta_l": "Peserta KIE laki-laki",
    "kie_peserta_p": "Peserta KIE perempuan",
    "konseling": "Konseling",
    "rujukan": "Rujukan",
    "bersedia_kb": "Bersedia ber-KB",
    "poktan_bkb": "Kegiatan BKB",
    "poktan_bkr": "Kegiatan BKR",
    "poktan_bkl": "Kegiatan BKL",
    "poktan_uppka": "Kegiatan UPPKA",
    "poktan_pikr": "Kegiatan PIK-R",
    "pelatihan": "Pelatihan",
    "institusi_ada": "Institusi yang ada",
    "institusi_lapor": "Institusi yang melapor",
}
LABEL_DANA = {
    "iuran_masuk": "Iuran masuk (Rp)",
    "arisan_masuk": "Arisan masuk (Rp)",
    "pemasukan_lain": "Pemasukan lain (Rp)",
    "pengeluaran": "Pengeluaran (Rp)",
    "saldo_akhir": "Saldo akhir (Rp)",
}
LABEL_INDIKATOR = {k: indikator.LABEL[k] for k in indikator.KOLOM_TURUNAN}
# The indicator columns of the recap tables, in catalogue order (headers, formats: the catalogue).
# The page shows KOLOM_REKAP_SEMPIT on a phone too, the others from the md breakpoint up.
KOLOM_REKAP = ["pus", "pa", "pb", "cpr", "mcpr", "mkjp_persen", "unmet_need_persen"]
KOLOM_REKAP_SEMPIT = {"pus", "mcpr"}
KOLOM_REKAP_PDF = [
    "jumlah_keluarga",
    "pus",
    "pa",
    "pb",
    "hamil",
    "ias",
    "iat",
    "tial",
    "cpr",
    "mcpr",
    "mkjp_persen",
    "unmet_need_persen",
]
KOLOM_HITUNG = list(LABEL_HITUNG)
KOLOM_KEGIATAN = list(LABEL_KEGIATAN)
KOLOM_DANA = list(LABEL_DANA)
# Activity figures that, all zero, make a report "nihil" (institution counts are not activity).
KOLOM_AKTIVITAS = [k for k in KOLOM_KEGIATAN if not k.startswith("institusi_")]
LABEL_SEMUA = {**LABEL_HITUNG, **LABEL_KEGIATAN, **LABEL_DANA, **LABEL_INDIKATOR}
# What a user may correct: the counted figures, never a derived indicator.
KOLOM_KOREKSI = [*KOLOM_HITUNG, *KOLOM_KEGIATAN, *KOLOM_DANA]


def kosong() -> dict:
    """All figures of a report at zero."""
    return {
        **dict.fromkeys(KOLOM_HITUNG, 0),
        **dict.fromkeys(KOLOM_KEGIATAN, 0),
        **dict.fromkeys(KOLOM_DANA, "0.00"),
        **{m.nama: m.kosong for m in indikator.MASUKAN},
    }


def ke_json(nilai):
    """Decimals become strings so that the figures fit a JSONField without float drift."""
    if isinstance(nilai, Decimal):
        return f"{nilai:.2f}"
    return nilai


def dari_json(kolom: str, nilai):
    """The figure back in its Python type (Decimal for money, int for counts)."""
    if nilai is None:
        return None
    if kolom in LABEL_DANA:
        return Decimal(str(nilai))
    return int(nilai)


def efektif(otomatis: dict, koreksi: dict) -> dict:
    """Computed figures with the corrections laid over them."""
    hasil = {**kosong(), **(otomatis or {})}
    for kolom, isi in (koreksi or {}).items():
        hasil[kolom] = isi["nilai"]
    return hasil


def hitung_dari(angka: dict) -> dict[str, int]:
    """The raw register counts out of a report's figures (ints)."""
    return {k: int(angka.get(k) or 0) for k in KOLOM_HITUNG}


def dengan_indikator(angka: dict) -> dict:
    """The figures plus every §6 indicator (computed by pendataan.indikator.lengkapi)."""
    lengkap = indikator.lengkapi(
        hitung_dari(angka), **{k: angka.get(k) for k in indikator.KOLOM_MASUKAN}
    )
    return {**angka, **{k: ke_json(v) for k, v in lengkap.items()}}


def cek_keseimbangan(angka: dict) -> str | None:
    """The balance rule of §6 (pendataan.indikator.cek_keseimbangan) on a report's figures."""
    return indikator.cek_keseimbangan(hitung_dari(angka))


def tanpa_kegiatan(angka: dict) -> bool:
    return all(not int(angka.get(k) or 0) for k in KOLOM_AKTIVITAS)


def selisih(lama: dict | None, baru: dict) -> list[dict]:
    """Figures that changed between two submissions: [{kolom, label, lama, baru}]."""
    if not lama:
        return []
    hasil = []
    fidal_label = {k: fidal.LABEL[k] for k in fidal.KOLOM_SIMPAN}
    for kolom, label in {**LABEL_HITUNG, **LABEL_KEGIATAN, **LABEL_DANA, **fidal_label}.items():
        a, b = lama.get(kolom), baru.get(kolom)
        if str(a) != str(b):
            hasil.append({"kolom": kolom, "label": label, "lama": a, "baru": b})
    return hasil
