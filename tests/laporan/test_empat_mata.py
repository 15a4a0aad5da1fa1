"""Four eyes (DOMAIN §7): nobody takes two consecutive steps of one submission; a report a
penyuluh sent is verified and approved by the koordinator in one act."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from laporan import services
from laporan.models import LaporanDesa, RiwayatLaporan

S = LaporanDesa.Status
Aksi = RiwayatLaporan.Aksi


def _aksi(client, lap, aksi):
    return client.post(reverse("laporan:aksi", args=[lap.pk, aksi]), follow=True)


def test_sender_may_not_verify(users, laporan_a):
    services.laporan_kirim(laporan=laporan_a, oleh=users.penyuluh)
    with pytest.raises(ValidationError, match="Anda sendiri yang mengirim"):
        services.laporan_verifikasi(laporan=laporan_a, oleh=users.penyuluh)
    laporan_a.refresh_from_db()
    assert laporan_a.status == S.DIKIRIM
    assert list(laporan_a.riwayat.values_list("aksi", flat=True)) == [Aksi.KIRIM]


def test_sender_may_not_verify_admin_too(users, laporan_a):
    services.laporan_kirim(laporan=laporan_a, oleh=users.admin)
    with pytest.raises(ValidationError, match="prinsip empat mata"):
        services.laporan_verifikasi(laporan=laporan_a, oleh=users.admin)
    # Someone else may.
    services.laporan_verifikasi(laporan=laporan_a, oleh=users.penyuluh)
    laporan_a.refresh_from_db()
    assert laporan_a.status == S.DIVERIFIKASI


def test_verifier_may_not_approve(users, laporan_a):
    services.laporan_kirim(laporan=laporan_a, oleh=users.ppkbd)
    services.laporan_verifikasi(laporan=laporan_a, oleh=users.admin)
    with pytest.raises(ValidationError, match="memverifikasi laporan ini"):
        services.laporan_setujui(laporan=laporan_a, oleh=users.admin)
    laporan_a.refresh_from_db()
    assert laporan_a.status == S.DIVERIFIKASI and laporan_a.angka_beku is None
    services.laporan_setujui(laporan=laporan_a, oleh=users.koordinator)
    laporan_a.refresh_from_db()
    assert laporan_a.status == S.DISETUJUI


def test_penyuluh_sends_koordinator_verifies_and_approves_in_one_act(users, laporan_a):
    services.laporan_kirim(laporan=laporan_a, oleh=users.penyuluh)
    lap = services.laporan_setujui(laporan=laporan_a, oleh=users.koordinator)
    lap.refresh_from_db()
    assert lap.status == S.DISETUJUI and lap.angka_beku["pus"] == 20
    assert lap.diverifikasi_pada is not None and lap.disetujui_pada is not None
    langkah = list(lap.riwayat.values_list("aksi", "dari_status", "ke_status", "oleh"))
    assert langkah == [
        (Aksi.KIRIM, S.DRAFT, S.DIKIRIM, users.penyuluh.pk),
        (Aksi.VERIFIKASI, S.DIKIRIM, S.DIVERIFIKASI, users.koordinator.pk),
        (Aksi.SETUJUI, S.DIVERIFIKASI, S.DISETUJUI, users.koordinator.pk),
    ]


def test_koordinator_may_not_skip_the_penyuluh_when_ppkbd_sent(users, laporan_a):
    services.laporan_kirim(laporan=laporan_a, oleh=users.ppkbd)
    with pytest.raises(ValidationError, match="belum diverifikasi penyuluh"):
        services.laporan_setujui(laporan=laporan_a, oleh=users.koordinator)
    laporan_a.refresh_from_db()
    assert laporan_a.status == S.DIKIRIM and laporan_a.riwayat.count() == 1


def test_a_new_submission_starts_afresh(users, laporan_a):
    """The penyuluh sent it once; after a return the PPKBD re-sends: this submission's sender
    is the PPKBD, so the penyuluh may verify."""
    services.laporan_kirim(laporan=laporan_a, oleh=users.penyuluh)
    services.laporan_kembalikan(laporan=laporan_a, oleh=users.koordinator, alasan="PUS kurang")
    services.laporan_kirim(laporan=laporan_a, oleh=users.ppkbd)
    services.laporan_verifikasi(laporan=laporan_a, oleh=users.penyuluh)
    laporan_a.refresh_from_db()
    assert laporan_a.status == S.DIVERIFIKASI


def test_view_refuses_with_message_and_hides_the_button(client, users, laporan_a):
    services.laporan_kirim(laporan=laporan_a, oleh=users.penyuluh)
    client.force_login(users.penyuluh)
    halaman = client.get(laporan_a.get_absolute_url()).content.decode()
    assert 'id="tombol-verifikasi"' not in halaman
    assert "Anda sendiri yang mengirim laporan ini" in halaman
    respons = _aksi(client, laporan_a, "verifikasi")
    assert respons.status_code == 200
    assert "prinsip empat mata" in respons.content.decode()
    laporan_a.refresh_from_db()
    assert laporan_a.status == S.DIKIRIM


def test_koordinator_sees_verify_and_approve_button(client, users, laporan_a):
    services.laporan_kirim(laporan=laporan_a, oleh=users.penyuluh)
    client.force_login(users.koordinator)
    halaman = client.get(laporan_a.get_absolute_url()).content.decode()
    assert 'id="tombol-setujui"' in halaman and "Verifikasi &amp; setujui" in halaman
    _aksi(client, laporan_a, "setujui")
    laporan_a.refresh_from_db()
    assert laporan_a.status == S.DISETUJUI


def test_koordinator_sees_no_approve_button_before_penyuluh_verified(client, users, laporan_a):
    services.laporan_kirim(laporan=laporan_a, oleh=users.ppkbd)
    client.force_login(users.koordinator)
    halaman = client.get(laporan_a.get_absolute_url()).content.decode()
    assert 'id="tombol-setujui"' not in halaman
    assert "belum diverifikasi penyuluh" in halaman


def test_verifier_sees_no_approve_button(client, users, laporan_a):
    services.laporan_kirim(laporan=laporan_a, oleh=users.ppkbd)
    services.laporan_verifikasi(laporan=laporan_a, oleh=users.admin)
    client.force_login(users.admin)
    halaman = client.get(laporan_a.get_absolute_url()).content.decode()
    assert 'id="tombol-setujui"' not in halaman
    assert "memverifikasi laporan ini" in halaman
