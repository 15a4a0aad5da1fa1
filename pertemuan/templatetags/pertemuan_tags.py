"""Pertemuan cards shown on pages of other apps (home page, cadre page)."""

from datetime import timedelta

from django import template
from django.utils import timezone

from imp_smart.kartu import simpan_kartu
from kader.scoping import kunci_cakupan
from pertemuan import selectors
from pertemuan.models import PesertaPelatihan

register = template.Library()
BATAS_KARTU = 5
KELOMPOK_KARTU = ("pertemuan", "kader")  # generations renewed by pertemuan's and kader's writes


@register.inclusion_tag("pertemuan/_kartu_beranda.html", takes_context=True)
def kartu_beranda_pertemuan(context):
    """Overdue follow-up actions, counselling follow-ups due, and meetings of the next 14 days."""
    user = context["request"].user
    if not user.has_perm("pertemuan.view_pertemuan"):
        return {"tampil": False}
    hari_ini = timezone.localdate()

    def hitung() -> dict:
        terlambat = selectors.tindak_lanjut_terlambat(user=user, pada=hari_ini).order_by(
            "batas_waktu"
        )
        daftar = [{"uraian": str(t), "batas_waktu": t.batas_waktu} for t in terlambat[:BATAS_KARTU]]
        akan_datang = selectors.pertemuan_akan_datang(user=user, dari=hari_ini).filter(
            tanggal__lte=hari_ini + timedelta(days=14)
        )
        return {
            "terlambat": daftar,
            "jumlah_terlambat": terlambat.count() if len(daftar) == BATAS_KARTU else len(daftar),
            "jumlah_jatuh_tempo": selectors.konseling_jatuh_tempo(user=user, pada=hari_ini).count(),
            "akan_datang": [
                {"url": p.get_absolute_url(), "tanggal": p.tanggal, "judul": p.judul}
                for p in akan_datang[:BATAS_KARTU]
            ],
        }

    # Kept a few minutes per area set and day (imp_smart.kartu); a meeting, problem, follow-up
    # or counselling saved renews it (pertemuan/apps.py).
    angka, dihitung = simpan_kartu(
        "pertemuan",
        lingkup=kunci_cakupan(user),
        kelompok=KELOMPOK_KARTU,
        hitung=hitung,
    )
    return {
        "tampil": True,
        **angka,
        "dihitung": dihitung,
        "dihitung_halaman": context.get("angka_dihitung"),  # the home page's own time
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
