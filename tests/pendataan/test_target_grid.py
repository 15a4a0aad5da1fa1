"""The Dinas's target grid (PPM per desa and method, DOMAIN.md §8.5): access, totals, saving
through the target service, per-cell errors with nothing written."""

import pytest
from django.urls import reverse

from kader.scoping import SEMUA
from pendataan.models import TargetMetode
from pendataan.services_target import target_csv_teks, target_ekspor_baris

pytestmark = pytest.mark.django_db

URL = reverse("pendataan:target_grid")


def _sel(desa, metode, jenis):
    return f"t-{desa.pk}-{metode}-{jenis}"


def _post(client, area, tahun=2026, **sel):
    return client.post(URL, {"kecamatan": area.kec_k.pk, "tahun": tahun, **sel})


def _isi():
    return {
        (t.desa_id, t.tahun, t.metode): (t.target_pb, t.target_pa)
        for t in TargetMetode.objects.all()
    }


def test_anonymous_is_sent_to_login(client):
    resp = client.get(URL)
    assert resp.status_code == 302 and resp["Location"].startswith(reverse("login"))
    assert client.post(URL, {}).status_code == 302


@pytest.mark.parametrize("peran", ["koordinator", "penyuluh", "ppkbd", "sub_ppkbd"])
def test_other_roles_get_403_and_write_nothing(client, users, area, peran):
    client.force_login(getattr(users, peran))
    assert client.get(URL).status_code == 403
    resp = _post(client, area, **{_sel(area.desa_a, "PIL", "pb"): "5"})
    assert resp.status_code == 403
    assert not TargetMetode.objects.exists()


def test_unknown_kecamatan_is_404(client, users, area):
    client.force_login(users.dinas)
    assert client.get(URL, {"kecamatan": 999999}).status_code == 404
    resp = client.post(URL, {"kecamatan": 999999, "tahun": 2026})
    assert resp.status_code == 404
    # A desa is not a kecamatan.
    assert client.get(URL, {"kecamatan": area.desa_a.pk}).status_code == 404


def test_grid_shows_stored_targets_and_totals(client, users, area, django_assert_max_num_queries):
    TargetMetode.objects.create(
        desa=area.desa_a, tahun=2026, metode="IUD", target_pb=3, target_pa=7
    )
    TargetMetode.objects.create(
        desa=area.desa_b, tahun=2026, metode="IUD", target_pb=2, target_pa=1
    )
    TargetMetode.objects.create(
        desa=area.desa_x, tahun=2026, metode="IUD", target_pb=10, target_pa=20
    )
    TargetMetode.objects.create(
        desa=area.desa_a, tahun=2025, metode="PIL", target_pb=99, target_pa=99
    )
    client.force_login(users.dinas)
    with django_assert_max_num_queries(15):
        resp = client.get(URL, {"kecamatan": area.kec_k.pk, "tahun": 2026})
    assert resp.status_code == 200
    html = resp.content.decode()
    assert (
        f'name="{_sel(area.desa_a, "IUD", "pb")}" id="{_sel(area.desa_a, "IUD", "pb")}" value="3"'
        in html
    )
    assert (
        f'name="{_sel(area.desa_a, "PIL", "pb")}" id="{_sel(area.desa_a, "PIL", "pb")}" value=""'
        in html
    )
    assert 'data-kec="IUD-pb">5<' in html and 'data-kec="IUD-pa">8<' in html
    # The kabupaten: this kecamatan (5/8) plus kecamatan L as stored (10/20).
    assert 'data-kab="IUD-pb" data-lain="10">15<' in html
    assert 'data-kab="jumlah-pa">28<' in html
    assert "Desa X" not in html.split('id="rekap-target-kecamatan"')[0]  # only K's desa in the grid
    # The table under the grid says it shows what is stored (not the cells being typed).
    assert "Target tersimpan per kecamatan tahun 2026" in html


