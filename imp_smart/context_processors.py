"""Template context every page gets: the kabupaten/kota served (its identity, not code)."""

from imp_smart.daerah import dinas_singkat, identitas


def daerah(request):
    return {"nama_kabupaten": identitas().nama_kabupaten, "nama_dinas_singkat": dinas_singkat()}
