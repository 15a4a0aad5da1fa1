"""Upgrading first (issue 12 §1): has a cadre had the basic training? Trainings are recorded in
pertemuan, above kader, so kader asks through this registry, filled from PertemuanConfig.ready()
(README "Architecture"). Board members without it are flagged on the roster and on the draft SK
page. Without an app that records trainings nobody has had one (everyone is flagged)."""

from collections.abc import Callable

from django.db.models import BooleanField, Exists, QuerySet, Value

# (outer field naming the cadre id) -> the completed trainings of that cadre.
_pelatihan: list[Callable[[str], QuerySet]] = []


def daftarkan_pelatihan(fungsi: Callable[[str], QuerySet]) -> None:
    """Called once by the app that records trainings (idempotent)."""
    _pelatihan[:] = [fungsi]


def sudah_dilatih(kader_ref: str = "kader_id"):
    """An annotation: True when the cadre named by the outer row's `kader_ref` has finished the
    basic training (a training of jenis "dasar" whose last day has passed)."""
    if not _pelatihan:
        return Value(False, output_field=BooleanField())
    return Exists(_pelatihan[0](kader_ref))
