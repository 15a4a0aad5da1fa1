"""Target maps and worklists (issue 3 §4–§5), all built on selectors.pus_bulan."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import OuterRef, Q

from kader.scoping import SEMUA, Semua, wilayah_saring
from pendataan.hook import dikonseling_sejak
from pendataan.indikator import METODE, MKJP, lengkapi
from pendataan.jarak_kelahiran import ANAK_BANYAK, USIA_IBU_MUDA, USIA_IBU_TUA, nasihat_jarak
from pendataan.models import Anggota, Hubungan, Keluarga, Mutasi
from pendataan.models.keluarga import umur_pada
from pendataan.selectors import (
    akhir_bulan,
    geser_bulan,
    kurangi_tahun,
    pus_bulan,
    status_pus_desa,
    status_terakhir,
)
from pendataan.usia_nikah import di_bawah_usia_ideal

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
    "pup": (5, "Perkawinan di bawah usia ideal (konseling PUP)"),
}
# PUP rows: marriages in the 12 calendar months ending with the worklist's month (the sum of
# the monthly PUP counts of laporan over those months).
PUP_BULAN = 12
_PASANGAN = {"P": "istri", "L": "suami"}


def kategori_sasaran(kode: str | None) -> str | None:
    """A worklist category code from the query string, or None (all) for anything else."""
    return kode if kode in PRIORITAS else None


def sasaran_prioritas(*, bulan: date, wilayah_ids: Iterable[int] | Semua) -> list[dict]:
    """The cadre's worklist for a month in some dusun (SEMUA: the kabupaten), most urgent first.
    One row per PUS and reason: unmet need (IAT/TIAL) not counselled in the last 3 months;
    "4 terlalu" (wife < 20 or > 35, youngest child < 2 years, > 3 children) not using KB;
    tanpa status; PIL and SUNTIK users (resupply due every month for PIL and every third
    month from the start of SUNTIK — choice); and one row per couple married in the last 12
    months below the ideal age (PUP, pendataan.usia_nikah). Each PUS row carries the woman's
    birth-spacing advice (pendataan.jarak_kelahiran), computed over the rows' families only.
    Every row has nama, keluarga_id, umur, dusun, dusun_kode, rt, kepala, status, nasihat,
    rincian. One statement for the PUS (two on SQLite) and one for the PUP couples, whatever
    the rows; plain tuples, no model instances (a desa has hundreds of rows)."""
    akhir = akhir_bulan(bulan)
    qs = pus_bulan(bulan=bulan, dusun_ids=wilayah_ids)  # fails closed; SEMUA: the kabupaten
    # Counselling lives in pertemuan (above us): it registers the subquery (pendataan.hook).
    dikonseling = dikonseling_sejak(akhir_bulan(geser_bulan(bulan, -3)))

    # Only shown fields: no NIK / no KK to decrypt for hundreds of rows.
    kolom = [
        "anggota_id",
        "keluarga_id",
        "anggota__nama",
        "anggota__tanggal_lahir",
        "keluarga__rt",
        "keluarga__nama_kepala",
        "dusun__nama",
        "dusun__kode",
        "status_kb",
        "dikonseling",
        "bulan_status",
    ]
    baris_qs = qs.annotate(
        dikonseling=dikonseling, bulan_status=status_terakhir(bulan, "bulan")
    ).order_by("dusun__kode", "keluarga__rt", "anggota__nama")
    # The children's birth dates of each row's family, youngest first. PostgreSQL: an array on
    # each row of the same statement. Elsewhere (SQLite: the embedded demo) one more query over
    # the families of the same PUS, grouped here.
    satu_statement = connection.vendor == "postgresql"
    lahir_per_kel: dict[int, list[date]] = {}
    if satu_statement:
        anak = Anggota.objects.filter(
            keluarga_id=OuterRef("keluarga_id"), aktif=True, hubungan=Hubungan.ANAK
        )
        baris_qs = baris_qs.annotate(
            lahir_anak=ArraySubquery(anak.order_by("-tanggal_lahir").values("tanggal_lahir"))
        )
        kolom.append("lahir_anak")
    baris = list(baris_qs.values_list(*kolom))
    if not satu_statement:
        for kid, lahir in (
            Anggota.objects.filter(
                keluarga_id__in=qs.values("keluarga_id"), aktif=True, hubungan=Hubungan.ANAK
            )
            .order_by("keluarga_id", "-tanggal_lahir")
            .values_list("keluarga_id", "tanggal_lahir")
        ):
            lahir_per_kel.setdefault(kid, []).append(lahir)
    dua_tahun = kurangi_tahun(akhir, 2)
    hasil: list[dict[str, Any]] = []
    status_pus: dict[int, str] = {}
    for b in baris:
        (
            anggota_id,
            keluarga_id,
            nama,
            tanggal_lahir,
            rt,
            kepala,
            dusun,
            dusun_kode,
            status,
            sudah_konseling,
            bulan_status,
        ) = b[:11]
        lahir = b[11] if satu_statement else lahir_per_kel.get(keluarga_id, [])
        umur = umur_pada(tanggal_lahir, akhir)
        teks_status = status_pus[anggota_id] = status or "tanpa status"
        semua_alasan = _alasan(
            status=status,
            dikonseling=sudah_konseling,
            bulan_status=bulan_status,
            umur=umur,
            n_anak=len(lahir),
            termuda_muda=bool(lahir and lahir[0] > dua_tahun),
            bulan=bulan,
        )
        if not semua_alasan:
            continue  # not on the list: no advice to write
        nasihat = nasihat_jarak(umur_ibu=umur, lahir_anak=lahir, pada=akhir, status=status)
        for alasan in semua_alasan:
            hasil.append(
                {
                    "prioritas": PRIORITAS[alasan][0],
                    "alasan": PRIORITAS[alasan][1],
                    "kode": alasan,
                    "nama": nama,
                    "keluarga_id": keluarga_id,
                    "umur": umur,
                    "dusun": dusun,
                    "dusun_kode": dusun_kode,
                    "rt": rt,
                    "kepala": kepala,
                    "status": teks_status,
                    "nasihat": nasihat,
                    "rincian": "",
                }
            )
    hasil.extend(_pup(bulan=bulan, wilayah_ids=wilayah_ids, status_pus=status_pus))
    hasil.sort(key=lambda x: (x["prioritas"], x["dusun_kode"], x["rt"]))
    return hasil


def _pup(*, bulan: date, wilayah_ids: Iterable[int] | Semua, status_pus: dict) -> list[dict]:
    """One row per couple married in the last PUP_BULAN months (up to the end of `bulan`) below
    the ideal age, in the dusun of its family: "menikah" mutations, both spouses recorded in one
    family on one date being one marriage (as laporan counts them). One query."""
    akhir = akhir_bulan(bulan)
    qs = Mutasi.objects.filter(
        jenis=Mutasi.Jenis.MENIKAH,
        tanggal__gte=geser_bulan(bulan, 1 - PUP_BULAN),
        tanggal__lte=akhir,
    )
    ids = wilayah_saring(wilayah_ids)  # fails closed; SEMUA: the kabupaten
    if ids is not None:
        qs = qs.filter(keluarga__dusun_id__in=ids)
    nikah: dict[tuple[int, date], list[tuple]] = {}
    for m in qs.order_by("keluarga_id", "tanggal", "anggota__jenis_kelamin").values_list(
        "keluarga_id",
        "tanggal",
        "anggota_id",
        "anggota__nama",
        "anggota__jenis_kelamin",
        "anggota__tanggal_lahir",
        "keluarga__rt",
        "keluarga__dusun__nama",
        "keluarga__dusun__kode",
        "keluarga__nama_kepala",
    ):
        nikah.setdefault((m[0], m[1]), []).append(m)
    hasil = []
    for (keluarga_id, tanggal), orang in nikah.items():
        usia = [(m, umur_pada(m[5], tanggal)) for m in orang]
        if not any(di_bawah_usia_ideal(m[4], u) for m, u in usia):
            continue
        # The wife is named when she is recorded (she is the PUS to counsel), else the husband.
        utama = next((m for m, _ in usia if m[4] == "P"), orang[0])
        rincian = ", ".join(f"{_PASANGAN.get(m[4], 'anggota')} {u} th" for m, u in usia)
        hasil.append(
            {
                "prioritas": PRIORITAS["pup"][0],
                "alasan": PRIORITAS["pup"][1],
                "kode": "pup",
                "baris": None,
                "nama": utama[3],
                "keluarga_id": keluarga_id,
                "umur": umur_pada(utama[5], akhir),
                "dusun": utama[7],
                "dusun_kode": utama[8],
                "rt": utama[6],
                "kepala": utama[9],
                "status": status_pus.get(utama[2], "–"),
                "nasihat": None,
                "rincian": f"Menikah {tanggal:%d/%m/%Y}: {rincian}",
            }
        )
    return hasil


def _alasan(
    *,
    status: str | None,
    dikonseling: bool,
    bulan_status: date | None,
    umur: int,
    n_anak: int,
    termuda_muda: bool,
    bulan: date,
) -> list[str]:
    alasan = []
    if status in ("IAT", "TIAL") and not dikonseling:
        alasan.append("unmet")
    if (
        status not in METODE
        and status != "HAMIL"
        and (umur < USIA_IBU_MUDA or umur > USIA_IBU_TUA or termuda_muda or n_anak > ANAK_BANYAK)
    ):
        alasan.append("empat_terlalu")
    if not status:
        alasan.append("tanpa_status")
    if status == "PIL" or (
        status == "SUNTIK"
        and bulan_status
        and ((bulan.year - bulan_status.year) * 12 + bulan.month - bulan_status.month) % 3 == 0
    ):
        alasan.append("pasokan")
    return alasan


# The columns of the desa comparison (its template shows these and nothing else).
KOLOM_PERBANDINGAN = ("pus", "cpr", "mkjp_persen", "unmet_need_persen")


def perbandingan_desa(*, bulan: date, desa: list) -> list[dict]:
    """Per desa (of a kecamatan, or a penyuluh's desa binaan): PUS, CPR, MKJP share, unmet
    need %, with a 'lemah' flag per column for the weakest quarter (lowest CPR/MKJP, highest
    unmet need). The PUS counts only (status_pus_desa): one statement, whatever the desa."""
    hitung = status_pus_desa(bulan=bulan, desa_ids=[d.pk for d in desa])
    baris = []
    for d in desa:
        angka = lengkapi(hitung[d.pk])
        baris.append({"desa": d, **{k: angka[k] for k in KOLOM_PERBANDINGAN}})
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
    "kategori_sasaran",
    "Keluarga",
]
