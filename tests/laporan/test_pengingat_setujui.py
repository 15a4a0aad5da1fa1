"""The koordinator is reminded before the kecamatan approval deadline (the 10th, DOMAIN §7):
from the 7th to the 10th, once per month, of the desa reports of the previous month in their
kecamatan still waiting for approval, with the WhatsApp link to the penyuluh whose verification
a report waits for (imp_smart.telepon)."""

from datetime import date
from urllib.parse import unquote

import pytest
from django.core import mail

from laporan import services_pengingat
from laporan.models import LaporanDesa, Pengingat
from tests.factories import UserFactory
from tests.laporan.factories import LaporanDesaFactory

S = LaporanDesa.Status
BULAN = date(2025, 3, 1)  # approval due 10 April 2025


@pytest.fixture
def siap(users, area, settings):
    settings.IMP_TANGGAL_MULAI = "2025-01-01"
    users.koordinator.email = "koor@contoh.id"
    users.koordinator.save()
    users.penyuluh.first_name = "Rahmat"
    users.penyuluh.save()
    users.penyuluh.profil.telepon = "0812 3456 7890"
    users.penyuluh.profil.save()
    LaporanDesaFactory(desa=area.desa_a, bulan=BULAN, status=S.DIKIRIM)
    LaporanDesaFactory(desa=area.desa_b, bulan=BULAN, status=S.DIVERIFIKASI)
    LaporanDesaFactory(desa=area.desa_x, bulan=BULAN, status=S.DIVERIFIKASI)  # Kecamatan L
    return users


def _kirim(hari):
    return services_pengingat.laporan_kirim_pengingat(hari_ini=hari)


def test_the_9th_reminds_the_koordinator_of_own_kecamatan_only(siap, area):
    assert _kirim(date(2025, 4, 9)) == 1
    (pesan,) = mail.outbox
    assert pesan.to == ["koor@contoh.id"]
    assert "10 April 2025" in pesan.subject and "Maret 2025" in pesan.subject
    assert "Desa A: menunggu verifikasi penyuluh" in pesan.body
    assert "Desa B: sudah diverifikasi, menunggu persetujuan Anda" in pesan.body
    assert "Desa X" not in pesan.body  # another kecamatan
    # The WhatsApp link to the penyuluh of Desa A, with the prefilled Indonesian message.
    baris = next(b for b in pesan.body.splitlines() if "wa.me" in b)
    assert "Rahmat (0812-3456-7890)" in baris
    url = baris.split("WhatsApp: ")[1]
    assert url.startswith("https://wa.me/6281234567890?text=")
    teks = unquote(url.split("text=")[1])
    assert "Desa A" in teks and "Maret 2025" in teks and "10 April 2025" in teks
    assert "&#" not in pesan.body  # plain text, not HTML-escaped
    rekam = Pengingat.objects.get()
    assert (rekam.jenis, rekam.bulan, rekam.user) == ("SETUJUI", BULAN, siap.koordinator)
    assert sorted(rekam.desa) == sorted([area.desa_a.pk, area.desa_b.pk])


def test_one_reminder_per_koordinator_and_month(siap):
    assert _kirim(date(2025, 4, 7)) == 1
    assert _kirim(date(2025, 4, 7)) == 0  # beat twice on the same day
    assert _kirim(date(2025, 4, 9)) == 0
    assert _kirim(date(2025, 4, 10)) == 0
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("hari", [date(2025, 4, 6), date(2025, 4, 11), date(2025, 4, 30)])
def test_no_reminder_outside_the_window(siap, hari):
    assert _kirim(hari) == 0
    assert mail.outbox == [] and not Pengingat.objects.filter(jenis="SETUJUI").exists()


def test_other_kecamatan_koordinator_gets_own_reports(siap, area):
    UserFactory(peran="koordinator", wilayah=area.kec_l, email="koor-l@contoh.id")
    assert _kirim(date(2025, 4, 10)) == 2
    pesan = next(m for m in mail.outbox if m.to == ["koor-l@contoh.id"])
    assert "Desa X" in pesan.body and "Desa A" not in pesan.body


def test_approved_and_draft_reports_are_not_waiting(siap, area):
    LaporanDesa.objects.filter(desa=area.desa_a).update(status=S.DISETUJUI, angka_beku={"pus": 1})
    LaporanDesa.objects.filter(desa=area.desa_b).update(status=S.DRAFT)
    assert _kirim(date(2025, 4, 9)) == 0
    assert mail.outbox == []


def test_no_phone_no_link_and_koordinator_without_email_skipped(siap, area):
    siap.penyuluh.profil.telepon = ""
    siap.penyuluh.profil.save()
    assert _kirim(date(2025, 4, 9)) == 1
    assert "wa.me" not in mail.outbox[0].body
    mail.outbox.clear()
    Pengingat.objects.all().delete()
    siap.koordinator.email = ""
    siap.koordinator.save()
    assert _kirim(date(2025, 4, 9)) == 0


def test_koordinator_due_list_offers_the_link_to_the_penyuluh(client, siap):
    """The same link on the koordinator's due list ("Tugas laporan saya"); the penyuluh is not
    offered a link to himself."""
    from django.urls import reverse

    client.force_login(siap.koordinator)
    html = client.get(reverse("laporan:tugas")).content.decode()
    assert "https://wa.me/6281234567890?text=" in html and "Ingatkan lewat WhatsApp" in html
    client.force_login(siap.penyuluh)
    html = client.get(reverse("laporan:tugas")).content.decode()
    assert "wa.me/6281234567890" not in html
