"""District recap pages: tables + charts, PDF versions made by the worker (jobs of
imp_smart/jobs.py: progress and download through imp_smart/views_pekerjaan.py), ZIP, XLSX,
CSV."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from imp_smart.parameter import bulan_param
from imp_smart.views_pekerjaan import kabari_permintaan
from kader.models import Wilayah
from kader.scoping import SEMUA
from laporan import ekspor, jadwal, selectors_rekap, services_rekap
from laporan.models import BerkasRekap


def _bulan(teks: str):
    try:
        return jadwal.parse_bulan(teks)
    except ValueError as exc:
        raise Http404(str(exc)) from exc


@login_required
@permission_required("laporan.view_berkasrekap", raise_exception=True)
def rekap_index(request):
    bulan = bulan_param(request, default=jadwal.bulan_laporan_berjalan())
    return redirect("laporan:rekap", bulan=f"{bulan:%Y-%m}")


@login_required
@permission_required("laporan.view_berkasrekap", raise_exception=True)
def rekap_detail(request, bulan):
    bln = _bulan(bulan)
    rekap = selectors_rekap.rekap_bulan(bulan=bln, kecamatan_ids=SEMUA)  # Dinas only
    berkas = list(BerkasRekap.objects.filter(bulan=bln).order_by("jenis", "-versi"))
    berjalan = [
        b for b in berkas if b.status in (BerkasRekap.Status.ANTRI, BerkasRekap.Status.PROSES)
    ]
    return render(
        request,
        "laporan/rekap_detail.html",
        {
            "bulan": bln,
            "rekap": rekap,
            "grafik_kecamatan": selectors_rekap.grafik_kecamatan(rekap),
            "berkas": berkas,
            "berjalan": berjalan,
            "sebelum": jadwal.geser_bulan(bln, -1),
            "sesudah": jadwal.geser_bulan(bln, 1),
            "jenis": BerkasRekap.Jenis,
            "dapat_minta": request.user.has_perm("laporan.add_berkasrekap"),
        },
    )


@login_required
@permission_required("laporan.add_berkasrekap", raise_exception=True)
@require_POST
def rekap_minta(request, bulan):
    bln = _bulan(bulan)
    jenis = request.POST.get("jenis", BerkasRekap.Jenis.KABUPATEN)
    if jenis not in BerkasRekap.Jenis.values:
        raise Http404
    berkas = services_rekap.rekap_minta(bulan=bln, jenis=jenis, oleh=request.user)
    kabari_permintaan(request, berkas, f"Berkas versi {berkas.versi}")
    return redirect("laporan:rekap", bulan=f"{bln:%Y-%m}")


@login_required
@permission_required("laporan.view_laporandesa", raise_exception=True)
def rekap_kecamatan_pdf(request, bulan, kecamatan_id):
    """One kecamatan's recap PDF, for its koordinator and the Dinas (rendered on request)."""
    bln = _bulan(bulan)
    kec = get_object_or_404(Wilayah.objects.kecamatan().visible_to(request.user), pk=kecamatan_id)
    isi = services_rekap.pdf_kecamatan(bulan=bln, kecamatan_id=kec.pk)
    respons = HttpResponse(isi, content_type="application/pdf")
    respons["Content-Disposition"] = f'attachment; filename="rekap-{bln:%Y-%m}-{kec.kode}.pdf"'
    return respons


@login_required
@permission_required("laporan.view_berkasrekap", raise_exception=True)
def rekap_xlsx(request, bulan):
    bln = _bulan(bulan)
    isi = ekspor.xlsx_rekap(selectors_rekap.rekap_bulan(bulan=bln, kecamatan_ids=SEMUA))
    respons = HttpResponse(
        isi, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    respons["Content-Disposition"] = f'attachment; filename="rekap-{bln:%Y-%m}.xlsx"'
    return respons


@login_required
@permission_required("laporan.view_berkasrekap", raise_exception=True)
def rekap_csv(request, bulan):
    """The §8.3 CSV (same as `manage.py rekap_bulanan`)."""
    bln = _bulan(bulan)
    tingkat = request.GET.get("tingkat") or None
    try:
        baris = ekspor.baris_rekap_csv(bulan=bln, tingkat=tingkat)
    except ValueError as exc:
        messages.error(request, str(exc))
        return redirect("laporan:rekap", bulan=f"{bln:%Y-%m}")
    respons = HttpResponse(ekspor.csv_teks(baris), content_type="text/csv; charset=utf-8")
    akhiran = f"-{tingkat}" if tingkat else ""
    respons["Content-Disposition"] = f'attachment; filename="rekap-{bln:%Y-%m}{akhiran}.csv"'
    return respons
