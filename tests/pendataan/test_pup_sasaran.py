"""Worklist category "Perkawinan di bawah usia ideal" (PUP) and the birth-spacing advice on the
worklist and the family page: per view (anonymous, wrong role, other area, happy path), the
12-month window and the 21st/25th birthday at its edges, bounded queries."""

import io
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from imp_smart.bulan import geser_bulan
from laporan.selectors_program import nikah_bawah_usia_ideal_desa
from pendataan import selectors_sasaran as sasaran
from pendataan import services
from pendataan.models import Hubungan, Mutasi, StatusKawin
from tests.pendataan.factories import anggota_buat, keluarga_buat, pus_buat

pytestmark = pytest.mark.django_db

BULAN = "2026-06"  # the window: 1 July 2025 – 30 June 2026
URL = "pendataan:sasaran"


def _nikah(kel, *, jk, lahir, tanggal, nama):
    a = anggota_buat(
        keluarga=kel,
        jenis_kelamin=jk,
        lahir=lahir,
        nama=nama,
        hubungan=Hubungan.KEPALA if jk == "L" else Hubungan.PASANGAN,
        status_kawin=StatusKawin.BELUM,
    )
    services.mutasi_catat(anggota=a, jenis=Mutasi.Jenis.MENIKAH, tanggal=tanggal)
    return a


def _pasangan(dusun, *, istri=None, suami=None, tanggal, nama="Istri"):
    kel = keluarga_buat(dusun=dusun, nama_kepala=f"Kepala {nama}")
    if suami:
        _nikah(kel, jk="L", lahir=suami, tanggal=tanggal, nama=f"Suami {nama}")
    if istri:
        _nikah(kel, jk="P", lahir=istri, tanggal=tanggal, nama=nama)
    return kel


@pytest.fixture
def nikah(area):
    hari = date(2026, 3, 15)
    # On the 21st and 25th birthday: not below the ideal age.
    _pasangan(
        area.dusun_a1, istri=date(2005, 3, 15), suami=date(2001, 3, 15), tanggal=hari, nama="Pas"
    )
    # The wife one day short of 21: below (the husband 26).
    _pasangan(
        area.dusun_a1, istri=date(2005, 3, 16), suami=date(2000, 1, 1), tanggal=hari, nama="Muda"
    )
    # Only the husband recorded, one day short of 25: below, the husband is named.
    _pasangan(area.dusun_a1, suami=date(2001, 3, 16), tanggal=hari, nama="Sendiri")
    # Exactly 12 months before the month's end: out; the next day: in.
    _pasangan(area.dusun_a1, istri=date(2006, 1, 1), tanggal=date(2025, 6, 30), nama="Lama")
    _pasangan(area.dusun_a1, istri=date(2006, 1, 1), tanggal=date(2025, 7, 1), nama="Awal")
    # After the month: out.
    _pasangan(area.dusun_a1, istri=date(2006, 1, 1), tanggal=date(2026, 7, 1), nama="Nanti")
    # Dusun A2 (not the Sub-PPKBD's) and desa X (nobody's here).
    _pasangan(area.dusun_a2, istri=date(2007, 1, 1), tanggal=hari, nama="Tetangga")
    _pasangan(area.dusun_x1, istri=date(2007, 1, 1), tanggal=hari, nama="Jauh")


def _pup(resp):
    return {x["nama"]: x for x in resp.context["daftar"] if x["kode"] == "pup"}


def test_anonymous_is_sent_to_login(client):
    resp = client.get(reverse(URL), {"kategori": "pup"})
    assert resp.status_code == 302 and resp["Location"].startswith(reverse("login"))


def test_user_without_a_role_gets_403(client):
    tamu = get_user_model().objects.create_user(username="tamu", password="rahasia-uji-123")
    client.force_login(tamu)
    assert client.get(reverse(URL), {"kategori": "pup"}).status_code == 403


def test_other_area_is_404(client, users, area, nikah):
    for user in (users.sub_ppkbd, users.ppkbd, users.penyuluh):
        client.force_login(user)
        resp = client.get(reverse(URL), {"wilayah": area.dusun_x1.pk, "bulan": BULAN})
        assert resp.status_code == 404


def test_sub_ppkbd_sees_the_young_marriages_of_her_dusun_with_the_ages(client, users, nikah):
    client.force_login(users.sub_ppkbd)
    resp = client.get(reverse(URL), {"bulan": BULAN, "kategori": "pup"})
    assert resp.status_code == 200
    pup = _pup(resp)
    assert set(pup) == {"Muda", "Suami Sendiri", "Awal"}
    assert pup["Muda"]["rincian"] == "Menikah 15/03/2026: suami 26 th, istri 20 th"
    assert pup["Suami Sendiri"]["rincian"] == "Menikah 15/03/2026: suami 24 th"
    assert pup["Awal"]["rincian"] == "Menikah 01/07/2025: istri 19 th"
    # The wife is a PUS without status; the husband is no PUS.
    assert pup["Muda"]["status"] == "tanpa status" and pup["Suami Sendiri"]["status"] == "–"
    # Filtered: PUP rows only; the counts are of the whole list.
    assert {x["kode"] for x in resp.context["daftar"]} == {"pup"}
    jumlah = {kode: n for kode, _, n in resp.context["jumlah_kategori"]}
    assert jumlah["pup"] == 3
    assert resp.context["jumlah_semua"] == sum(jumlah.values()) > 3
    body = resp.content.decode()
    assert "Perkawinan di bawah usia ideal (konseling PUP)" in body
    assert "Menikah 15/03/2026: suami 26 th, istri 20 th" in body
    assert 'aria-current="page"' in body


