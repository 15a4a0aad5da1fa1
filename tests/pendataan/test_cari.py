"""Name search of the register (pendataan/cari.py) on PostgreSQL's full-text and trigram indexes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pendataan.cari import (
    HasilCari,
    cari_nama,
    keluarga_awal_kata,
    keluarga_cocok_nama,
    kueri_awal_kata,
    saring_id,
)
from pendataan.models import Anggota, Keluarga
from tests.pendataan.factories import anggota_buat, pus_buat

pytestmark = pytest.mark.django_db


def test_query_keeps_only_words():
    assert kueri_awal_kata("  Rahma  Sese ") == "rahma & sese:*"
    assert kueri_awal_kata("Rahma Sese", semua_awalan=True) == "rahma:* & sese:*"
    assert kueri_awal_kata("Ta'le") == "ta & le:*"  # as PostgreSQL's parser splits the name
    assert kueri_awal_kata("') | !x & (:*") == "x:*"
    assert kueri_awal_kata("'&|!:*") == ""


def test_every_word_starts_a_name_word_in_any_order(area):
    a = pus_buat(dusun=area.dusun_a1, nama="Rahmawati Daeng Sese")
    b = pus_buat(dusun=area.dusun_a1, nama="Rahmatia Sewang")
    pus_buat(dusun=area.dusun_a1, nama="Hartati Tiro")
    assert keluarga_cocok_nama("rahmawati se", 100) == [a.keluarga_id]  # as one types
    assert keluarga_cocok_nama("SESE rahmawati", 100) == [a.keluarga_id]  # any order
    assert keluarga_cocok_nama("rahma sese", 100) == [a.keluarga_id]  # second try: all prefixes
    assert keluarga_cocok_nama("rahma", 100) == sorted([a.keluarga_id, b.keluarga_id])
    assert keluarga_cocok_nama("Ta'le", 100) == []


def test_falls_back_to_contains_when_no_word_starts_so(area):
    a = pus_buat(dusun=area.dusun_a1, nama="Hartati Tiro")
    assert keluarga_cocok_nama("tati", 100) == [a.keluarga_id]  # inside a word
    assert keluarga_cocok_nama("tiro hartono", 100) == []  # neither way


def test_common_name_returns_the_subquery_not_thousands_of_ids(area):
    for _ in range(4):
        pus_buat(dusun=area.dusun_a1, nama="Siti Hasnah")
    cocok = keluarga_cocok_nama("siti", 3)
    assert not isinstance(cocok, list)
    assert cocok.count() == 4


def test_word_search_uses_the_full_text_index(area):
    """The WHERE expression must be the index's own expression, or the index is never used."""
    pus_buat(dusun=area.dusun_a1, nama="Rahmawati Sese")
    sql, params = keluarga_awal_kata("rahmawati sese").query.sql_with_params()
    with connection.cursor() as c:
        c.execute("SET LOCAL enable_seqscan = off")  # a test table is small enough to scan
        # ... and to read whole the (keluarga_id) index that carries the words too (0015).
        c.execute("SET LOCAL enable_indexonlyscan = off")
        c.execute("SET LOCAL enable_indexscan = off")
        c.execute("EXPLAIN " + sql, params)
        rencana = "\n".join(r[0] for r in c.fetchall())
    assert "pendataan_anggota_nama_fts" in rencana


def test_hasil_cari_tahu_jumlah_keluarga_bila_bisa(area):
    """cari_nama reads up to 2 * (batas + 1) members: the number of matching families is known
    exactly (all read), as "more than batas" (batas + 1), or not known (few families, many
    members past what it reads)."""
    a = pus_buat(dusun=area.dusun_a1, nama="Siti Hasnah")
    b = pus_buat(dusun=area.dusun_a1, nama="Siti Aminah")
    hasil = cari_nama("siti", 3)
    assert hasil.keluarga == sorted([a.keluarga_id, b.keluarga_id])
    assert hasil.jumlah == 2
    assert cari_nama("tidakada", 3) == HasilCari([], 0)

    for _ in range(3):
        pus_buat(dusun=area.dusun_a1, nama="Siti Rahma")
    hasil = cari_nama("siti", 3)  # 5 families > 3
    assert not isinstance(hasil.keluarga, list)
    assert hasil.jumlah == 4
    assert sorted(set(hasil.keluarga)) == sorted(set(hasil.keluarga.all()))

    # One family with 9 "Nurul" (more than the 8 read): one family, but not known.
    keluarga = Keluarga.objects.get(pk=a.keluarga_id)
    for i in range(9):
        anggota_buat(keluarga=keluarga, nama=f"Nurul {i}")
    hasil = cari_nama("nurul", 3)
    assert not isinstance(hasil.keluarga, list)
    assert hasil.jumlah is None
    assert set(hasil.keluarga) == {keluarga.pk}


def test_saring_id_sama_dengan_daftar_in(area):
    """The ids of a search as one text array: the same rows as `pk__in`, also inside a
    subquery (aliases relabelled), and nothing for no id."""
    for i in range(6):
        pus_buat(dusun=area.dusun_a1, nama=f"Siti {i}")
    semua = list(Keluarga.objects.values_list("pk", flat=True))
    pilih = semua[::2]
    qs = saring_id(Keluarga.objects.all(), pilih)
    assert sorted(qs.values_list("pk", flat=True)) == sorted(pilih)
    sql, params = qs.query.sql_with_params()
    assert "= ANY(%s::bigint[])" in sql and len(params) == 1
    luar = Keluarga.objects.filter(pk__in=qs.values("pk"))
    assert sorted(luar.values_list("pk", flat=True)) == sorted(pilih)
    assert not saring_id(Keluarga.objects.all(), []).exists()


