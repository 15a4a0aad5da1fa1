"""The method detail of DOMAIN.md §8.4: per desa and method, PA by jalur, PB of the month and
from January, targets (PPM), ganti cara and drop out. A higher level is the sum of its desa."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, OuterRef, Subquery

from imp_smart.bulan import awal_bulan
from pendataan.indikator import METODE, TIDAK_BER_KB
from pendataan.models import PerubahanStatus
from pendataan.selectors import pus_bulan, status_terakhir
from pendataan.selectors_target import target_metode_desa

# Counts summed from desa to kecamatan and kabupaten; sisa_target_pb is derived on the sums.
KOLOM_JUMLAH = [
    "pa",
    "pa_pemerintah",
    "pa_swasta",
    "pb",
    "pb_kumulatif",
    "target_pb",
    "target_pa",
    "ganti_cara",
    "drop_out",
]
KOLOM_METODE = [
    "pa",
    "pa_pemerintah",
    "pa_swasta",
    "pb",
    "pb_kumulatif",
    "target_pb",
    "sisa_target_pb",
    "target_pa",
    "ganti_cara",
    "drop_out",
]


# Up to this many desa, the latest changes are read for their PUS only (index); above it, one
# pass over every change is cheaper (a kecamatan vs the district: 18 vs 2,340 ms, 1,090 ms).
DESA_SEBAGIAN = 40


def metode_kosong() -> dict[str, dict[str, int]]:
    """Every method (BKKBN order), every count at 0."""
    return {m: dict.fromkeys(KOLOM_JUMLAH, 0) for m in METODE}


def _pa_per_jalur(bulan: date, desa_ids: list[int]) -> list[tuple[int, str, str, int]]:
    """(desa_id, method, jalur, n): the PUS of the month (pus_bulan) by status and by the jalur
    of the change that set it, grouped in the database in one statement. Each PUS's latest
    change on or before the month (status and jalur together, as `status_terakhir`) comes from
    one DISTINCT ON pass over the changes, not from two lookups per PUS: over the whole district
    a pass over every change (~3× faster at district scale, bench/fidal_bench.py); over a few
    desa a pass over their PUS's changes only (by index)."""
    if connection.vendor != "postgresql":  # the embedded demo (SQLite): the portable query
        # status_kb is an annotation of pus_bulan, which the type stubs cannot see.
        return list(
            pus_bulan(bulan=bulan, desa_ids=desa_ids)  # type: ignore[misc]
            .annotate(jalur_kb=status_terakhir(bulan, "jalur"))
            .filter(status_kb__in=METODE)
            .order_by()
            .values_list("desa_id", "status_kb", "jalur_kb")
            .annotate(n=Count("pk"))
        )
    qs = pus_bulan(bulan=bulan, desa_ids=desa_ids).values("desa_id", "anggota_id")
    try:
        sql, params = qs.query.sql_with_params()
    except EmptyResultSet:
        return []
    tabel = PerubahanStatus._meta.db_table
    sebagian = len(desa_ids) <= DESA_SEBAGIAN
    with connection.cursor() as cur:  # JIT is off for the connection (settings)
        cur.execute(
            f"WITH t AS MATERIALIZED ({sql}) "
            "SELECT t.desa_id, s.status, s.jalur, count(*) FROM t "
            f"JOIN (SELECT DISTINCT ON (anggota_id) anggota_id, status, jalur FROM {tabel} "
            "WHERE bulan <= %s"
            + (" AND anggota_id IN (SELECT anggota_id FROM t)" if sebagian else "")
            + " ORDER BY anggota_id, bulan DESC) s ON s.anggota_id = t.anggota_id "
            "WHERE s.status = ANY(%s) GROUP BY 1, 2, 3",
            [*params, bulan, METODE],
        )
        return cur.fetchall()


def _perubahan_bulan(bulan: date, desa_ids: list[int]):
    """Changes recorded in the month, by desa, new status, previous status and PB flag. The
    previous status is the latest change of an earlier month (§8.4)."""
    sebelum = Subquery(
        PerubahanStatus.objects.filter(anggota_id=OuterRef("anggota_id"), bulan__lt=bulan)
        .order_by("-bulan")
        .values("status")[:1]
    )
    return (
        PerubahanStatus.objects.filter(bulan=bulan, desa_id__in=desa_ids)
        .annotate(sebelum=sebelum)
        .order_by()
        .values_list("desa_id", "status", "sebelum", "peserta_baru")
        .annotate(n=Count("pk"))
    )


def metode_desa(*, bulan: date, desa_ids: Iterable[int]) -> dict[int, dict[str, dict[str, int]]]:
    """{desa_id: {method: counts}} for the month whose first day is `bulan`, every given desa and
    every method present, zeros included (KOLOM_JUMLAH; no sisa_target_pb: see `lengkapi_metode`).
    Four statements whatever the number of desa."""
    bulan = awal_bulan(bulan)
    ids = list(desa_ids)
    hasil = {pk: metode_kosong() for pk in ids}
    if not ids:
        return hasil
    for desa_id, status, jalur, n in _pa_per_jalur(bulan, ids):
        baris = hasil[desa_id][status]
        baris["pa"] += n
        if jalur == "PEMERINTAH":
            baris["pa_pemerintah"] += n
        elif jalur == "SWASTA":
            baris["pa_swasta"] += n
    for desa_id, status, sebelum, pb, n in _perubahan_bulan(bulan, ids):
        if status in METODE:
            if pb:
                hasil[desa_id][status]["pb"] += n
            if sebelum in METODE and sebelum != status:
                hasil[desa_id][status]["ganti_cara"] += n
        elif status in TIDAK_BER_KB and sebelum in METODE:
            hasil[desa_id][sebelum]["drop_out"] += n
    kumulatif = (
        PerubahanStatus.objects.filter(
            bulan__gte=bulan.replace(month=1),
            bulan__lte=bulan,
            peserta_baru=True,
            desa_id__in=ids,
        )
        .order_by()
        .values_list("desa_id", "status")
        .annotate(n=Count("pk"))
    )
    for desa_id, status, n in kumulatif:
        hasil[desa_id][status]["pb_kumulatif"] += n
    for (desa_id, metode), (t_pb, t_pa) in target_metode_desa(
        tahun=bulan.year, desa_ids=ids
    ).items():
        hasil[desa_id][metode]["target_pb"] = t_pb
        hasil[desa_id][metode]["target_pa"] = t_pa
    return hasil


def jumlahkan_metode(daftar: Iterable[dict[str, dict[str, int]]]) -> dict[str, dict[str, int]]:
    """The sum of several desa's method counts (a kecamatan, the kabupaten)."""
    total = metode_kosong()
    for per_metode in daftar:
        for metode, baris in per_metode.items():
            for kolom in KOLOM_JUMLAH:
                total[metode][kolom] += baris[kolom]
    return total


def lengkapi_metode(baris: dict[str, int]) -> dict[str, int]:
    """The row of one method with sisa_target_pb = max(target_pb − pb_kumulatif, 0), computed
    on the level's own sums (a kecamatan's rest is its target minus its PB, not a sum of rests)."""
    sisa = max(baris["target_pb"] - baris["pb_kumulatif"], 0)
    return {k: (sisa if k == "sisa_target_pb" else baris[k]) for k in KOLOM_METODE}