def test_ppkbd_sees_the_whole_desa_and_the_count_matches_laporan(client, users, area, nikah):
    client.force_login(users.ppkbd)
    resp = client.get(reverse(URL), {"wilayah": area.desa_a.pk, "bulan": BULAN})
    pup = _pup(resp)
    assert set(pup) == {"Muda", "Suami Sendiri", "Awal", "Tetangga"}
    # The same rule as the programme measures: the sum of the 12 monthly PUP counts.
    bulan = date(2026, 6, 1)
    laporan = sum(
        nikah_bawah_usia_ideal_desa(bulan=geser_bulan(bulan, -i), desa_ids=[area.desa_a.pk]).get(
            area.desa_a.pk, 0
        )
        for i in range(12)
    )
    assert laporan == len(pup) == 4


def test_unknown_category_shows_everything(client, users, nikah):
    client.force_login(users.sub_ppkbd)
    semua = client.get(reverse(URL), {"bulan": BULAN}).context["daftar"]
    salah = client.get(reverse(URL), {"bulan": BULAN, "kategori": "<x>"})
    assert salah.status_code == 200 and salah.context["kategori"] is None
    assert len(salah.context["daftar"]) == len(semua)
    assert {x["kode"] for x in semua} >= {"pup", "tanpa_status"}


def test_xlsx_of_the_category_has_the_reason_and_advice(client, users, area, nikah):
    client.force_login(users.sub_ppkbd)
    resp = client.get(
        reverse(URL),
        {"wilayah": area.dusun_a1.pk, "bulan": BULAN, "kategori": "pup", "format": "xlsx"},
    )
    ws = load_workbook(io.BytesIO(resp.content)).active
    baris = list(ws.iter_rows(values_only=True))
    assert baris[0][:4] == ("prioritas", "alasan", "rincian", "nama")
    assert {r[3] for r in baris[1:]} == {"Muda", "Suami Sendiri", "Awal"}
    assert "Menikah 15/03/2026: suami 26 th, istri 20 th" in {r[2] for r in baris[1:]}


def test_worklist_rows_of_pus_women_carry_the_spacing_advice(client, users, area):
    ibu = pus_buat(dusun=area.dusun_a1, lahir=date(1990, 1, 1), nama="Ibu Tiga")
    for i, lahir in enumerate((date(2012, 1, 1), date(2016, 1, 1), date(2024, 1, 1))):
        anggota_buat(
            keluarga=ibu.keluarga,
            lahir=lahir,
            nama=f"Anak {i}",
            hubungan=Hubungan.ANAK,
            status_kawin=StatusKawin.BELUM,
        )
    client.force_login(users.sub_ppkbd)
    resp = client.get(reverse(URL), {"bulan": BULAN})
    baris = [x for x in resp.context["daftar"] if x["nama"] == "Ibu Tiga"]
    assert baris and {x["nasihat"] for x in baris} == {
        "Usia ibu 36 th, anak 3 — disarankan tidak menambah anak (MKJP)"
    }
    assert "Usia ibu 36 th, anak 3 — disarankan tidak menambah anak (MKJP)" in (
        resp.content.decode()
    )


def test_family_page_shows_the_advice_of_each_pus(client, users, area):
    ibu = pus_buat(dusun=area.dusun_a1, lahir=date(1995, 1, 1), nama="Ibu Bayi")
    anggota_buat(
        keluarga=ibu.keluarga,
        lahir=timezone.localdate() - timedelta(days=200),
        nama="Bayi",
        hubungan=Hubungan.ANAK,
        status_kawin=StatusKawin.BELUM,
    )
    client.force_login(users.sub_ppkbd)
    body = client.get(ibu.keluarga.get_absolute_url()).content.decode()
    assert "Nasihat jarak kelahiran: Anak bungsu 0 th — jarak kelahiran &lt; 3 th: tunda" in body
    # The husband and the baby are no PUS: one advice line only.
    assert body.count("Nasihat jarak kelahiran") == 1
    # Her own page too; the husband's has none.
    teks = "Nasihat jarak kelahiran: Anak bungsu 0 th"
    assert teks in client.get(reverse("pendataan:anggota_detail", args=[ibu.pk])).content.decode()
    suami = ibu.keluarga.anggota.get(jenis_kelamin="L")
    body = client.get(reverse("pendataan:anggota_detail", args=[suami.pk])).content.decode()
    assert "Nasihat jarak kelahiran" not in body


def test_worklist_query_count_is_flat(client, users, area, django_assert_max_num_queries):
    client.force_login(users.ppkbd)
    for n in (3, 20):
        while Mutasi.objects.count() < 2 * n:
            _pasangan(
                area.dusun_a1,
                istri=date(2007, 1, 1),
                suami=date(2003, 1, 1),
                tanggal=date(2026, 1, 10),
            )
        with django_assert_max_num_queries(13):
            resp = client.get(reverse(URL), {"wilayah": area.desa_a.pk, "bulan": BULAN})
        assert sum(x["kode"] == "pup" for x in resp.context["daftar"]) == n


def test_selector_fails_closed_without_an_area():
    with pytest.raises((TypeError, ValueError)):
        sasaran._pup(bulan=date(2026, 6, 1), wilayah_ids=None, status_pus={})
