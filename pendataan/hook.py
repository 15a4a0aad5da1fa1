"""What pendataan needs from an app above it, registered by that app (README "Architecture").

pendataan sits below pertemuan, so it never imports it. The worklist (selectors_sasaran) asks
"was this PUS counselled since ...?": pertemuan answers by registering a subquery factory here
from its AppConfig.ready(). Without such an app nobody has been counselled (False)."""

from collections.abc import Callable
from datetime import date

from django.db.models import BooleanField, Exists, QuerySet, Value

# (sejak) -> a queryset filtered on OuterRef("anggota_id") of the counselling after `sejak`.
_konseling: list[Callable[[date], QuerySet]] = []


def daftarkan_konseling(fungsi: Callable[[date], QuerySet]) -> None:
    """Called once by the app that records counselling (idempotent)."""
    _konseling[:] = [fungsi]


def dikonseling_sejak(sejak: date):
    """An annotation: True when the row's anggota_id was counselled after `sejak`."""
    if not _konseling:
        return Value(False, output_field=BooleanField())
    return Exists(_konseling[0](sejak))
