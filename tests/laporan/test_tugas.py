"""/laporan/tugas/: reports waiting for this user's step first, with a link; the rest later."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from laporan import jadwal, services
from laporan.models import LaporanDesa
from tests.factories import DesaFactory
from tests.laporan.factories import LaporanDesaFactory

S = LaporanDesa.Status


def _tugas(client, user):
    client.force_login(user)
    respons = client.get(reverse("laporan:tugas"))
    assert respons.status_code == 200
    return respons.context["tugas"], respons.content.decode()


@pytest.fixture
def alur(area, users, angka_tetap):
    """This month's reports: desa A sent by the penyuluh, desa B sent by the PPKBD; desa X
    (other kecamatan) sent by the PPKBD; last month's desa B verified."""
    bulan = jadwal.bulan_laporan_berjalan()
    lalu = jadwal.geser_bulan(bulan, -1)
    a = services.laporan_buat(desa=area.desa_a, bulan=bulan)
    services.laporan_kirim(laporan=a, oleh=users.penyuluh)
    b = services.laporan_buat(desa=area.desa_b, bulan=bulan)
    services.laporan_kirim(laporan=b, oleh=users.ppkbd)
    x = LaporanDesaFactory(desa=area.desa_x, bulan=bulan, status=S.DIKIRIM)
    b_lalu = LaporanDesaFactory(desa=area.desa_b, bulan=lalu, status=S.DIVERIFIKASI)
    return {"a": a, "b": b, "x": x, "b_lalu": b_lalu}


def test_koordinator_sees_own_steps_first_with_links(client, users, alur):
    tugas, html = _tugas(client, users.koordinator)
    perlu = {(t["laporan"].pk, t["tindakan"]) for t in tugas["perlu_tindakan"]}
    assert perlu == {
        (alur["a"].pk, "Verifikasi & setujui"),  # a penyuluh sent it (§7)
        (alur["b_lalu"].pk, "Setujui"),
    }
    lainnya = {t["laporan"].pk: t["keterangan"] for t in tugas["lainnya"] if t["laporan"]}
    assert lainnya == {alur["b"].pk: "Menunggu verifikasi penyuluh"}
    # Oldest first among the waiting ones; the waiting block comes before the rest.
    assert tugas["perlu_tindakan"][0]["laporan"].pk == alur["b_lalu"].pk
    assert html.index('id="perlu-tindakan"') < html.index('id="tanpa-tindakan"')
    assert f'href="{alur["a"].get_absolute_url()}"' in html
    # Other kecamatan: nowhere.
    assert alur["x"].get_absolute_url() not in html


def test_penyuluh_is_not_asked_to_verify_what_he_sent(client, users, area, alur):
    lalu = jadwal.geser_bulan(jadwal.bulan_laporan_berjalan(), -1)
    dari_ppkbd = services.laporan_buat(desa=area.desa_a, bulan=lalu)
    services.laporan_kirim(laporan=dari_ppkbd, oleh=users.ppkbd)
    tugas, _ = _tugas(client, users.penyuluh)  # desa binaan: desa A only
    perlu = {t["laporan"].pk: t["tindakan"] for t in tugas["perlu_tindakan"] if t["laporan"]}
    assert perlu == {dari_ppkbd.pk: "Verifikasi"}
    lainnya = {t["laporan"].pk: t["keterangan"] for t in tugas["lainnya"] if t["laporan"]}
    assert lainnya == {alur["a"].pk: "Menunggu verifikasi dan persetujuan koordinator"}


def test_ppkbd_makes_and_resends(client, users, area, angka_tetap):
    bulan = jadwal.bulan_laporan_berjalan()
    LaporanDesaFactory(desa=area.desa_a, bulan=jadwal.geser_bulan(bulan, -2))  # started
    tugas, html = _tugas(client, users.ppkbd)
    assert [t["tindakan"] for t in tugas["perlu_tindakan"]] == ["Periksa & kirim", "Buat laporan"]
    assert reverse("laporan:desa_bulan", args=[area.desa_a.pk, f"{bulan:%Y-%m}"]) in html
    lap = services.laporan_buat(desa=area.desa_a, bulan=bulan)
    services.laporan_kirim(laporan=lap, oleh=users.ppkbd)
    services.laporan_kembalikan(laporan=lap, oleh=users.penyuluh, alasan="IAT dusun A2 kosong")
    tugas, html = _tugas(client, users.ppkbd)
    assert any(t["laporan"] == lap for t in tugas["perlu_tindakan"])
    assert "Laporan dikembalikan" in html and "IAT dusun A2 kosong" in html


def test_empty_lists_say_so(client, users, area):
    _, html = _tugas(client, users.koordinator)
    assert "Tidak ada laporan yang menunggu tindakan Anda." in html


def test_anonymous_and_no_permission(client, db):
    respons = client.get(reverse("laporan:tugas"))
    assert respons.status_code == 302 and respons.url.startswith(reverse("login"))
    client.force_login(User.objects.create_user("tanpa_peran", password="x"))
    assert client.get(reverse("laporan:tugas")).status_code == 403


@pytest.mark.parametrize("n", [5, 50])
def test_query_count_is_flat(client, users, area, angka_tetap, n, django_assert_max_num_queries):
    bulan = jadwal.bulan_laporan_berjalan()
    for _ in range(n):
        d = DesaFactory(induk=area.kec_k)
        LaporanDesaFactory(desa=d, bulan=bulan, status=S.DIVERIFIKASI)
        LaporanDesaFactory(desa=d, bulan=jadwal.geser_bulan(bulan, -1), status=S.DIKIRIM)
    client.force_login(users.koordinator)
    # 13: one of them finds the penyuluh of reports waiting for verification (WhatsApp link).
    with django_assert_max_num_queries(13):
        respons = client.get(reverse("laporan:tugas"))
    assert len(respons.context["tugas"]["perlu_tindakan"]) == n
