"""The dashboard page."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import render

from laporan import jadwal, selectors_dasbor


@login_required
@permission_required("laporan.view_laporandesa", raise_exception=True)
def dasbor(request):
    teks = request.GET.get("bulan")
    try:
        bulan = jadwal.parse_bulan(teks) if teks else jadwal.bulan_laporan_berjalan()
    except ValueError as exc:
        raise Http404(str(exc)) from exc
    data = selectors_dasbor.dasbor(request.user, bulan=bulan)
    return render(request, "laporan/dasbor.html", {"d": data, "bulan": bulan})