def test_dinas_saves_the_grid_and_the_export_agrees(client, users, area):
    TargetMetode.objects.create(
        desa=area.desa_a, tahun=2026, metode="MOW", target_pb=4, target_pa=4
    )
    client.force_login(users.dinas)
    resp = _post(
        client,
        area,
        **{
            _sel(area.desa_a, "IUD", "pb"): "12",
            _sel(area.desa_a, "IUD", "pa"): " 30 ",
            _sel(area.desa_b, "SUNTIK", "pb"): "7",  # PA left empty: 0
            _sel(area.desa_a, "MOW", "pb"): "",  # stored 4/4, both emptied: 0/0
            _sel(area.desa_a, "MOW", "pa"): "",
        },
    )
    assert resp.status_code == 302
    assert _isi() == {
        (area.desa_a.pk, 2026, "IUD"): (12, 30),
        (area.desa_b.pk, 2026, "SUNTIK"): (7, 0),
        (area.desa_a.pk, 2026, "MOW"): (0, 0),
    }
    # No row of zeros for pairs never filled.
    assert TargetMetode.objects.count() == 3
    baris = target_csv_teks(target_ekspor_baris(tahun=2026, desa_ids=SEMUA)).splitlines()
    assert f"{area.desa_a.kode},2026,IUD,12,30" in baris
    assert f"{area.desa_b.kode},2026,SUNTIK,7,0" in baris
    halaman = client.get(resp["Location"])
    assert "3 target Kecamatan K tahun 2026 disimpan" in halaman.content.decode()


@pytest.mark.parametrize(
    ("isi", "kata"),
    [("-3", "negatif"), ("1.5", "bulat"), ("2,5", "bulat"), ("abc", "bulat"), ("5000000", "besar")],
)
def test_a_wrong_cell_shows_its_message_and_nothing_is_written(client, users, area, isi, kata):
    TargetMetode.objects.create(
        desa=area.desa_b, tahun=2026, metode="PIL", target_pb=1, target_pa=1
    )
    client.force_login(users.dinas)
    salah = _sel(area.desa_a, "IMPLAN", "pa")
    resp = _post(
        client,
        area,
        **{
            _sel(area.desa_a, "IUD", "pb"): "12",  # fine, but must not be written
            _sel(area.desa_b, "PIL", "pb"): "9",  # fine, must not replace 1
            salah: isi,
        },
    )
    assert resp.status_code == 400
    html = resp.content.decode()
    assert "1 isian salah; tidak ada target yang disimpan" in html
    # The message sits on the wrong cell, which keeps what was typed; the others keep theirs.
    pesan = html.split(f'id="g-{salah}">')[1].split("</div>")[0]
    assert kata in pesan
    assert f'name="{salah}" id="{salah}" value="{isi}"' in html
    assert 'value="12" inputmode' in html
    assert _isi() == {(area.desa_b.pk, 2026, "PIL"): (1, 1)}


def test_unchanged_page_writes_nothing(client, users, area):
    TargetMetode.objects.create(
        desa=area.desa_a, tahun=2026, metode="PIL", target_pb=2, target_pa=3
    )
    sebelum = TargetMetode.objects.get().diubah_pada
    client.force_login(users.dinas)
    resp = _post(
        client, area, **{_sel(area.desa_a, "PIL", "pb"): "2", _sel(area.desa_a, "PIL", "pa"): "3"}
    )
    assert resp.status_code == 302
    assert TargetMetode.objects.get().diubah_pada == sebelum


def test_posted_cells_of_another_kecamatan_are_ignored(client, users, area):
    client.force_login(users.dinas)
    resp = _post(
        client, area, **{_sel(area.desa_x, "PIL", "pb"): "5", _sel(area.desa_a, "PIL", "pb"): "1"}
    )
    assert resp.status_code == 302
    assert _isi() == {(area.desa_a.pk, 2026, "PIL"): (1, 0)}


def test_bad_year_in_a_post_is_404_and_in_a_link_the_default(client, users, area):
    client.force_login(users.dinas)
    assert client.post(URL, {"kecamatan": area.kec_k.pk, "tahun": "abc"}).status_code == 404
    assert client.get(URL, {"tahun": "abc"}).status_code == 200


def test_menu_offers_the_grid_to_the_dinas_only(client, users):
    client.force_login(users.dinas)
    assert URL in client.get(reverse("beranda")).content.decode()
    client.force_login(users.koordinator)
    assert f'href="{URL}"' not in client.get(reverse("beranda")).content.decode()
