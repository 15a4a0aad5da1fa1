"""Demo data of the programme activities (pertemuan/demo_program.py, via pertemuan.demo)."""

import io

import pytest
from django.db.models import Sum

from pertemuan.models import (
    AkseptorPelayanan,
    KelompokMasyarakat,
    KeterlibatanMitra,
    PelayananKB,
    Sosialisasi,
)

pytestmark = pytest.mark.django_db


def test_demo_program_data_reachable_and_created_once():
    from kader import demo as kader_demo
    from kader.services import wilayah_muat
    from pendataan import demo as pendataan_demo
    from pertemuan import demo

    wilayah_muat()
    kader_demo.isi_demo(skala="demo", stdout=io.StringIO())
    pendataan_demo.isi_demo(skala="demo", stdout=io.StringIO())
    demo.isi_demo(skala="demo", stdout=io.StringIO())
    jumlah = (
        Sosialisasi.objects.count(),
        PelayananKB.objects.count(),
        AkseptorPelayanan.objects.aggregate(n=Sum("jumlah"))["n"],
        KeterlibatanMitra.objects.filter(pertemuan__isnull=False).count(),
        KeterlibatanMitra.objects.filter(pelayanan__isnull=False).count(),
        KelompokMasyarakat.objects.filter(induk__isnull=False).count(),
    )
    assert all(jumlah), jumlah
    assert AkseptorPelayanan.objects.filter(perubahan_status__peserta_baru=True).exists()
    # every grown group keeps its parent's root institution
    for k in KelompokMasyarakat.objects.filter(induk__isnull=False).select_related("induk"):
        assert k.institusi_asal_id == k.induk.institusi_asal_id
    demo.isi_demo(skala="demo")
    assert (Sosialisasi.objects.count(), PelayananKB.objects.count()) == jumlah[:2]
