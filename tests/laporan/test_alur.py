"""The flow of §7 for every role: allowed transitions, 403 for the wrong role, 404 outside."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from laporan import services
from laporan.models import LaporanDesa, RiwayatLaporan
from tests.laporan.factories import LaporanDesaFactory, angka_seimbang

S = LaporanDesa.Status
PERAN = ["admin", "dinas", "koordinator", "penyuluh", "ppkbd", "sub_ppkbd"]
# action in the URL, state before, state after, roles allowed; sub_ppkbd never sees a desa report.
MATRIKS = [
    ("kirim", S.DRAFT, S.DIKIRIM, {"admin", "penyuluh", "ppkbd"}),
    ("kirim", S.DIKEMBALIKAN, S.DIKIRIM, {"admin", "penyuluh", "ppkbd"}),
    ("verifikasi", S.DIKIRIM, S.DIVERIFIKASI, {"admin", "penyuluh"}),
    ("setujui", S.DIVERIFIKASI, S.DISETUJUI, {"admin", "koordinator"}),
    ("kembalikan", S.DIKIRIM, S.DIKEMBALIKAN, {"admin", "penyuluh", "koordinator"}),
    ("kembalikan", S.DIVERIFIKASI, S.DIKEMBALIKAN, {"admin", "penyuluh", "koordinator"}),
    ("buka", S.DISETUJUI, S.DIKEMBALIKAN, {"admin", "koordinator", "dinas"}),
]


def _laporan(area, status):
    beku = angka_seimbang() if status == S.DISETUJUI else None
    return LaporanDesaFactory(desa=area.desa_a, status=status, angka_beku=beku)


@pytest.mark.parametrize("peran", PERAN)
@pytest.mark.parametrize(("aksi", "dari", "ke", "boleh"), MATRIKS)
def test_transition_by_role(client, area, users, angka_tetap, peran, aksi, dari, ke, boleh):
    lap = _laporan(area, dari)
    client.force_login(getattr(users, peran))
    url = reverse("laporan:aksi", args=[lap.pk, aksi])
    respons = client.post(url, {"alasan": "Angka PUS dusun A2 belum lengkap"})
    lap.refresh_from_db()
    if peran == "sub_ppkbd":
        assert respons.status_code == 404
        assert lap.status == dari
    elif peran in boleh:
        assert respons.status_code == 302
        assert lap.status == ke
        log = lap.riwayat.get()
        assert (log.dari_status, log.ke_status, log.oleh) == (dari, ke, getattr(users, peran))
    else:
        assert respons.status_code == 403
        assert lap.status == dari
        assert not lap.riwayat.exists()


def test_report_of_other_kecamatan_is_404_for_koordinator(client, area, users, angka_tetap):
    lap = LaporanDesaFactory(desa=area.desa_x, status=S.DIVERIFIKASI)
    client.force_login(users.koordinator)
    assert client.post(reverse("laporan:aksi", args=[lap.pk, "setujui"])).status_code == 404
    assert client.get(lap.get_absolute_url()).status_code == 404


def test_anonymous_action_redirects_to_login(client, laporan_a):
    respons = client.post(reverse("laporan:aksi", args=[laporan_a.pk, "kirim"]))
    assert respons.status_code == 302 and respons.url.startswith(reverse("login"))
    laporan_a.refresh_from_db()
    assert laporan_a.status == S.DRAFT


def test_full_flow_freezes_numbers_and_reopen_unfreezes(area, users, angka_tetap, laporan_a):
    services.laporan_kirim(laporan=laporan_a, oleh=users.ppkbd)
    services.laporan_verifikasi(laporan=laporan_a, oleh=users.penyuluh)
    lap = services.laporan_setujui(laporan=laporan_a, oleh=users.koordinator)
    assert lap.status == S.DISETUJUI
    assert lap.angka_beku["pus"] == 20
    assert lap.angka_beku["pa"] == 15
    assert lap.angka_beku["mcpr"] == "70.00"  # (15 - 1) / 20
    # The register changes afterwards: the approved month does not.
    angka_tetap[area.desa_a.pk] = angka_seimbang(pus=99, hamil=81)
    lap = services.laporan_segarkan(laporan=lap)
    lap.refresh_from_db()
    assert lap.angka_beku["pus"] == 20
    with pytest.raises(ValidationError):
        services.laporan_simpan(
            laporan=lap,
            oleh=users.ppkbd,
            nilai={"pus": 30},
            alasan={"pus": "x"},
            nihil=False,
            catatan="",
        )
    with pytest.raises(ValidationError) as galat:
        services.laporan_buka(laporan=lap, oleh=users.koordinator, alasan="  ")
    assert "alasan" in galat.value.message_dict
    lap = services.laporan_buka(laporan=lap, oleh=users.koordinator, alasan="Salah entri PB")
    assert lap.status == S.DIKEMBALIKAN and lap.angka_beku is None
    aksi = list(lap.riwayat.values_list("aksi", "alasan"))
    assert aksi == [("KIRIM", ""), ("VERIFIKASI", ""), ("SETUJUI", ""), ("BUKA", "Salah entri PB")]


def test_send_back_needs_reason_and_returns_to_draft(users, laporan_a):
    services.laporan_kirim(laporan=laporan_a, oleh=users.ppkbd)
    with pytest.raises(ValidationError):
        services.laporan_kembalikan(laporan=laporan_a, oleh=users.penyuluh, alasan="")
    lap = services.laporan_kembalikan(
        laporan=laporan_a, oleh=users.penyuluh, alasan="PB tidak sesuai register"
    )
    assert lap.status == S.DIKEMBALIKAN and lap.is_draf
    lap = services.laporan_kirim(laporan=lap, oleh=users.ppkbd)
    assert lap.status == S.DIKIRIM


def test_balance_rule_blocks_sending_with_clear_message(users, area, angka_tetap, laporan_a):
    angka_tetap[area.desa_a.pk] = angka_seimbang(pus=21)
    with pytest.raises(ValidationError) as galat:
        services.laporan_kirim(laporan=laporan_a, oleh=users.ppkbd)
    assert "tidak seimbang" in galat.value.messages[0]
    assert "PUS = 21" in galat.value.messages[0]
    angka_tetap[area.desa_a.pk] = angka_seimbang(pus=22, tanpa_status=1, tial=2)
    with pytest.raises(ValidationError) as galat:
        services.laporan_kirim(laporan=laporan_a, oleh=users.ppkbd)
    assert "tanpa status" in galat.value.messages[0]
    laporan_a.refresh_from_db()
    assert laporan_a.status == S.DRAFT and not laporan_a.riwayat.exists()


def test_balance_message_shown_on_page_not_500(client, users, area, angka_tetap, laporan_a):
    angka_tetap[area.desa_a.pk] = angka_seimbang(pus=21)
    client.force_login(users.ppkbd)
    respons = client.post(reverse("laporan:aksi", args=[laporan_a.pk, "kirim"]), follow=True)
    assert respons.status_code == 200
    assert "tidak seimbang" in respons.content.decode()


def test_correction_needs_reason_and_keeps_computed_value(users, laporan_a, angka_tetap):
    with pytest.raises(ValidationError) as galat:
        services.laporan_simpan(
            laporan=laporan_a,
            oleh=users.ppkbd,
            nilai={"pertemuan": 2},
            alasan={},
            nihil=False,
            catatan="",
        )
    assert "pertemuan" in galat.value.message_dict
    lap = services.laporan_simpan(
        laporan=laporan_a,
        oleh=users.ppkbd,
        nilai={"pertemuan": 2, "pus": 20},
        alasan={"pertemuan": "Pertemuan 20 Maret belum dicatat"},
        nihil=False,
        catatan="",
    )
    assert lap.koreksi == {
        "pertemuan": {"nilai": 2, "otomatis": 1, "alasan": "Pertemuan 20 Maret belum dicatat"}
    }
    lap = services.laporan_kirim(laporan=lap, oleh=users.ppkbd)
    assert lap.riwayat.get().angka["pertemuan"] == 2


def test_nihil_report_rules(users, area, angka_tetap, laporan_a):
    angka_tetap[area.desa_a.pk] = angka_seimbang(pertemuan=0, hadir_kader=0)
    with pytest.raises(ValidationError) as galat:
        services.laporan_kirim(laporan=laporan_a, oleh=users.ppkbd)
    assert "nihil" in galat.value.messages[0]
    services.laporan_simpan(
        laporan=laporan_a,
        oleh=users.ppkbd,
        nilai={},
        alasan={},
        nihil=True,
        catatan="Tidak ada kegiatan karena banjir",
    )
    lap = services.laporan_kirim(laporan=laporan_a, oleh=users.ppkbd)
    assert lap.status == S.DIKIRIM and lap.nihil


def test_diff_since_previous_submission(client, users, area, angka_tetap, laporan_a):
    services.laporan_kirim(laporan=laporan_a, oleh=users.ppkbd)
    services.laporan_kembalikan(laporan=laporan_a, oleh=users.penyuluh, alasan="Cek IAT")
    angka_tetap[area.desa_a.pk] = angka_seimbang(pus=21, iat=2)
    services.laporan_kirim(laporan=laporan_a, oleh=users.ppkbd)
    client.force_login(users.penyuluh)
    respons = client.get(laporan_a.get_absolute_url())
    selisih = {s["kolom"]: (s["lama"], s["baru"]) for s in respons.context["selisih"]}
    assert selisih == {"pus": (20, 21), "iat": (1, 2)}
    assert "Perubahan sejak pengiriman sebelumnya" in respons.content.decode()
    assert "Cek IAT" in respons.content.decode()  # timeline shows the reason


def test_service_rejects_wrong_role_directly(users, laporan_a):
    with pytest.raises(PermissionDenied):
        services.laporan_kirim(laporan=laporan_a, oleh=users.koordinator)
    assert not RiwayatLaporan.objects.exists()


def test_first_submission_date_kept_for_timeliness(users, laporan_a):
    lap = services.laporan_kirim(laporan=laporan_a, oleh=users.ppkbd)
    pertama = lap.dikirim_pertama_pada
    services.laporan_kembalikan(laporan=lap, oleh=users.penyuluh, alasan="Ulang")
    lap = services.laporan_kirim(laporan=lap, oleh=users.ppkbd)
    assert lap.dikirim_pertama_pada == pertama and lap.dikirim_pada >= pertama


def test_derived_indicators_cannot_be_corrected(users, laporan_a):
    lap = services.laporan_simpan(
        laporan=laporan_a,
        oleh=users.ppkbd,
        nilai={"cpr": 99, "pa": 1},
        alasan={"cpr": "x", "pa": "x"},
        nihil=False,
        catatan="",
    )
    assert lap.koreksi == {}
