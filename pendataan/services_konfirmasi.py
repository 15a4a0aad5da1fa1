"""The "Tidak ada perubahan bulan ini" confirmation of a monthly PUS page (DOMAIN.md §9 I: a
Sub-PPKBD reported when its dusun's PUS page was saved or confirmed for the month)."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from imp_smart.bulan import awal_bulan
from kader.models import Wilayah
from pendataan.models import KonfirmasiPus


@transaction.atomic
def konfirmasi_tanpa_perubahan(*, wilayah: Wilayah, bulan: date, oleh) -> KonfirmasiPus:
    """Record that nothing changed in the PUS statuses of a dusun (or a whole desa) for the
    month: who and when. Confirming again keeps the first record (it says who confirmed first)."""
    if not oleh.has_perm("pendataan.add_perubahanstatus"):
        raise PermissionDenied
    if not (wilayah.is_dusun or wilayah.is_desa):
        raise ValidationError("Konfirmasi dibuat untuk dusun atau desa/kelurahan.")
    if bulan.day != 1 or bulan > awal_bulan(timezone.localdate()):
        raise ValidationError("Konfirmasi hanya untuk bulan berjalan atau bulan yang lalu.")
    konfirmasi, _ = KonfirmasiPus.objects.get_or_create(
        wilayah=wilayah, bulan=bulan, defaults={"oleh": oleh}
    )
    return konfirmasi
