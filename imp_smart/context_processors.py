"""Template context every page gets: the kabupaten/kota served (settings, not code)."""

from django.conf import settings

from imp_smart.daerah import dinas_singkat


def daerah(request):
    return {"nama_kabupaten": settings.IMP_NAMA_KABUPATEN, "nama_dinas_singkat": dinas_singkat()}
