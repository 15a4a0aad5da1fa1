"""Template context every page gets: the kabupaten/kota served (its identity, not code)."""

from imp_smart.daerah import dinas_singkat, identitas


def daerah(request):
    ident = identitas()  # one read of the shared cache per page
    return {"nama_kabupaten": ident.nama_kabupaten, "nama_dinas_singkat": dinas_singkat(ident)}
