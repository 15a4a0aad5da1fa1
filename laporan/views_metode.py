"""Download of the §8.4 method detail CSV, beside the §8.3 recap CSV."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import redirect

from kader.scoping import cakupan
from laporan import ekspor_metode
from laporan.views_rekap import _bulan


@login_required
@permission_required("laporan.view_berkasrekap", raise_exception=True)
def rekap_metode_csv(request, bulan):
    """The §8.4 CSV (same as `manage.py rekap_metode`), over the desa the user may see."""
    bln = _bulan(bulan)
    tingkat = request.GET.get("tingkat") or None
    try:
        baris = ekspor_metode.baris_metode_csv(
            bulan=bln, tingkat=tingkat, desa_ids=cakupan(request.user)
        )
    except ValueError as exc:
        messages.error(request, str(exc))
        return redirect("laporan:rekap", bulan=f"{bln:%Y-%m}")
    respons = HttpResponse(
        ekspor_metode.csv_metode_teks(baris), content_type="text/csv; charset=utf-8"
    )
    akhiran = f"-{tingkat}" if tingkat else ""
    respons["Content-Disposition"] = f'attachment; filename="rekap-metode-{bln:%Y-%m}{akhiran}.csv"'
    return respons
