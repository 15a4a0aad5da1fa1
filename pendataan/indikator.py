"""The indicators of DOMAIN.md §6 from raw counts. Pure functions: no database.

Raw counts (KOLOM_HITUNG) come from pendataan.selectors.indikator_desa; a higher level (kecamatan,
kabupaten) is the sum of its desa (`jumlahkan`), and the derived values are computed once more on
the sums (`lengkapi`), never averaged.
"""

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

# BKKBN report order of methods (DOMAIN.md §5).
METODE = ["IUD", "MOW", "MOP", "KONDOM", "IMPLAN", "SUNTIK", "PIL", "MAL", "TRADISIONAL"]
MKJP = {"IUD", "IMPLAN", "MOW", "MOP"}
MODERN = set(METODE) - {"TRADISIONAL"}
TIDAK_BER_KB = ["HAMIL", "IAS", "IAT", "TIAL"]
STATUS = METODE + TIDAK_BER_KB

KOLOM_HITUNG = [
    "jumlah_keluarga",
    "pus",
    "pa_iud",
    "pa_mow",
    "pa_mop",
    "pa_kondom",
    "pa_implan",
    "pa_suntik",
    "pa_pil",
    "pa_mal",
    "pa_tradisional",
    "pb",
    "hamil",
    "ias",
    "iat",
    "tial",
    "tanpa_status",
]
KOLOM_TURUNAN = [
    "pa",
    "pa_modern",
    "unmet_need",
    "cpr",
    "mcpr",
    "mkjp_persen",
    "unmet_need_persen",
    "pb_target_persen",
]
SERATUS = Decimal(100)
DUA_DESIMAL = Decimal("0.01")


def kolom_status(status: str | None) -> str:
    """The raw-count column a PUS with this status falls in ('' or None → tanpa_status)."""
    if not status:
        return "tanpa_status"
    return f"pa_{status.lower()}" if status in METODE else status.lower()


def persen(pembilang: int, penyebut: int | None) -> Decimal:
    """pembilang / penyebut × 100, two decimals, half up; 0 when the denominator is 0 or None."""
    if not penyebut:
        return Decimal("0.00")
    return (Decimal(pembilang) * SERATUS / Decimal(penyebut)).quantize(
        DUA_DESIMAL, rounding=ROUND_HALF_UP
    )


def hitung_kosong() -> dict[str, int]:
    """A row of raw counts, all zero."""
    return dict.fromkeys(KOLOM_HITUNG, 0)


def jumlahkan(daftar: Iterable[dict[str, int]]) -> dict[str, int]:
    """Sum raw counts (a kecamatan is the sum of its desa). Only KOLOM_HITUNG is summed."""
    total = hitung_kosong()
    for baris in daftar:
        for kolom in KOLOM_HITUNG:
            total[kolom] += baris.get(kolom) or 0
    return total


def lengkapi(
    hitung: dict[str, int], *, pb_kumulatif: int | None = None, target_pb: int | None = None
) -> dict:
    """Raw counts plus the derived indicators of DOMAIN.md §6 (percentages as Decimal)."""
    h = {kolom: hitung.get(kolom) or 0 for kolom in KOLOM_HITUNG}
    pa = sum(h[f"pa_{m.lower()}"] for m in METODE)
    mkjp = sum(h[f"pa_{m.lower()}"] for m in MKJP)
    pa_modern = pa - h["pa_tradisional"]
    unmet_need = h["iat"] + h["tial"]
    return {
        **hitung,
        **h,
        "pa": pa,
        "pa_modern": pa_modern,
        "unmet_need": unmet_need,
        "cpr": persen(pa, h["pus"]),
        "mcpr": persen(pa_modern, h["pus"]),
        "mkjp_persen": persen(mkjp, pa),
        "unmet_need_persen": persen(unmet_need, h["pus"]),
        "pb_target_persen": persen(pb_kumulatif or 0, target_pb),
    }


def seimbang(hitung: dict[str, int]) -> bool:
    """Balance rule checked before a desa report is submitted: pus = pa + hamil + ias + iat + tial
    (so tanpa_status must be 0)."""
    h = lengkapi(hitung)
    return (
        h["tanpa_status"] == 0
        and h["pus"] == h["pa"] + h["hamil"] + h["ias"] + h["iat"] + h["tial"]
    )


def jenis_perubahan(sebelum: str | None, sesudah: str, *, peserta_baru: bool = False) -> str:
    """Kind of a status change (DOMAIN.md §5): 'pb' (flagged new acceptor), 'ganti_cara'
    (method → other method), 'drop_out' (method → not using), 'ber_kb' (to a method, not
    flagged PB), 'tetap' (same status) or 'lain' (between non-method statuses)."""
    if sebelum == sesudah:
        return "tetap"
    if sesudah in METODE:
        if peserta_baru:
            return "pb"
        return "ganti_cara" if sebelum in METODE else "ber_kb"
    return "drop_out" if sebelum in METODE else "lain"
