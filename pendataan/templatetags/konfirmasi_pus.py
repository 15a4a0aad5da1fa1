"""{% konfirmasi_pus wilayah bulan boleh_ubah %}: the "Tidak ada perubahan bulan ini" part of the
monthly PUS page — who confirmed and when, or the button."""

from django import template
from django.db.models import Q

from pendataan.models import KonfirmasiPus

register = template.Library()


@register.inclusion_tag("pendataan/_konfirmasi_pus.html")
def konfirmasi_pus(wilayah, bulan, boleh_ubah):
    """A dusun page is covered by its own confirmation or by its desa's."""
    ada = (
        KonfirmasiPus.objects.filter(
            Q(wilayah=wilayah) | Q(wilayah_id=wilayah.desa_id), bulan=bulan
        )
        .select_related("oleh", "wilayah")
        .order_by("pada")
        .first()
    )
    return {"konfirmasi": ada, "wilayah": wilayah, "bulan": bulan, "boleh_ubah": boleh_ubah}
