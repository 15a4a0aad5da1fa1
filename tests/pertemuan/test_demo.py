import io

import pytest

from kader.models import TransaksiKas
from pertemuan.models import Konseling, Pertemuan, PesertaPelatihan, SesiKIE

pytestmark = pytest.mark.django_db


def test_demo_data_is_created_once(django_assert_max_num_queries):
    from kader import demo as kader_demo
    from kader.services import wilayah_muat
    from pendataan import demo as pendataan_demo
    from pertemuan import demo

    wilayah_muat()
    kader_demo.isi_demo(skala="demo", stdout=io.StringIO())
    pendataan_demo.isi_demo(skala="demo", stdout=io.StringIO())
    keluaran = io.StringIO()
    hasil = demo.isi_demo(skala="demo", stdout=keluaran)
    assert hasil["ppkbd"] == 5 and "PPKBD lengkap" in keluaran.getvalue()
    jumlah = (
        Pertemuan.objects.count(),
        SesiKIE.objects.count(),
        Konseling.objects.count(),
        TransaksiKas.objects.count(),
        PesertaPelatihan.objects.count(),
    )
    assert all(jumlah), jumlah
    assert demo.isi_demo(skala="demo")["ppkbd"] == 0
    assert (Pertemuan.objects.count(), TransaksiKas.objects.count()) == (jumlah[0], jumlah[3])
