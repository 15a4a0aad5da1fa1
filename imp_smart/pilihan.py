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

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, models
from django.db.models import Count, Q

logger = logging.getLogger(__name__)


class CekPilihan(models.CheckConstraint):
    """A CHECK `field IN (codes)` [OR `field IS NULL`], checked in Python by full_clean and by
    model forms: Django's CheckConstraint.validate asks the database once per constraint and per
    object, which a form save or an import of thousands of members does not need for a set
    lookup. The database keeps the same CHECK; the migrations hold it as a plain CheckConstraint."""

    def _pilihan(self) -> tuple[str, frozenset[Any], bool]:
        nama, kode, boleh_null = "", frozenset[Any](), False
        anak_anak: list[Any] = [self.condition]
        while anak_anak:
            anak = anak_anak.pop()
            if isinstance(anak, Q):
                anak_anak.extend(anak.children)
                continue
            kunci, nilai = anak
            if kunci.endswith("__in"):
                nama, kode = kunci.removesuffix("__in"), frozenset(nilai)
            elif kunci.endswith("__isnull") and nilai:
                boleh_null = True
        return nama, kode, boleh_null

    def validate(
        self,
        model: type[models.Model],
        instance: models.Model,
        exclude: Any = None,
        using: str = DEFAULT_DB_ALIAS,
    ) -> None:
        nama, kode, boleh_null = self._pilihan()
        if exclude and nama in exclude:
            return
        bidang = model._meta.get_field(nama)
        assert isinstance(bidang, models.Field)
        nilai = getattr(instance, bidang.attname)
        if nilai is None and boleh_null:
            return
        if nilai not in kode:
            raise ValidationError(
                self.get_violation_error_message(), code=self.violation_error_code
            )


def cek_pilihan(
    nama: str,
    pilihan: Iterable[Any],
    *,
    kosong: bool = False,
    null: bool = False,
) -> CekPilihan:
    """The CHECK keeping column `nama` to the codes of `pilihan`: a field's `choices`, or the
    codes themselves (a nested choices class cannot be named from the model's Meta)."""
    kode: list[Any] = [k[0] if isinstance(k, tuple) else k for k in pilihan]
    if kosong and "" not in kode:
        kode = ["", *kode]
    kondisi = Q(**{f"{nama}__in": kode})
    if null:
        kondisi |= Q(**{f"{nama}__isnull": True})
    return CekPilihan(
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
