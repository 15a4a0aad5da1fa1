"""The desa comparison's counts kept in the shared cache (imp_smart.kartu, issue 14): the
figures shown are those counted without the cache; a status saved, or an area renamed, shows on
the next visit; every area set, kecamatan and month has its own entry; a visit that finds the
entry runs fewer statements; the page says when the figures were counted."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pendataan import selectors_sasaran as sasaran
from pendataan import services
from tests.pendataan.factories import pus_buat
from tests.pendataan.test_sasaran_cepat import daftar_kerja  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

URL = "pendataan:perbandingan_desa"


def _lihat(client, **param):
    resp = client.get(reverse(URL), {"bulan": "2025-03", **param})
    assert resp.status_code == 200
    return resp


def _angka(baris):
    return [
        (b["desa"].pk, b["desa"].nama, *(b[k] for k in sorted(b) if k != "desa")) for b in baris
    ]


def _tabel(resp) -> str:
    teks = resp.content.decode()
    return teks[teks.index("<tbody>") : teks.index("</tbody>")]


def test_cached_figures_are_the_counted_ones(client, users, daftar_kerja):  # noqa: F811
    area = daftar_kerja
    client.force_login(users.dinas)
    langsung = sasaran.perbandingan_desa(bulan=date(2025, 3, 1), desa=[area.desa_a, area.desa_b])
    pertama = _lihat(client, wilayah=area.kec_k.pk)
    kedua = _lihat(client, wilayah=area.kec_k.pk)
    assert _angka(pertama.context["baris"]) == _angka(kedua.context["baris"]) == _angka(langsung)
    assert pertama.context["dihitung"] == kedua.context["dihitung"]  # the second found the entry
    assert _tabel(pertama) == _tabel(kedua)
    assert str(langsung[0]["cpr"]) == "37.50"


def test_status_saved_and_area_renamed_show_on_next_visit(client, users, daftar_kerja):  # noqa: F811
    area = daftar_kerja
    baru = pus_buat(
        dusun=area.desa_b.anak.create(
            kode="99.b.1", nama="B1", tingkat="dusun", desa=area.desa_b, kecamatan=area.kec_k
        )
    )
    client.force_login(users.koordinator)
    baris = {b["desa"].nama: b for b in _lihat(client).context["baris"]}
    assert baris["Desa B"]["pus"] == 1 and baris["Desa B"]["cpr"] == 0
    services.status_simpan_bulan(
        bulan=date(2025, 3, 1),
        pus={baru.pk: area.desa_b.pk},
        isian={baru.pk: services.Isian("PIL", "SWASTA")},
    )
    baris = {b["desa"].nama: b for b in _lihat(client).context["baris"]}
    assert baris["Desa B"]["cpr"] == 100
    area.desa_b.nama = "Desa Baru"
    area.desa_b.save()
    assert "Desa Baru" in {b["desa"].nama for b in _lihat(client).context["baris"]}


def test_own_entry_per_area_set_kecamatan_month(client, users, daftar_kerja, monkeypatch):  # noqa: F811
    area = daftar_kerja
    asli = sasaran.perbandingan_desa
    panggilan = []

    def hitung(**kw):
        panggilan.append(kw["bulan"])
        return asli(**kw)

    monkeypatch.setattr(sasaran, "perbandingan_desa", hitung)
    client.force_login(users.dinas)
    _lihat(client, wilayah=area.kec_k.pk)
    _lihat(client, wilayah=area.kec_k.pk)
    assert len(panggilan) == 1
    feb = _lihat(client, wilayah=area.kec_k.pk, bulan="2025-02")
    assert len(panggilan) == 2
    assert _angka(feb.context["baris"]) == _angka(
        asli(bulan=date(2025, 2, 1), desa=[area.desa_a, area.desa_b])
    )
    assert [b["desa"].nama for b in _lihat(client, wilayah=area.kec_l.pk).context["baris"]] == [
        "Desa X"
    ]
    assert len(panggilan) == 3
    # Another area set, the same kecamatan and month: counted for it (a koordinator), and a
    # penyuluh (no kecamatan) sees only the desa binaan, never a wider entry.
    client.force_login(users.koordinator)
    _lihat(client, wilayah=area.kec_k.pk)
    assert len(panggilan) == 4
    client.force_login(users.penyuluh)
    assert [b["desa"].nama for b in _lihat(client).context["baris"]] == ["Desa A"]
    assert len(panggilan) == 5


def test_second_visit_runs_fewer_statements(client, users, daftar_kerja):  # noqa: F811
    area = daftar_kerja
    client.force_login(users.dinas)
    with CaptureQueriesContext(connection) as pertama:
        _lihat(client, wilayah=area.kec_k.pk)
    with CaptureQueriesContext(connection) as kedua:
        _lihat(client, wilayah=area.kec_k.pk)
    # user, profile, the kecamatan choices: neither the desa nor the PUS count
    assert len(kedua) <= 3 < len(pertama)


def test_page_says_when_counted(client, users, daftar_kerja):  # noqa: F811
    client.force_login(users.dinas)
    resp = _lihat(client, wilayah=daftar_kerja.kec_k.pk)
    jam = timezone.localtime(resp.context["dihitung"]).strftime("%H.%M")
    assert f"Dihitung pukul {jam} WITA." in resp.content.decode()
