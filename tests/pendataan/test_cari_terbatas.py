"""A name that thousands of members share: the family list counts at most BATAS_ID_CARI families
and says so ("lebih dari …", how to narrow), showing the first ones in the list's order; a search
that matches fewer families keeps its exact count."""

from datetime import date

import pytest
from django.urls import reverse

from pendataan import filters
from pendataan.models import Hubungan, Keluarga
from tests.pendataan.factories import anggota_buat, keluarga_buat

pytestmark = pytest.mark.django_db

URL = reverse("pendataan:keluarga_list")


@pytest.fixture
def batas_tiga(monkeypatch):
    monkeypatch.setattr(filters, "BATAS_ID_CARI", 3)


def _keluarga(dusun, kepala, *nama_anak):
    kel = keluarga_buat(dusun=dusun, nama_kepala=kepala)
    for nama in nama_anak:
        anggota_buat(keluarga=kel, nama=nama, hubungan=Hubungan.ANAK, lahir=date(2012, 1, 1))
    return kel


def _kepala(resp):
    return [row.record.nama_kepala for row in resp.context["table"].paginated_rows]


def test_nama_umum_dihitung_sampai_batas_dan_diberi_tahu(
    client, users, area, batas_tiga, django_assert_max_num_queries
):
    for kepala in ("Eka", "Budi", "Dodi", "Ali", "Citra"):
        _keluarga(area.dusun_a1, kepala, f"Faisal {kepala}")
    _keluarga(area.dusun_a1, "Abu", "Hasnah")  # no Faisal
    client.force_login(users.dinas)
    with django_assert_max_num_queries(12):
        resp = client.get(URL, {"q": "faisal"})
    assert resp.context["terbatas"] is True
    assert resp.context["table"].paginator.count == 3
    # The first three families in the list's order, as without the cap.
    semua = Keluarga.objects.filter(anggota__nama__startswith="Faisal").order_by("nama_kepala")
    assert _kepala(resp) == [k.nama_kepala for k in semua[:3]] == ["Ali", "Budi", "Citra"]
    body = resp.content.decode()
    assert "Lebih dari 3 data cocok" in body
    assert "Persempit pencarian" in body
    # Sorted the other way: the first three of that order.
    turun = client.get(URL, {"q": "faisal", "sort": "-nama_kepala"})
    assert _kepala(turun) == ["Eka", "Dodi", "Citra"]


def test_mempersempit_memberi_jumlah_tepat(client, users, area, batas_tiga):
    for kepala in ("Eka", "Budi", "Dodi", "Ali"):
        _keluarga(area.dusun_a1, kepala, f"Faisal {kepala}")
    _keluarga(area.dusun_a1, "Rahman", "Faisal Rahman")
    client.force_login(users.dinas)
    resp = client.get(URL, {"q": "faisal rahman"})  # two words: one member
    assert resp.context["terbatas"] is False
    assert resp.context["table"].paginator.count == 1
    body = resp.content.decode()
    assert "1 data" in body and "Lebih dari" not in body


def test_banyak_anggota_sedikit_keluarga_tetap_tepat(client, users, area, batas_tiga):
    # Four matching members (past the cap of 3 ids) in two families: counted exactly.
    _keluarga(area.dusun_a1, "Ali", "Faisal Satu", "Faisal Dua")
    _keluarga(area.dusun_a1, "Budi", "Faisal Tiga", "Faisal Empat")
    client.force_login(users.dinas)
    resp = client.get(URL, {"q": "faisal"})
    assert resp.context["terbatas"] is False
    assert resp.context["table"].paginator.count == 2
    assert "Lebih dari" not in resp.content.decode()


def test_batas_tetap_dalam_wilayah_pengguna(client, users, area, batas_tiga):
    for kepala in ("Ali", "Budi", "Citra", "Dodi"):
        _keluarga(area.dusun_x1, kepala, f"Faisal {kepala}")  # another desa
    _keluarga(area.dusun_a1, "Eka", "Faisal Eka")
    client.force_login(users.ppkbd)  # desa A
    resp = client.get(URL, {"q": "faisal"})
    assert resp.context["table"].paginator.count == 1
    assert _kepala(resp) == ["Eka"]
    assert resp.context["terbatas"] is False
