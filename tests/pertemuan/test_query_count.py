"""List pages: the number of queries does not grow with the number of rows."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import KaderFactory
from tests.pertemuan.factories import (
    KonselingFactory,
    PelatihanFactory,
    PertemuanFactory,
    PesertaPelatihanFactory,
    PoktanFactory,
    SesiKIEFactory,
    TindakLanjutFactory,
    pus,
)

pytestmark = pytest.mark.django_db


def _buat(nama, area, n):
    for i in range(n):
        if nama == "pertemuan:list":
            p = PertemuanFactory(wilayah=area.desa_a, institusi=area.ppkbd_a)
            p.kader_hadir.add(KaderFactory(institusi=area.ppkbd_a))
        elif nama == "pertemuan:tindak_lanjut_list":
            TindakLanjutFactory(masalah__pertemuan__wilayah=area.desa_a)
        elif nama == "pertemuan:kie_list":
            SesiKIEFactory(wilayah=area.dusun_a1)
        elif nama in ("pertemuan:konseling_list", "pertemuan:konseling_jatuh_tempo"):
            KonselingFactory(
                anggota=pus(dusun=area.dusun_a1, nama=f"Ibu {i}"),
                kader=KaderFactory(institusi=area.ppkbd_a),
                tanggal_tindak_lanjut=date(2025, 1, 1),
            )
        elif nama == "pertemuan:poktan_list":
            PoktanFactory(wilayah=area.dusun_a1)
        elif nama == "pertemuan:pelatihan_list":
            PesertaPelatihanFactory(
                pelatihan=PelatihanFactory(wilayah=area.desa_a),
                kader=KaderFactory(institusi=area.ppkbd_a),
            )
        elif nama == "pertemuan:belum_dilatih":
            KaderFactory(institusi=area.ppkbd_a)
        elif nama == "pertemuan:jadwal":
            PertemuanFactory(wilayah=area.desa_a, institusi=area.ppkbd_a, tanggal=date(2099, 1, 1))


def _hitung(client, url) -> int:
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return len(q)


@pytest.mark.parametrize(
    "nama",
    [
        "pertemuan:list",
        "pertemuan:tindak_lanjut_list",
        "pertemuan:kie_list",
        "pertemuan:konseling_list",
        "pertemuan:konseling_jatuh_tempo",
        "pertemuan:poktan_list",
        "pertemuan:pelatihan_list",
        "pertemuan:belum_dilatih",
        "pertemuan:jadwal",
    ],
)
def test_list_query_count_is_flat(client, users, area, nama, django_assert_max_num_queries):
    client.force_login(users.ppkbd)
    url = reverse(nama)
    _buat(nama, area, 5)
    sedikit = _hitung(client, url)
    _buat(nama, area, 45)
    with django_assert_max_num_queries(sedikit):
        client.get(url)
    assert sedikit <= 15