def test_daftar_cari_nama_satu_parameter_untuk_id(client, users, area):
    """A search that finds 40 families sends their ids as one parameter, and lists them all."""
    for i in range(40):
        pus_buat(dusun=area.dusun_a1, nama=f"Hasnah Nomor{i}")
    client.force_login(users.ppkbd)
    with CaptureQueriesContext(connection) as kueri:
        resp = client.get(reverse("pendataan:keluarga_list"), {"q": "hasnah", "per_page": 50})
    assert resp.context["table"].paginator.count == 40
    halaman = [q["sql"] for q in kueri.captured_queries if "pendataan_keluarga" in q["sql"]]
    # One array for the search's family ids, one for the user's areas (kader.scoping).
    assert halaman and all(q.count("::bigint[]") <= 2 for q in halaman)
    assert not any(" IN (" in q and q.count(", ") > 40 for q in halaman)


def test_kata_nama_ikut_berubah_bersama_nama(area):
    """The stored words (nama_vektor, generated by PostgreSQL) follow a renamed member."""
    a = pus_buat(dusun=area.dusun_a1, nama="Rahmawati Sese")
    Anggota.objects.filter(pk=a.pk).update(nama="Nurhayati Tiro")
    assert keluarga_cocok_nama("rahmawati", 100) == []
    assert keluarga_cocok_nama("nurhayati ti", 100) == [a.keluarga_id]
    assert _keluarga_halaman("nurhayati") == [a.keluarga_id]


def _keluarga_halaman(teks):
    """The families of the list's page query (a member subquery under alias U0)."""
    qs = Keluarga.objects.filter(pk__in=keluarga_awal_kata(teks)).order_by("nama_kepala", "pk")
    return list(qs.values_list("pk", flat=True)[:25])


def test_cari_nama_dalam_wilayah_pengguna(users, area):
    """With a user limited to some areas, only their families are read and counted: the
    district's matches elsewhere neither fill the cap nor count."""
    dalam = [pus_buat(dusun=area.dusun_a1, nama=f"Siti Dalam{i}").keluarga_id for i in range(2)]
    for i in range(5):  # Kecamatan L: outside the koordinator's Kecamatan K
        pus_buat(dusun=area.dusun_x1, nama=f"Siti Luar{i}")
    assert cari_nama("siti", 3).jumlah == 4  # the district: more than 3
    hasil = cari_nama("siti", 3, pengguna=users.koordinator)
    assert hasil == HasilCari(sorted(dalam), 2)
    assert cari_nama("siti", 3, pengguna=users.dinas).jumlah == 4  # the Dinas sees all
    assert cari_nama("dalam1", 3, pengguna=users.koordinator).keluarga == [dalam[1]]  # contains
    assert cari_nama("luar", 3, pengguna=users.koordinator) == HasilCari([], 0)


def test_daftar_koordinator_cari_nama_sama_dengan_saringan_wilayah(
    client, users, area, monkeypatch
):
    """The koordinator's list of a name: the same rows and count as the families of his areas
    with such a member, the cap message when more than the cap are in his areas, and no COUNT
    over the member subquery."""
    from pendataan import filters

    monkeypatch.setattr(filters, "BATAS_ID_CARI", 3)
    for i in range(3):
        pus_buat(dusun=area.dusun_a1, nama=f"Hasnah Dalam{i}")
    for i in range(4):
        pus_buat(dusun=area.dusun_x1, nama=f"Hasnah Luar{i}")
    client.force_login(users.koordinator)
    url = reverse("pendataan:keluarga_list")
    with CaptureQueriesContext(connection) as kueri:
        resp = client.get(url, {"q": "hasnah"})
    harap = Keluarga.objects.filter(
        desa__induk=area.kec_k, anggota__nama__icontains="hasnah"
    ).distinct()
    assert resp.context["table"].paginator.count == 3
    assert resp.context["terbatas"] is False
    assert sorted(r.record.pk for r in resp.context["table"].paginated_rows) == sorted(
        harap.values_list("pk", flat=True)
    )
    assert not any("__count" in q["sql"] for q in kueri.captured_queries)  # no paginator COUNT

    pus_buat(dusun=area.dusun_a2, nama="Hasnah Dalam3")  # four in his areas: past the cap
    resp = client.get(url, {"q": "hasnah"})
    assert resp.context["terbatas"] is True
    assert resp.context["table"].paginator.count == 3
    assert all(r.record.desa_id == area.desa_a.pk for r in resp.context["table"].paginated_rows)
    assert "Lebih dari 3 data cocok" in resp.content.decode()


def test_percobaan_yang_menang_tetap_diputuskan_sekabupaten(client, users, area):
    """Which try wins is decided over the district, as when the areas were applied to the list
    afterwards: a name that starts a word only outside the user's areas ends the search there,
    though the text is inside a name within them."""
    luar = pus_buat(dusun=area.dusun_x1, nama="Tati Luar")
    pus_buat(dusun=area.dusun_a1, nama="Hartati Dalam")  # "tati" inside a word only
    assert cari_nama("tati", 3) == HasilCari([luar.keluarga_id], 1)
    assert cari_nama("tati", 3, pengguna=users.koordinator) == HasilCari([], 0)
    client.force_login(users.koordinator)
    resp = client.get(reverse("pendataan:keluarga_list"), {"q": "tati"})
    assert resp.context["table"].paginator.count == 0
