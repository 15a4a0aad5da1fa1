"""Target maps and worklists (issue 3 §4–§5), all built on selectors.pus_bulan."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Count, Max, Q

from kader.scoping import SEMUA, Semua
from pendataan.hook import dikonseling_sejak
from pendataan.indikator import METODE, MKJP, lengkapi
from pendataan.models import Anggota, Hubungan, Keluarga
from pendataan.selectors import (
    akhir_bulan,
    geser_bulan,
    indikator_desa,
    kurangi_tahun,
    pus_bulan,
    status_terakhir,
)

# Symbols of the peta keluarga, in the order of the legend.
KATEGORI = {
    "mkjp": ("PUS ber-KB MKJP", "#1b7f3b", "●"),
    "non_mkjp": ("PUS ber-KB non-MKJP", "#59b36b", "◐"),
    "hamil": ("Hamil", "#d63384", "♥"),
    "ias": ("IAS (ingin anak segera)", "#0d6efd", "◆"),
    "iat": ("IAT (ingin anak ditunda)", "#fd7e14", "▲"),
    "tial": ("TIAL (tidak ingin anak lagi)", "#dc3545", "■"),
    "tanpa_status": ("PUS tanpa status", "#6c757d", "?"),
    "bukan_pus": ("Bukan PUS", "#c9c9c9", "○"),
}
# When a family has several PUS, the one that needs attention most decides its symbol.
_URUTAN = ["tanpa_status", "tial", "iat", "ias", "hamil", "non_mkjp", "mkjp"]


def kategori_status(status: str | None) -> str:
    if not status:
        return "tanpa_status"
    if status in MKJP:
        return "mkjp"
    if status in METODE:
        return "non_mkjp"
    return status.lower()


def kategori_keluarga(*, bulan: date, keluarga_ids: list[int]) -> dict[int, str]:
    """Symbol category of each family for the month (families without PUS: 'bukan_pus')."""
    hasil = dict.fromkeys(keluarga_ids, "bukan_pus")
    qs = pus_bulan(bulan=bulan, desa_ids=SEMUA).filter(keluarga_id__in=keluarga_ids)
    # status_kb is an annotation of pus_bulan, which the type checker cannot see.
    for kid, status in qs.values_list("keluarga_id", "status_kb"):  # type: ignore[misc]
        k = kategori_status(status)
        lama = hasil[kid]
        if lama == "bukan_pus" or _URUTAN.index(k) < _URUTAN.index(lama):
            hasil[kid] = k
    return hasil


def peta_keluarga(*, bulan: date, keluarga_qs, batas: int | None = None) -> list[dict]:
    """Families (ordered by RT, head) with their category, for the printable grid or the map."""
    qs = keluarga_qs.order_by("rt", "nama_kepala", "pk")
    if batas:
        qs = qs[:batas]
    daftar = list(qs.values("pk", "rt", "nama_kepala", "lintang", "bujur"))
    kategori = kategori_keluarga(bulan=bulan, keluarga_ids=[k["pk"] for k in daftar])
    for k in daftar:
        k["kategori"] = kategori[k["pk"]]
    return daftar


# --- Worklist -------------------------------------------------------------------------------

PRIORITAS = {
    "unmet": (1, "Unmet need belum dikonseling 3 bulan terakhir"),
    "empat_terlalu": (2, "PUS berisiko 4 terlalu, belum ber-KB"),
    "tanpa_status": (3, "PUS tanpa status"),
    "pasokan": (4, "Ulang pasokan PIL/SUNTIK"),
}


def sasaran_prioritas(*, bulan: date, wilayah_ids: Iterable[int] | Semua) -> list[dict]:
    """The cadre's worklist for a month in some dusun (SEMUA: the kabupaten), most urgent first.
    One row per PUS and reason: unmet need (IAT/TIAL) not counselled in the last 3 months;
    "4 terlalu" (wife < 20 or > 35, youngest child < 2 years, > 3 children) not using KB;
    tanpa status; PIL and SUNTIK users (resupply due every month for PIL and every third
    month from the start of SUNTIK — choice)."""
    akhir = akhir_bulan(bulan)
    qs = pus_bulan(bulan=bulan, dusun_ids=wilayah_ids)  # fails closed; SEMUA: the kabupaten
    # Counselling lives in pertemuan (above us): it registers the subquery (pendataan.hook).
    dikonseling = dikonseling_sejak(akhir_bulan(geser_bulan(bulan, -3)))

    baris = list(
        qs.annotate(
            dikonseling=dikonseling,
            bulan_status=status_terakhir(bulan, "bulan"),
        )
        .select_related("anggota", "keluarga", "dusun")
        # Only shown fields: no NIK / no KK to decrypt for hundreds of rows.
        .only(
            "anggota_id",
            "keluarga_id",
            "dusun_id",
            "anggota__nama",
            "anggota__tanggal_lahir",
            "keluarga__rt",
            "keluarga__nama_kepala",
            "dusun__nama",
            "dusun__kode",
        )
        .order_by("dusun__kode", "keluarga__rt", "anggota__nama")
    )
    anak_per_kel = {
        r["keluarga_id"]: r
        for r in Anggota.objects.filter(
            keluarga_id__in={b.keluarga_id for b in baris}, aktif=True, hubungan=Hubungan.ANAK
        )
        .values("keluarga_id")
        .annotate(n=Count("pk"), termuda=Max("tanggal_lahir"))
    }
    hasil: list[dict[str, Any]] = []
    for b in baris:
        for alasan in _alasan(b, anak_per_kel.get(b.keluarga_id), akhir, bulan):
            hasil.append(
                {
                    "prioritas": PRIORITAS[alasan][0],
                    "alasan": PRIORITAS[alasan][1],
                    "kode": alasan,
                    "baris": b,
                    "umur": b.anggota.umur_pada(akhir),
                }
            )
    hasil.sort(key=lambda x: (x["prioritas"], x["baris"].dusun.kode, x["baris"].keluarga.rt))
    return hasil


def _alasan(b, anak, akhir: date, bulan: date) -> list[str]:
    status = b.status_kb
    alasan = []
    if status in ("IAT", "TIAL") and not b.dikonseling:
        alasan.append("unmet")
    umur = b.anggota.umur_pada(akhir)
    n_anak = anak["n"] if anak else 0
    termuda_muda = bool(anak and anak["termuda"] and anak["termuda"] > kurangi_tahun(akhir, 2))
    if (
        status not in METODE
        and status != "HAMIL"
        and (umur < 20 or umur > 35 or termuda_muda or n_anak > 3)
    ):
        alasan.append("empat_terlalu")
    if not status:
        alasan.append("tanpa_status")
    if status == "PIL" or (
        status == "SUNTIK"
        and b.bulan_status
        and ((bulan.year - b.bulan_status.year) * 12 + bulan.month - b.bulan_status.month) % 3 == 0
    ):
        alasan.append("pasokan")
    return alasan


def perbandingan_desa(*, bulan: date, desa: list) -> list[dict]:
    """Per desa (of a kecamatan, or a penyuluh's desa binaan): PUS, CPR, MKJP share, unmet
    need %, with a 'lemah' flag per column for the weakest quarter (lowest CPR/MKJP, highest
    unmet need)."""
    hitung = indikator_desa(bulan=bulan, desa_ids=[d.pk for d in desa])
    baris = [{"desa": d, **lengkapi(hitung[d.pk])} for d in desa]
    for kolom, terbalik in (("cpr", False), ("mkjp_persen", False), ("unmet_need_persen", True)):
        nilai = sorted((b[kolom] for b in baris if b["pus"]), reverse=terbalik)
        batas = nilai[max(0, len(nilai) // 4 - 1)] if nilai else None
        for b in baris:
            lemah = (
                b["pus"]
                and batas is not None
                and (b[kolom] >= batas if terbalik else b[kolom] <= batas)
            )
            b[f"lemah_{kolom}"] = bool(lemah)
    return baris


def keluarga_dengan_lokasi(qs):
    return qs.filter(~Q(lintang=None), ~Q(bujur=None))


__all__ = [
    "KATEGORI",
    "kategori_keluarga",
    "peta_keluarga",
    "perbandingan_desa",
    "sasaran_prioritas",
    "Keluarga",
]
