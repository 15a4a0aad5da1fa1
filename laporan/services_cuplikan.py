"""Dashboard snapshots: the worker counts the register so that the dashboard does not."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from kader.scoping import SEMUA
from laporan import jadwal, selectors, selectors_dasbor
from laporan.models import CuplikanDesa


def cuplikan_perbarui(*, n_bulan: int = 2, sampai: date | None = None) -> int:
    """Recompute every desa's live figures for the last `n_bulan` months up to `sampai`
    (default: this month). One transaction per month; returns the rows written."""
    sampai = sampai or timezone.localdate().replace(day=1)
    ditulis = 0
    for bulan in jadwal.bulan_terakhir(n_bulan, sampai):
        angka = selectors.angka_otomatis_desa(bulan=bulan, desa_ids=SEMUA)  # every desa
        sekarang = timezone.now()
        baris = [
            CuplikanDesa(bulan=bulan, desa_id=desa_id, angka=isi, dihitung=sekarang)
            for desa_id, isi in angka.items()
        ]
        with transaction.atomic():
            CuplikanDesa.objects.bulk_create(
                baris,
                update_conflicts=True,
                unique_fields=["bulan", "desa"],
                update_fields=["angka", "dihitung"],
                batch_size=500,
            )
        ditulis += len(baris)
    selectors_dasbor.dasbor_usang()
    return ditulis


def cuplikan_perbarui_dan_panaskan(*, n_bulan: int = 2) -> int:
    """The beat job: refresh the snapshots, then warm the dashboards of the report month."""
    ditulis = cuplikan_perbarui(n_bulan=n_bulan)
    selectors_dasbor.dasbor_panaskan(bulan=jadwal.bulan_laporan_berjalan())
    return ditulis
