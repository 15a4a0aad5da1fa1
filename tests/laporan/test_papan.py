"""Status board views: who sees what, the kabupaten summary, the legend."""

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from laporan.models import LaporanDesa
from tests.factories import DesaFactory, KecamatanFactory
from tests.laporan.factories import LaporanDesaFactory

S = LaporanDesa.Status


def test_anonymous_and_no_permission(client, db):
    url = reverse("laporan:papan")
    assert client.get(url).url.startswith(reverse("login"))
    client.force_login(User.objects.create_user("tanpa_peran", password="x"))
    assert client.get(url).status_code == 403


def test_koordinator_sees_desa_board_of_own_kecamatan_with_legend(client, users, area):
    client.force_login(users.koordinator)
    respons = client.get(reverse("laporan:papan"), {"tahun": 2025})
    html = respons.content.decode()
    assert not respons.context["ringkasan_kecamatan"]
    assert 'id="legenda-papan"' in html and "Tlt</span> Terlambat" in html
    assert "Desa A" in html and "Desa X" not in html


def test_dinas_gets_kecamatan_summary_then_a_kecamatan_board(client, users, area):
    for i in range(45):
        DesaFactory(induk=area.kec_k, nama=f"Desa Tambahan {i}")
    kec_m = KecamatanFactory(nama="Kecamatan M")
    desa_m = DesaFactory(induk=kec_m, nama="Desa M1")
    LaporanDesaFactory(desa=desa_m, bulan=date(2025, 3, 1), status=S.DISETUJUI, angka_beku={})
    client.force_login(users.dinas)
    respons = client.get(reverse("laporan:papan"), {"tahun": 2025})
    html = respons.content.decode()
    assert respons.context["ringkasan_kecamatan"]
    assert 'id="papan-kecamatan"' in html and 'id="papan-desa"' not in html
    baris_m = next(k for k in respons.context["papan"]["kecamatan"] if k["wilayah"] == kec_m)
    assert baris_m["sel"][2]["teks"] == "1/1" and baris_m["sel"][0]["teks"] == "–"
    assert f"?kecamatan={kec_m.pk}&amp;tahun=2025" in html
    respons = client.get(reverse("laporan:papan"), {"tahun": 2025, "kecamatan": kec_m.pk})
    assert not respons.context["ringkasan_kecamatan"]
    assert [b["desa"].nama for b in respons.context["papan"]["baris"]] == ["Desa M1"]


def test_kecamatan_summary_explains_every_colour_of_its_cells(client, users, area):
    """The summary's cells are green, plain, red or '–': each is in the legend on the page
    (the sentence above the table explained green and red only)."""
    for i in range(45):
        DesaFactory(induk=area.kec_k, nama=f"Desa Tambahan {i}")
    client.force_login(users.dinas)
    respons = client.get(reverse("laporan:papan"), {"tahun": 2025})
    html = respons.content.decode()
    assert respons.context["ringkasan_kecamatan"]
    legenda = html[html.index('id="legenda-papan"') : html.index('id="papan-kecamatan"')]
    for kelas in ("text-bg-success", "text-bg-danger", "text-bg-light border"):
        assert f'class="badge {kelas}' in legenda, kelas
    for teks in ("Semua desa yang diharapkan disetujui", "belum ada yang terlambat",
                 "Ada desa yang terlambat", "Belum berlaku"):  # fmt: skip
        assert teks in legenda, teks
    dipakai = {s["kelas"] for k in respons.context["papan"]["kecamatan"] for s in k["sel"]}
    assert dipakai <= {kelas for _, _, kelas in respons.context["legenda"]}
    assert "Tlt</span> Terlambat" not in html  # the desa board's legend is not this one


@pytest.mark.parametrize("param", [{"kecamatan": "-1"}, {"tahun": "-1"}, {"kecamatan": "x"}])
def test_garbage_parameters_fall_back(client, users, area, param):
    client.force_login(users.koordinator)
    assert client.get(reverse("laporan:papan"), param).status_code == 200
