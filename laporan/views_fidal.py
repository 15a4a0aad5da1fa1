"""The F/I/Dal/13 documents (DOMAIN.md §9): the desa report on the form's page (PDF, made during
the request: one page), the month's page of the kecamatan and kabupaten documents (PDF made by
the job engine, versioned and hashed; XLSX per level made on request) and their downloads.

Scope: a desa report outside the user's area is 404; a kecamatan outside it is 404; the
kabupaten's documents need the recap permission (the Dinas)."""

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from imp_smart.ekspor import MIME_XLSX
from imp_smart.parameter import bulan_param
from imp_smart.views_pekerjaan import kabari_permintaan
from kader.models import Wilayah
from kader.scoping import cakupan, lihat_semua
from laporan import angka as A
from laporan import dokumen_fidal, jadwal
from laporan.models import LaporanDesa
from laporan.views_rekap import _bulan

IZIN_KABUPATEN = "laporan.view_berkasrekap"


def _kecamatan(user, nilai) -> Wilayah | None:
    """The kecamatan named by `nilai` if the user sees it (else 404); None when not given."""
    if nilai in (None, ""):
        return None
    try:
        pk = int(nilai)
    except (TypeError, ValueError):
        raise Http404("Kecamatan tidak dikenal.") from None
    kec = Wilayah.objects.kecamatan().visible_to(user).filter(pk=pk).first()
    if kec is None:
        raise Http404("Kecamatan tidak dikenal.")
    return kec


def _kecamatan_terlihat(user) -> list[Wilayah]:
    return list(Wilayah.objects.kecamatan().visible_to(user).order_by("kode"))


def _boleh_kabupaten(user) -> bool:
    return lihat_semua(user) and user.has_perm(IZIN_KABUPATEN)


@login_required
@permission_required("laporan.view_laporandesa", raise_exception=True)
def fidal_desa_pdf(request, pk):
    """The desa report printed in the form's layout: its frozen figures once approved, else
    the current ones with their corrections (as the report page shows them)."""
    lap = get_object_or_404(
        LaporanDesa.objects.visible_to(request.user).select_related("desa", "desa__kecamatan"),
        pk=pk,
    )
    angka = lap.angka_beku if lap.is_beku else A.efektif(lap.angka_otomatis, lap.koreksi)
    isi = dokumen_fidal.pdf_desa(desa=lap.desa, bulan=lap.bulan, angka=angka, disetujui=lap.is_beku)
    respons = HttpResponse(isi, content_type="application/pdf")
    nama = f"fidal13-{lap.desa.kode}-{lap.bulan:%Y-%m}.pdf"
    respons["Content-Disposition"] = f'attachment; filename="{nama}"'
    return respons


@login_required
@permission_required("laporan.view_laporandesa", raise_exception=True)
def fidal_index(request):
    """The menu's entry: the month being reported (or `?bulan=`)."""
    bulan = bulan_param(request, default=jadwal.bulan_laporan_berjalan())
    return redirect("laporan:fidal", bulan=f"{bulan:%Y-%m}")


@login_required
@permission_required("laporan.view_laporandesa", raise_exception=True)
def fidal_bulan(request, bulan):
    """The month's F/I/Dal/13 documents for the user's kecamatan (all for the Dinas)."""
    bln = _bulan(bulan)
    kecamatan = _kecamatan_terlihat(request.user)
    berkas = dokumen_fidal.fidal_daftar(bulan=bln, user=request.user)
    terakhir = {}
    for b in berkas:
        terakhir.setdefault(b.parameter.get("wilayah_id"), b)
    return render(
        request,
        "laporan/fidal.html",
        {
            "bulan": bln,
            "sebelum": jadwal.geser_bulan(bln, -1),
            "sesudah": jadwal.geser_bulan(bln, 1),
            "kecamatan": [(k, terakhir.get(k.pk)) for k in kecamatan],
            "kabupaten": _boleh_kabupaten(request.user),
            "terakhir_kabupaten": terakhir.get(None),
            "berkas": berkas,
            "judul": "Laporan F/I/Dal/13",
        },
    )


@login_required
@permission_required("laporan.view_laporandesa", raise_exception=True)
@require_POST
def fidal_minta(request, bulan):
    """Ask the worker for a kecamatan's PDF (`kecamatan`) or the kabupaten's (none given)."""
    bln = _bulan(bulan)
    kec = _kecamatan(request.user, request.POST.get("kecamatan"))
    if kec is None and not _boleh_kabupaten(request.user):
        raise PermissionDenied
    berkas = dokumen_fidal.fidal_minta(bulan=bln, kecamatan=kec, oleh=request.user)
    nama = f"Rekap F/I/Dal/13 {kec.nama if kec else 'kabupaten'} (versi {berkas.versi})"
    kabari_permintaan(request, berkas, nama)
    return redirect("laporan:fidal", bulan=f"{bln:%Y-%m}")


@login_required
@permission_required("laporan.view_laporandesa", raise_exception=True)
def fidal_xlsx(request, bulan):
    """The workbook of a level: `?tingkat=desa` (the user's desa, or one kecamatan's with
    `&kecamatan=`), `kecamatan` (one kecamatan's desa and its sums) or `kabupaten` (Dinas)."""
    bln = _bulan(bulan)
    tingkat = request.GET.get("tingkat") or "desa"
    if tingkat not in dokumen_fidal.TINGKAT_XLSX:
        raise Http404("Tingkat tidak dikenal.")
    kec = _kecamatan(request.user, request.GET.get("kecamatan"))
    if tingkat == "kabupaten" and not _boleh_kabupaten(request.user):
        raise PermissionDenied
    if tingkat == "kecamatan" and kec is None:
        raise Http404("Pilih kecamatan.")
    nama, isi = dokumen_fidal.xlsx_fidal(
        bulan=bln,
        tingkat=tingkat,
        desa_ids=cakupan(request.user),
        kecamatan=kec,
    )
    respons = HttpResponse(isi, content_type=MIME_XLSX)
    respons["Content-Disposition"] = f'attachment; filename="{nama}"'
    return respons
