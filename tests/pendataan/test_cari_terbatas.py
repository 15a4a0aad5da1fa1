"""A name that thousands of members share: the family list counts at most BATAS_ID_CARI families
and says so ("lebih dari …", how to narrow), showing the first ones in the list's order; a search
that matches fewer families keeps its exact count."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
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


def _hitungan(kueri):
    return [q["sql"] for q in kueri.captured_queries if q["sql"].startswith("SELECT COUNT(*)")]


def test_dinas_tanpa_saringan_lain_tidak_menghitung_ulang(client, users, area, batas_tiga):
    """The Dinas searching a name alone: the search read enough members to know the count (or
    that it passes the cap); the list shows the same count and rows with no COUNT query."""
    for kepala in ("Eka", "Budi", "Dodi", "Ali", "Citra"):
        _keluarga(area.dusun_a1, kepala, f"Faisal {kepala}")
    _keluarga(area.dusun_x1, "Fajar", "Faisal Fajar")
    client.force_login(users.dinas)
    with CaptureQueriesContext(connection) as kueri:
        resp = client.get(URL, {"q": "faisal"})
    assert _hitungan(kueri) == []
    assert resp.context["terbatas"] is True
    assert resp.context["table"].paginator.count == 3
    assert _kepala(resp) == ["Ali", "Budi", "Citra"]
    assert "Lebih dari 3 data cocok" in resp.content.decode()

    with CaptureQueriesContext(connection) as kueri:
        resp = client.get(URL, {"q": "faisal citra"})  # one family: exact, no COUNT either
    assert _hitungan(kueri) == []
    assert resp.context["terbatas"] is False
    assert resp.context["table"].paginator.count == 1
    assert _kepala(resp) == ["Citra"]


def test_dinas_dengan_saringan_lain_tetap_dihitung(client, users, area, batas_tiga):
    """With another filter (a desa) the search's own count is not the list's: counted by SQL."""
    for kepala in ("Eka", "Budi", "Dodi", "Ali"):
        _keluarga(area.dusun_x1, kepala, f"Faisal {kepala}")  # another desa
    _keluarga(area.dusun_a1, "Citra", "Faisal Citra")
    client.force_login(users.dinas)
    resp = client.get(URL, {"q": "faisal", "desa": area.desa_a.pk})
    assert resp.context["table"].paginator.count == 1
    assert resp.context["terbatas"] is False
    assert _kepala(resp) == ["Citra"]


def test_banyak_anggota_sedikit_keluarga_tanpa_jumlah_dihitung_sql(client, users, area, batas_tiga):
    # Nine matching members (past the 8 the search reads) in two families: the search does not
    # know the count, the list counts it exactly.
    _keluarga(area.dusun_a1, "Ali", *[f"Faisal {i}" for i in range(5)])
    _keluarga(area.dusun_a1, "Budi", *[f"Faisal {i}" for i in range(4)])
    client.force_login(users.dinas)
    resp = client.get(URL, {"q": "faisal"})
    assert resp.context["terbatas"] is False
    assert resp.context["table"].paginator.count == 2
    assert _kepala(resp) == ["Ali", "Budi"]
