"""District recap pages: tables + charts, PDF versions made by the worker, ZIP, XLSX, CSV;
and the request for the whole-kabupaten draft SK, the other file the worker makes."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from imp_smart.berkas import unduh_berkas
from imp_smart.parameter import bulan_param
from kader.models import Wilayah
from kader.scoping import wilayah_ids
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
    rekap = selectors_rekap.rekap_bulan(bulan=bln)
    berkas = list(
        BerkasRekap.objects.filter(bulan=bln, jenis__in=BerkasRekap.BULANAN).order_by(
            "jenis", "-versi"
        )
    )
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
    if jenis not in BerkasRekap.BULANAN:  # the draft SK is asked for on its own page
        raise Http404
    berkas = services_rekap.rekap_minta(bulan=bln, jenis=jenis, oleh=request.user)
    kabari_permintaan(request, berkas, f"Berkas versi {berkas.versi}")
    return redirect("laporan:rekap", bulan=f"{bln:%Y-%m}")


def kabari_permintaan(request, berkas: BerkasRekap, nama: str) -> None:
    """The message after asking for a generated file: made already (no broker: the demo),
    queued, or kept until Redis answers again. Also for the draft SK."""
    if berkas.antrian_gagal:
        messages.warning(
            request,
            f"Layanan antrean (Redis) sedang tidak dapat dihubungi. {nama} tersimpan dan dibuat "
            "otomatis begitu layanan pulih; Anda tidak perlu meminta ulang.",
        )
    elif berkas.status == BerkasRekap.Status.SELESAI:
        messages.success(request, f"{nama} selesai dibuat.")
    else:
        messages.info(request, f"{nama} sedang disiapkan; tombol Unduh muncul begitu selesai.")


@login_required
@permission_required("kader.add_sk", raise_exception=True)
@require_POST
def draft_sk_minta(request):
    """The draft SK of the whole kabupaten for a year, made by the worker (a file job like the
    recaps); back to the draft SK page (kader), where the file appears when ready."""
    try:
        tahun = int(request.POST.get("tahun", ""))
    except ValueError:
        tahun = 0
    if not 2000 <= tahun <= 2100:
        messages.error(request, "Tahun tidak valid.")
        return redirect("kader:sk_draft")
    berkas = services_rekap.rekap_minta(
        bulan=date(tahun, 1, 1), jenis=BerkasRekap.Jenis.DRAFT_SK, oleh=request.user
    )
    kabari_permintaan(request, berkas, f"Draf SK {tahun} seluruh kabupaten (versi {berkas.versi})")
    return redirect(f"{reverse('kader:sk_draft')}?tahun={tahun}")


@login_required
@permission_required("laporan.view_berkasrekap", raise_exception=True)
def rekap_status(request, pk):
    """JSON for the progress poller."""
    b = get_object_or_404(BerkasRekap, pk=pk)
    return JsonResponse(
        {
            "id": b.pk,
            "status": b.status,
            "label": b.get_status_display(),
            "progres": b.progres,
            "tahap": b.tahap,
            "versi": b.versi,
            "sha256": b.sha256,
            "antrian_gagal": b.antrian_gagal,
            "pesan_galat": b.pesan_galat,
            "unduh": reverse("laporan:rekap_unduh", args=[b.pk])
            if b.status == BerkasRekap.Status.SELESAI
            else None,
        }
    )


@login_required
@permission_required("laporan.view_berkasrekap", raise_exception=True)
def rekap_unduh(request, pk):
    b = get_object_or_404(BerkasRekap, pk=pk, status=BerkasRekap.Status.SELESAI)
    return unduh_berkas(b.berkas, nama=b.nama_berkas, jenis=b.jenis_isi)


@login_required
@permission_required("laporan.view_laporandesa", raise_exception=True)
def rekap_kecamatan_pdf(request, bulan, kecamatan_id):
    """One kecamatan's recap PDF, for its koordinator and the Dinas (rendered on request)."""
    bln = _bulan(bulan)
    kec = get_object_or_404(Wilayah.objects.kecamatan(), pk=kecamatan_id)
    ids = wilayah_ids(request.user)
    if ids is not None and kec.pk not in ids:
        raise Http404
    isi = services_rekap.pdf_kecamatan(bulan=bln, kecamatan_id=kec.pk)
    respons = HttpResponse(isi, content_type="application/pdf")
    respons["Content-Disposition"] = f'attachment; filename="rekap-{bln:%Y-%m}-{kec.kode}.pdf"'
    return respons


@login_required
@permission_required("laporan.view_berkasrekap", raise_exception=True)
def rekap_xlsx(request, bulan):
    bln = _bulan(bulan)
    isi = ekspor.xlsx_rekap(selectors_rekap.rekap_bulan(bulan=bln))
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
