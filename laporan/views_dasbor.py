"""The dashboard page."""

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render

from imp_smart.parameter import bulan_param
from laporan import jadwal, selectors_dasbor


@login_required
@permission_required("laporan.view_laporandesa", raise_exception=True)
def dasbor(request):
    bulan = bulan_param(request, default=jadwal.bulan_laporan_berjalan())
    data = selectors_dasbor.dasbor(request.user, bulan=bulan)
    return render(request, "laporan/dasbor.html", {"d": data, "bulan": bulan})
