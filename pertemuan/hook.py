"""What pertemuan plugs into the apps below it (registered in PertemuanConfig.ready())."""

from datetime import date

from django.db.models import OuterRef, QuerySet

from pertemuan.models import Konseling


def konseling_sejak(sejak: date) -> QuerySet:
    """Counselling of the outer row's anggota after `sejak` (pendataan.hook.dikonseling_sejak)."""
    return Konseling.objects.filter(anggota_id=OuterRef("anggota_id"), tanggal__gt=sejak)
