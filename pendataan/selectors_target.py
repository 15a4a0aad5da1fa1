"""Reads of the yearly targets (PPM, DOMAIN.md §8.5)."""

from collections.abc import Iterable

from django.db.models import Sum

from kader.scoping import Semua, wilayah_saring
from pendataan.models import TargetMetode, TargetPB


def target_metode_desa(
    *, tahun: int, desa_ids: Iterable[int] | Semua
) -> dict[tuple[int, str], tuple[int, int]]:
    """{(desa_id, metode): (target_pb, target_pa)} for the year; a missing key means 0."""
    qs = TargetMetode.objects.filter(tahun=tahun)
    ids = wilayah_saring(desa_ids)  # fails closed; SEMUA: the kabupaten
    if ids is not None:
        qs = qs.filter(desa_id__in=ids)
    return {
        (desa_id, metode): (pb, pa)
        for desa_id, metode, pb, pa in qs.values_list("desa_id", "metode", "target_pb", "target_pa")
    }


def target_pb_tahunan(*, tahun: int, desa_ids: Iterable[int] | Semua) -> dict[int, int]:
    """Yearly PB target per desa id (§6 `pb_target_persen`): the sum of `target_pb` over the
    methods. A desa with no per-method rows for the year keeps its older single PB target
    (TargetPB, entered before targets had methods), which cannot be split by method truthfully;
    a desa with neither is absent (no target)."""
    ids = wilayah_saring(desa_ids)  # fails closed; SEMUA: the kabupaten
    lama = TargetPB.objects.filter(tahun=tahun)
    baru = TargetMetode.objects.filter(tahun=tahun)
    if ids is not None:
        lama, baru = lama.filter(desa_id__in=ids), baru.filter(desa_id__in=ids)
    hasil = dict(lama.values_list("desa_id", "target"))
    per_metode = baru.order_by().values("desa_id").annotate(n=Sum("target_pb"))
    hasil.update({r["desa_id"]: r["n"] for r in per_metode})
    return hasil


def target_per_kecamatan(*, tahun: int) -> dict[tuple[int, str], tuple[int, int]]:
    """{(kecamatan_id, metode): (Σ target_pb, Σ target_pa)} for the year, over the kabupaten's
    desa (the target grid's totals; a missing key means 0). One statement."""
    qs = (
        TargetMetode.objects.filter(tahun=tahun)
        .order_by()
        .values_list("desa__kecamatan_id", "metode")
        .annotate(pb=Sum("target_pb"), pa=Sum("target_pa"))
    )
    return {(kec, metode): (pb, pa) for kec, metode, pb, pa in qs}
