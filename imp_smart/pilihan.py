"""A code field holds one of its choices, in the database too.

`cek_pilihan` builds the CHECK constraint of a field with choices (the empty string allowed only
where the field is blank=True, NULL only where null=True); `rapikan_pilihan` is the data step put
before such a constraint in a migration: a stored value that only differs from a choice by case,
surrounding spaces or by being its label is set to that choice, and any other value stops the
migration with the table, the column and the values found, so nothing is changed by guesswork.
"""

import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.db import models
from django.db.models import Count, Q

logger = logging.getLogger(__name__)


def cek_pilihan(
    nama: str,
    pilihan: Iterable[Any],
    *,
    kosong: bool = False,
    null: bool = False,
) -> models.CheckConstraint:
    """The CHECK keeping column `nama` to the codes of `pilihan`: a field's `choices`, or the
    codes themselves (a nested choices class cannot be named from the model's Meta)."""
    kode: list[Any] = [k[0] if isinstance(k, tuple) else k for k in pilihan]
    if kosong and "" not in kode:
        kode = ["", *kode]
    kondisi = Q(**{f"{nama}__in": kode})
    if null:
        kondisi |= Q(**{f"{nama}__isnull": True})
    return models.CheckConstraint(
        condition=kondisi,
        name=f"%(app_label)s_%(class)s_{nama}_kode",
        violation_error_message=f"Pilihan {nama.replace('_', ' ')} tidak dikenal.",
    )


def _kode_sepadan(nilai: Any, pilihan: list[tuple[Any, Any]]) -> Any:
    """The choice a stored text means (same code or label but for case and spaces), or None."""
    if not isinstance(nilai, str):
        return None
    bersih = nilai.strip().casefold()
    for kode, label in pilihan:
        if bersih in (str(kode).casefold(), str(label).strip().casefold()):
            return kode
    return None


def rapikan_pilihan(app_label: str, bidang: dict[str, list[str]]) -> Callable[..., None]:
    """RunPython step: bring the stored values of `bidang` ({model: [field, …]}) into their
    choices before the CHECK constraints are added, or stop with what must be fixed by hand."""

    def langkah(apps: Any, schema_editor: Any) -> None:
        sisa: list[str] = []
        for nama_model, nama_bidang in bidang.items():
            model = apps.get_model(app_label, nama_model)
            for nama in nama_bidang:
                field = model._meta.get_field(nama)
                pilihan = list(field.flatchoices)
                sah: list[Any] = [k for k, _ in pilihan]
                if field.blank and isinstance(field, models.CharField):
                    sah.append("")
                luar = Q(**{f"{nama}__in": sah})
                if field.null:
                    luar |= Q(**{f"{nama}__isnull": True})
                asing = (
                    model._base_manager.exclude(luar)
                    .values_list(nama)
                    .annotate(n=Count("pk"))
                    .order_by(nama)
                )
                for nilai, n in asing:
                    kode = _kode_sepadan(nilai, pilihan)
                    tabel = f"{model._meta.db_table}.{field.column}"
                    if kode is None:
                        sisa.append(f"{tabel}: {nilai!r} ({n} baris)")
                        continue
                    model._base_manager.filter(**{nama: nilai}).update(**{nama: kode})
                    logger.warning("%s: %r diganti %r (%d baris)", tabel, nilai, kode, n)
        if sisa:
            raise RuntimeError(
                "Nilai di luar pilihan, perbaiki dulu sebelum migrasi: " + "; ".join(sisa)
            )

    return langkah
