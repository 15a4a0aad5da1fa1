"""Pertemuan cards shown on pages of other apps (home page, cadre page)."""

from datetime import timedelta

from django import template
from django.utils import timezone

from pertemuan import selectors
from pertemuan.models import PesertaPelatihan

register = template.Library()
BATAS_KARTU = 5


@register.inclusion_tag("pertemuan/_kartu_beranda.html", takes_context=True)
def kartu_beranda_pertemuan(context):
    """Overdue follow-up actions, counselling follow-ups due, and meetings of the next 14 days."""
    user = context["request"].user
    if not user.has_perm("pertemuan.view_pertemuan"):
        return {"tampil": False}
    hari_ini = timezone.localdate()
    terlambat = selectors.tindak_lanjut_terlambat(user=user, pada=hari_ini).order_by("batas_waktu")
    jatuh_tempo = selectors.konseling_jatuh_tempo(user=user, pada=hari_ini)
    akan_datang = selectors.pertemuan_akan_datang(user=user, dari=hari_ini).filter(
        tanggal__lte=hari_ini + timedelta(days=14)
    )
    return {
        "tampil": True,
        "terlambat": list(terlambat[:BATAS_KARTU]),
        "jumlah_terlambat": terlambat.count(),
        "jumlah_jatuh_tempo": jatuh_tempo.count(),
        "akan_datang": list(akan_datang[:BATAS_KARTU]),
    }


@register.inclusion_tag("pertemuan/_kartu_kader.html", takes_context=True)
def kegiatan_kader(context, kader):
    """A cadre's trainings (with certificates) and how many meetings they attended."""
    user = context["request"].user
    pelatihan = (
        PesertaPelatihan.objects.filter(kader=kader)
        .select_related("pelatihan")
        .order_by("-pelatihan__tanggal_mulai")
    )
    return {
        "pelatihan": pelatihan,
        "jumlah_pertemuan": kader.pertemuan_dihadiri.count(),
        "boleh_lihat": user.has_perm("pertemuan.view_pelatihan"),
    }
