"""The dashboard of one user's area: indicators, change, trends, PB target, weakest desa."""

import hashlib
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db.models import Count

from kader.models import Wilayah
from kader.scoping import lihat_semua
from laporan import angka as A
from laporan import jadwal, selectors, selectors_rekap
from laporan.models import LaporanDesa
from pendataan import indikator

# The figures change when the worker refreshes its snapshots (every 15 minutes) or a report moves
# in its flow; both bump a version that is part of every key, so a cached dashboard is never
# staler than its snapshots. The worker warms the kabupaten and kecamatan dashboards.
CACHE_DETIK = 20 * 60
KUNCI_VERSI = "laporan:dasbor:versi"
UTAMA = [
    "pus",
    "pa",
    "pb",
    "cpr",
    "mcpr",
    "mkjp_persen",
    "unmet_need_persen",
    "pb_target_persen",
    # DOMAIN §9 (F/I/Dal/13)
    "pa_ppm_persen",
    "mkjp_ppm_persen",
    "pa_pria_persen",
]


def _per_desa_bulan(bulan: date, desa_ids: list[int]) -> tuple[dict[int, dict], object]:
    """Per-desa figures ({desa_id: angka}) for a month, frozen where approved, else from the
    worker's snapshot (counted live only where there is none); and the oldest snapshot time."""
    data = selectors.angka_rekap_desa(bulan=bulan, desa_ids=desa_ids, cuplikan=True)
    waktu = [v["dihitung"] for v in data.values() if v["dihitung"]]
    return {d: v["angka"] for d, v in data.items()}, min(waktu, default=None)


def _kunci(bulan: date, desa_ids: list[int]) -> str:
    versi = cache.get_or_set(KUNCI_VERSI, 1, None)
    ringkas = hashlib.md5(",".join(map(str, desa_ids)).encode(), usedforsecurity=False)
    return f"laporan:dasbor:{versi}:{bulan:%Y%m}:{ringkas.hexdigest()}"


def dasbor_usang() -> None:
    """Every cached dashboard is out of date (new snapshots, a report changed status)."""
    try:
        cache.incr(KUNCI_VERSI)
    except ValueError:
        cache.set(KUNCI_VERSI, 2, None)


def dasbor_panaskan(*, bulan: date) -> int:
    """Compute and cache the kabupaten dashboard and each kecamatan's (what Dinas and the
    koordinator open first). Returns how many were cached."""
    semua = list(Wilayah.objects.desa().select_related("kecamatan").order_by("kode"))
    kelompok = [semua]
    for kec_id in sorted({d.kecamatan_id for d in semua}):
        kelompok.append([d for d in semua if d.kecamatan_id == kec_id])
    for desa in kelompok:
        cache.set(
            _kunci(bulan, [d.pk for d in desa]), _dasbor(desa, bulan=bulan, n=12), CACHE_DETIK
        )
    return len(kelompok)


def dasbor(user, *, bulan: date, n: int = 12) -> dict:
    """Everything the dashboard shows for the areas the user may see (cached a few minutes,
    shared by users with the same areas)."""
    qs = selectors.desa_terlihat(user)
    # The key needs the ids only; the desa rows (167 with their kecamatan) only on a miss.
    kunci = _kunci(bulan, list(qs.values_list("pk", flat=True)))
    hasil = cache.get(kunci)
    if hasil is None:
        hasil = _dasbor(list(qs), bulan=bulan, n=n)
        cache.set(kunci, hasil, CACHE_DETIK)
    return {**hasil, "seluruh_kabupaten": lihat_semua(user)}


def _dasbor(desa: list, *, bulan: date, n: int) -> dict:
    desa_ids = [d.pk for d in desa]
    bulan_list = jadwal.bulan_terakhir(n, bulan)
    per_bulan, dihitung = {}, None
    for b in bulan_list:
        per_bulan[b], dihitung = _per_desa_bulan(b, desa_ids)  # the last month's time is shown
    tren: list[dict[str, Any]] = [
        {"bulan": b, "angka": A.dengan_indikator(selectors_rekap.jumlahkan(list(v.values())))}
        for b, v in per_bulan.items()
    ]
    kini, lalu = tren[-1]["angka"], (tren[-2]["angka"] if len(tren) > 1 else None)
    ringkas = []
    for kolom in UTAMA:
        nilai = Decimal(str(kini[kolom]))
        beda = nilai - Decimal(str(lalu[kolom])) if lalu else None
        ringkas.append(
            {
                "kolom": kolom,
                "label": indikator.LABEL[kolom],
                "nilai": nilai,
                "beda": beda,
                "persen": indikator.INDIKATOR[kolom].is_persen,
            }
        )
    terakhir = per_bulan[bulan]
    per_desa = {d.pk: A.dengan_indikator(terakhir[d.pk]) for d in desa}
    unmet = sorted(
        desa, key=lambda d: Decimal(str(per_desa[d.pk]["unmet_need_persen"])), reverse=True
    )[:5]
    cakupan = _cakupan_desa(desa_ids, bulan_list)
    # Months a desa is expected to report (jadwal.berlaku, as the board and the recap count).
    mulai = selectors.mulai_desa(desa_ids)
    wajib = {d: sum(jadwal.berlaku(b, mulai[d]) for b in bulan_list) for d in desa_ids}
    lemah = sorted(
        (d for d in desa if wajib[d.pk]),
        key=lambda d: (cakupan.get(d.pk, 0) / wajib[d.pk], d.kode),
    )[:5]
    status_bulan = dict(
        LaporanDesa.objects.filter(desa_id__in=desa_ids, bulan=bulan).values_list(
            "desa_id", "status"
        )
    )
    disetujui = sum(s == LaporanDesa.Status.DISETUJUI for s in status_bulan.values())
    diharapkan = sum(jadwal.berlaku(bulan, mulai[d]) or d in status_bulan for d in desa_ids)
    return {
        "bulan": bulan,
        "dihitung": dihitung,
        "ringkas": ringkas,
        "angka": kini,
        "tren": tren,
        "grafik": selectors_rekap.grafik_tren(tren),
        "unmet_tertinggi": [(d, per_desa[d.pk]) for d in unmet],
        "cakupan_terendah": [(d, cakupan.get(d.pk, 0), wajib[d.pk]) for d in lemah],
        "cakupan": {
            "disetujui": disetujui,
            "diharapkan": diharapkan,
            "persen": A.persen(disetujui, diharapkan),
        },
        "jumlah_desa": len(desa),
    }


def _cakupan_desa(desa_ids: list[int], bulan_list: list[date]) -> dict[int, int]:
    """Approved months per desa over the period."""
    return dict(
        LaporanDesa.objects.filter(
            desa_id__in=desa_ids, bulan__in=bulan_list, status=LaporanDesa.Status.DISETUJUI
        )
        .values_list("desa_id")
        .annotate(n=Count("pk"))
        .values_list("desa_id", "n")
    )
