"""Group-fund pages: anonymous → login, no permission → 403, another area → 404, happy paths."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from kader.dana import services as sd
from kader.models import KelompokArisan, TransaksiKas
from tests.factories import InstitusiFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def arisan_x(area):
    return sd.arisan_buat(institusi=area.ppkbd_x, nama="Arisan Anggrek", setoran=5000)


def halaman(area, arisan, arisan_x):
    inst = [
        ("kas_detail", area.ppkbd_a, area.ppkbd_x),
        ("transaksi", area.ppkbd_a, area.ppkbd_x),
        ("iuran", area.ppkbd_a, area.ppkbd_x),
        ("tarif", area.ppkbd_a, area.ppkbd_x),
        ("ringkasan", area.ppkbd_a, area.ppkbd_x),
        ("arisan_create", area.ppkbd_a, area.ppkbd_x),
        ("arisan_detail", arisan, arisan_x),
        ("arisan_anggota", arisan, arisan_x),
        ("arisan_setor", arisan, arisan_x),
        ("arisan_undi", arisan, arisan_x),
    ]
    return [
        (reverse(f"kader:dana:{n}", args=[a.pk]), reverse(f"kader:dana:{n}", args=[x.pk]))
        for n, a, x in inst
    ]


def test_pages_scope_and_permissions(client, users, area, arisan, arisan_x, tanpa_izin):
    daftar = [reverse("kader:dana:kas_list"), reverse("kader:dana:arisan_list")]
    for url in daftar:
        assert reverse("login") in client.get(url).url
    for sendiri, _ in halaman(area, arisan, arisan_x):
        assert reverse("login") in client.get(sendiri).url
    client.force_login(tanpa_izin)
    for url in daftar + [s for s, _ in halaman(area, arisan, arisan_x)]:
        assert client.get(url).status_code == 403, url
    client.force_login(users.ppkbd)
    for url in daftar:
        assert client.get(url).status_code == 200
    for sendiri, lain in halaman(area, arisan, arisan_x):
        assert client.get(sendiri).status_code == 200, sendiri
        assert client.get(lain).status_code == 404, lain


def test_koordinator_reads_but_cannot_write(client, users, area, arisan):
    client.force_login(users.koordinator)
    assert client.get(reverse("kader:dana:kas_detail", args=[area.ppkbd_a.pk])).status_code == 200
    assert client.get(reverse("kader:dana:transaksi", args=[area.ppkbd_a.pk])).status_code == 403
    resp = client.post(reverse("kader:dana:iuran", args=[area.ppkbd_a.pk]), {})
    assert resp.status_code == 403
    assert client.get(reverse("kader:dana:arisan_undi", args=[arisan.pk])).status_code == 403


def test_expense_over_balance_shows_message_on_form(client, users, area):
    client.force_login(users.ppkbd)
    url = reverse("kader:dana:transaksi", args=[area.ppkbd_a.pk])
    resp = client.post(
        url, {"jenis": "pengeluaran", "tanggal": "2025-03-01", "jumlah": "5000", "uraian": "ATK"}
    )
    assert resp.status_code == 200
    assert "Saldo kas tidak cukup" in str(resp.context["form"].non_field_errors())
    assert not TransaksiKas.objects.exists()
    resp = client.post(
        url,
        {"jenis": "pemasukan_lain", "tanggal": "2025-03-01", "jumlah": "abc", "uraian": "Donasi"},
    )
    assert resp.status_code == 200 and "jumlah" in resp.context["form"].errors


def test_dues_page_lists_unpaid_and_records_payment(client, users, area, kader3):
    client.force_login(users.ppkbd)
    client.post(
        reverse("kader:dana:tarif", args=[area.ppkbd_a.pk]),
        {"nominal": "5000", "berlaku_mulai": "2025-01"},
    )
    url = reverse("kader:dana:iuran", args=[area.ppkbd_a.pk]) + "?bulan=2025-03"
    resp = client.get(url)
    assert resp.context["belum"] == 3
    resp = client.post(url, {"kader": [kader3[0].pk, kader3[1].pk], "tanggal": "2025-03-05"})
    assert resp.status_code == 302
    assert TransaksiKas.objects.filter(jenis="iuran", bulan_iuran=date(2025, 3, 1)).count() == 2
    assert client.get(url).context["belum"] == 1


def test_arisan_create_members_payments_and_draw(client, users, area, kader3):
    client.force_login(users.ppkbd)
    resp = client.post(
        reverse("kader:dana:arisan_create", args=[area.ppkbd_a.pk]),
        {"nama": "Arisan Kader", "setoran": "20000"},
    )
    k = KelompokArisan.objects.get(nama="Arisan Kader")
    assert resp.status_code == 302 and resp.url == k.get_absolute_url()
    for kd in kader3:
        client.post(reverse("kader:dana:arisan_anggota", args=[k.pk]), {"kader": kd.pk})
    client.post(reverse("kader:dana:arisan_anggota", args=[k.pk]), {"nama": "Ibu Desa"})
    assert k.anggota.count() == 4
    client.post(
        reverse("kader:dana:arisan_setor", args=[k.pk]),
        {"anggota": list(k.anggota.values_list("pk", flat=True)), "tanggal": "2025-03-01"},
    )
    resp = client.post(
        reverse("kader:dana:arisan_undi", args=[k.pk]), {"tanggal": "2025-03-01"}, follow=True
    )
    putaran = k.putaran.get()
    assert putaran.jumlah_diterima == 80000
    assert f"Pemenang putaran 1 (siklus 1): {putaran.pemenang.nama}" in resp.content.decode()


def test_arisan_draw_page_refuses_a_round_with_nothing_collected(client, users, arisan):
    client.force_login(users.ppkbd)
    resp = client.post(
        reverse("kader:dana:arisan_undi", args=[arisan.pk]), {"tanggal": "2025-03-01"}
    )
    assert resp.status_code == 200  # the form again, with the reason on it
    html = resp.content.decode()
    assert "Belum ada setoran untuk putaran ini" in html
    assert not arisan.putaran.exists()
    assert not TransaksiKas.objects.filter(jenis="arisan_bayar").exists()


def test_ledger_and_summary_export_xlsx(client, users, area):
    sd.transaksi_catat(
        institusi=area.ppkbd_a,
        tanggal=date(2025, 3, 1),
        jenis="pemasukan_lain",
        jumlah=Decimal(25000),
        uraian="Donasi",
    )
    client.force_login(users.ppkbd)
    resp = client.get(
        reverse("kader:dana:kas_detail", args=[area.ppkbd_a.pk]),
        {"dari": "2025-01-01", "sampai": "2025-12-31", "ekspor": "xlsx"},
    )
    ws = load_workbook(BytesIO(resp.content)).active
    assert [c.value for c in ws[2]][-1] == 25000  # numbers stay numbers
    resp = client.get(
        reverse("kader:dana:ringkasan", args=[area.ppkbd_a.pk]), {"tahun": "2025", "ekspor": "xlsx"}
    )
    ws = load_workbook(BytesIO(resp.content)).active
    assert ws.max_row == 13
    resp = client.get(reverse("kader:dana:kas_list"), {"ekspor": "xlsx"})
    ws = load_workbook(BytesIO(resp.content)).active
    assert 25000 in [c.value for c in ws["D"]]


@pytest.mark.parametrize("nama", ["kader:dana:kas_list", "kader:dana:arisan_list"])
def test_list_query_count_is_flat(client, users, area, nama, django_assert_max_num_queries):
    from tests.factories import DusunFactory

    def buat(n):
        for _ in range(n):
            inst = InstitusiFactory(jenis="sub_ppkbd", wilayah=DusunFactory(induk=area.desa_a))
            sd.transaksi_catat(
                institusi=inst,
                tanggal=date(2025, 3, 1),
                jenis="pemasukan_lain",
                jumlah=Decimal(1000),
                uraian="x",
            )
            sd.arisan_buat(institusi=inst, nama="A", setoran=1000)

    client.force_login(users.ppkbd)
    buat(5)
    with CaptureQueriesContext(connection) as q:
        assert client.get(reverse(nama)).status_code == 200
    buat(45)
    with django_assert_max_num_queries(len(q)):
        client.get(reverse(nama))


def test_cancel_page_scope_permission_and_happy_path(client, users, area, tanpa_izin):
    def catat(inst, uraian):
        return sd.transaksi_catat(
            institusi=inst,
            tanggal=date(2025, 3, 1),
            jenis=TransaksiKas.Jenis.PEMASUKAN_LAIN,
            jumlah=Decimal(25000),
            uraian=uraian,
        )

    t, t_x = catat(area.ppkbd_a, "Donasi warga"), catat(area.ppkbd_x, "Donasi X")
    url = reverse("kader:dana:transaksi_batal", args=[t.pk])
    assert reverse("login") in client.get(url).url
    client.force_login(tanpa_izin)
    assert client.get(url).status_code == 403
    client.force_login(users.koordinator)  # reads the book, does not write it
    assert client.post(url, {"alasan": "x"}).status_code == 403
    client.force_login(users.ppkbd)
    assert client.get(reverse("kader:dana:transaksi_batal", args=[t_x.pk])).status_code == 404
    resp = client.get(url)
    assert resp.status_code == 200 and "Donasi warga" in resp.content.decode()
    resp = client.post(url, {"alasan": ""})
    assert resp.status_code == 200 and "tidak boleh kosong" in resp.content.decode()
    resp = client.post(url, {"alasan": "tercatat dua kali"})
    assert resp.status_code == 302 and resp.url.endswith("?dari=2025-01-01")
    t.refresh_from_db()
    assert t.dibatalkan and t.alasan_batal == "tercatat dua kali"
    buku = client.get(resp.url).content.decode()
    assert '<tr class="batal' in buku and "tercatat dua kali" in buku and "<s>25.000</s>" in buku
    assert reverse("kader:dana:transaksi_batal", args=[t.pk]) not in buku  # no second cancel
    assert client.post(url, {"alasan": "lagi"}).status_code == 200  # message on the form
    xlsx = client.get(resp.url + "&ekspor=xlsx")
    sel = [c.value for r in load_workbook(BytesIO(xlsx.content)).active.iter_rows() for c in r]
    assert any(str(v).startswith("Donasi warga [DIBATALKAN: tercatat dua kali") for v in sel)
