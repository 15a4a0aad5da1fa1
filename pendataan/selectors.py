"""Reads of the pendataan app. `pus_bulan` is THE place that computes "status of each PUS in
month M"; every count, list, map and worklist in the system starts from it."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, OuterRef, QuerySet, Subquery

from imp_smart.bulan import akhir_bulan, awal_bulan, geser_bulan
from kader.models import Wilayah
from kader.scoping import SEMUA, Semua, wilayah_saring
from pendataan.indikator import KOLOM_HITUNG, hitung_kosong, kolom_status
from pendataan.models import Keluarga, PerubahanStatus, RiwayatAnggota, StatusKawin

UMUR_PUS_MIN, UMUR_PUS_MAX = 15, 49


def kurangi_tahun(tanggal: date, tahun: int) -> date:
    """Same day `tahun` years earlier; 29 Feb → 28 Feb (as PostgreSQL's date - interval)."""
    try:
        return tanggal.replace(year=tanggal.year - tahun)
    except ValueError:
        return tanggal.replace(year=tanggal.year - tahun, day=28)


def status_terakhir(bulan: date, kolom: str = "status") -> Subquery:
    """The latest change on or before `bulan` of the member in OuterRef('anggota_id')."""
    return Subquery(
        PerubahanStatus.objects.filter(anggota_id=OuterRef("anggota_id"), bulan__lte=bulan)
        .order_by("-bulan")
        .values(kolom)[:1]
    )


_TIDAK_DISEBUT: Any = object()


def pus_bulan(
    *,
    bulan: date,
    desa_ids: Iterable[int] | Semua = _TIDAK_DISEBUT,
    dusun_ids: Iterable[int] | Semua = _TIDAK_DISEBUT,
) -> QuerySet[RiwayatAnggota]:
    """The PUS of the month whose first day is `bulan` (DOMAIN.md §5, choice): women with
    status_kawin = 2, aged 15–49 on the month's last day, still members that day. One row per
    PUS (a RiwayatAnggota row, carrying anggota_id, keluarga_id, desa_id, dusun_id), annotated
    `status_kb` = latest change on or before the month ('' / None = tanpa status).

    In the desa and/or dusun given; naming neither is a TypeError (scoping fails closed): a
    caller that means the kabupaten (e.g. to test one member) says `desa_ids=SEMUA`."""
    if desa_ids is _TIDAK_DISEBUT and dusun_ids is _TIDAK_DISEBUT:
        raise TypeError("pus_bulan: sebutkan desa_ids atau dusun_ids (SEMUA: sekabupaten).")
    akhir = akhir_bulan(bulan)
    qs = RiwayatAnggota.objects.filter(
        jenis_kelamin="P",
        status_kawin=StatusKawin.KAWIN,
        mulai__lte=akhir,
        selesai__gt=akhir,
        tanggal_lahir__lte=kurangi_tahun(akhir, UMUR_PUS_MIN),
        tanggal_lahir__gt=kurangi_tahun(akhir, UMUR_PUS_MAX + 1),
    )
    for kolom, area in (("desa_id", desa_ids), ("dusun_id", dusun_ids)):
        ids = None if area is _TIDAK_DISEBUT else wilayah_saring(area)
        if ids is not None:
            qs = qs.filter(**{f"{kolom}__in": ids})
    # No default ordering: it would join Anggota and sort 118k rows for nothing.
    return qs.order_by().annotate(status_kb=status_terakhir(bulan))


def _hitung_status(qs: QuerySet, kunci: str) -> list[tuple[int, str | None, int]]:
    """(kunci, status, n) over a pus_bulan queryset, in one statement. An empty area list (a
    user with no dusun, a penyuluh between assignments) counts nothing, with no query."""
    try:
        sql, params = qs.values(kunci, "status_kb").query.sql_with_params()
    except EmptyResultSet:  # Django's answer to "pk IN ()"
        return []
    # JIT is off for the connection (settings: its plan cost switched it on for ~0.4 s).
    with connection.cursor() as cur:
        cur.execute(f"SELECT {kunci}, status_kb, count(*) FROM ({sql}) t GROUP BY 1, 2", params)
        return cur.fetchall()


def _semua_desa_ids(desa_ids) -> tuple[list[int], list[int] | None]:
    """(the desa to report, the filter to apply: None for SEMUA); fails closed (scoping)."""
    saring = wilayah_saring(desa_ids)
    if saring is not None:
        return saring, saring
    return list(Wilayah.objects.desa().values_list("pk", flat=True)), None


def indikator_desa(*, bulan: date, desa_ids: Iterable[int] | Semua) -> dict[int, dict[str, int]]:
    """Raw counts (KOLOM_HITUNG) per desa id for the month whose first day is `bulan`. Every
    requested desa (every desa/kelurahan for SEMUA) is present, zeros included. `pb` = changes
    in that month flagged peserta baru; jumlah_keluarga = families in the desa."""
    bulan = awal_bulan(bulan)
    ids, filter_desa = _semua_desa_ids(desa_ids)
    hasil = {pk: hitung_kosong() for pk in ids}
    _tambah_pus_desa(hasil, bulan=bulan, filter_desa=filter_desa)
    for desa_id, n in _per_desa(
        PerubahanStatus.objects.filter(bulan=bulan, peserta_baru=True), filter_desa
    ):
        if desa_id in hasil:
            hasil[desa_id]["pb"] = n
    for desa_id, n in _per_desa(Keluarga.objects.all(), filter_desa):
        if desa_id in hasil:
            hasil[desa_id]["jumlah_keluarga"] = n
    return hasil


def status_pus_desa(*, bulan: date, desa_ids: Iterable[int] | Semua) -> dict[int, dict[str, int]]:
    """The PUS counts of indikator_desa alone (pus, pa_*, hamil, ias, iat, tial, tanpa_status;
    pb and jumlah_keluarga stay 0) per desa id, every requested desa present: for the pages
    that show no PB and no family count, which are two more scans of a kecamatan."""
    bulan = awal_bulan(bulan)
    ids, filter_desa = _semua_desa_ids(desa_ids)
    hasil = {pk: hitung_kosong() for pk in ids}
    _tambah_pus_desa(hasil, bulan=bulan, filter_desa=filter_desa)
    return hasil


def _tambah_pus_desa(hasil: dict, *, bulan: date, filter_desa: list[int] | None) -> None:
    """Add the month's PUS per status to the rows of `hasil` (desa id → counts)."""
    pus = pus_bulan(bulan=bulan, desa_ids=SEMUA if filter_desa is None else filter_desa)
    for desa_id, status, n in _hitung_status(pus, "desa_id"):
        if desa_id in hasil:
            baris = hasil[desa_id]
            baris["pus"] += n
            baris[kolom_status(status)] += n


def _per_desa(qs: QuerySet, desa_ids: list[int] | None):
    if desa_ids is not None:
        qs = qs.filter(desa_id__in=desa_ids)
    return qs.order_by().values_list("desa_id").annotate(n=Count("pk")).values_list("desa_id", "n")


def pb_kumulatif_desa(*, bulan: date, desa_ids: Iterable[int] | Semua) -> dict[int, int]:
    """New acceptors (PB) per desa from January to the month `bulan` (inclusive)."""
    bulan = awal_bulan(bulan)
    ids, filter_desa = _semua_desa_ids(desa_ids)
    hasil = dict.fromkeys(ids, 0)
    qs = PerubahanStatus.objects.filter(
        bulan__gte=bulan.replace(month=1), bulan__lte=bulan, peserta_baru=True
    )
    for desa_id, n in _per_desa(qs, filter_desa):
        if desa_id in hasil:
            hasil[desa_id] = n
    return hasil


def indikator_dusun(*, bulan: date, dusun_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    """Raw PUS counts per dusun (pus, pa_*, hamil, ias, iat, tial, tanpa_status) for a month."""
    ids = list(dusun_ids)
    hasil = {pk: hitung_kosong() for pk in ids}
    for dusun_id, status, n in _hitung_status(pus_bulan(bulan=bulan, dusun_ids=ids), "dusun_id"):
        hasil[dusun_id]["pus"] += n
        hasil[dusun_id][kolom_status(status)] += n
    return hasil


__all__ = [
    "KOLOM_HITUNG",
    "akhir_bulan",
    "awal_bulan",
    "geser_bulan",
    "indikator_desa",
    "indikator_dusun",
    "pb_kumulatif_desa",
    "pus_bulan",
    "status_pus_desa",
]


def teks_status(status: str | None, jalur: str = "", peserta_baru: bool = False) -> str:
    """'IMPLAN · Pemerintah · PB', for the history of a member's KB status."""
    if not status:
        return "tanpa status"
    bagian = [status, jalur.title() if jalur else "", "PB" if peserta_baru else ""]
    return " · ".join(b for b in bagian if b)


def riwayat_status_anggota(*, anggota_id: int) -> list[dict]:
    """Every write of a member's monthly KB status, newest first: the month, what it became
    (None once removed), the earlier value of that month's row (None when first recorded), who
    and when. One query (the history rows with their users), whatever the length."""
    rows = (
        PerubahanStatus.history.filter(anggota_id=anggota_id)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    hasil: list[dict] = []
    lalu: dict = {}
    for h in rows:
        nilai = teks_status(h.status, h.jalur, h.peserta_baru)
        sebelumnya = lalu.get(h.id)
        hasil.append(
            {
                "bulan": h.bulan,
                "jenis": {"+": "dicatat", "~": "diubah", "-": "dihapus"}[h.history_type],
                "sebelumnya": nilai if h.history_type == "-" else sebelumnya,
                "sesudah": None if h.history_type == "-" else nilai,
                "oleh": h.history_user,
                "pada": h.history_date,
                "urut": h.history_id,
            }
        )
        lalu[h.id] = nilai
    hasil.sort(key=lambda r: (r["pada"], r["urut"]), reverse=True)
    return hasil
