"""laporan's side of kader's draft SK page (registered in kader.berkas by LaporanConfig.ready):
the whole-kabupaten draft is one of laporan's file jobs (versioned, hashed, retried, swept)."""

from datetime import date

from django.template.loader import render_to_string


def minta(request, tahun: int) -> None:
    """Queue (or, without a broker, make) the draft of `tahun` and say so at once."""
    from laporan import services_rekap
    from laporan.models import BerkasRekap
    from laporan.views_rekap import kabari_permintaan

    berkas = services_rekap.rekap_minta(
        bulan=date(tahun, 1, 1), jenis=BerkasRekap.Jenis.DRAFT_SK, oleh=request.user
    )
    kabari_permintaan(request, berkas, f"Draf SK {tahun} seluruh kabupaten (versi {berkas.versi})")


def daftar(request, tahun: int | None):
    """The drafts made (that year's, or the latest ten), polled live by laporan/rekap.js."""
    from laporan.models import BerkasRekap

    berkas = BerkasRekap.objects.filter(jenis=BerkasRekap.Jenis.DRAFT_SK)
    if tahun:
        berkas = berkas.filter(bulan__year=tahun)
    return render_to_string(
        "laporan/_draft_sk_kabupaten.html",
        {"tahun": tahun, "berkas": list(berkas.order_by("-bulan", "-versi")[:10])},
        request=request,
    )
