"""'Ingatkan lewat WhatsApp' on the due list and the status board (laporan/pengingat_wa.py):
a wa.me link with the cadre's mobile number and a prefilled Indonesian message, per desa whose
report of the month is not sent, offered to those who remind (not to the cadre herself)."""

from datetime import date
from urllib.parse import unquote

import pytest
from django.urls import reverse
from django.utils import timezone

from laporan import jadwal
from laporan.models import LaporanDesa
from laporan.pengingat_wa import pesan_pengingat, tautan_pengingat
from laporan.selectors import mulai_usang
from tests.factories import KaderFactory, PengurusFactory
from tests.laporan.factories import LaporanDesaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mulai(settings):
    settings.IMP_TANGGAL_MULAI = "2020-01"


def test_due_list_offers_whatsapp_to_the_penyuluh_not_the_cadre(client, users, area, mulai):
    users.ppkbd.profil.telepon = "+6281234567890"
    users.ppkbd.profil.save()
    users.ppkbd.first_name = "Hasnah"
    users.ppkbd.save()
    client.force_login(users.penyuluh)
    teks = client.get(reverse("laporan:tugas")).content.decode()
    assert "https://wa.me/6281234567890?text=" in teks
    assert "Ingatkan lewat WhatsApp" in teks
    url = teks.split("https://wa.me/6281234567890?text=")[1].split('"')[0]
    pesan = unquote(url.replace("&amp;", "&"))
    bulan = jadwal.bulan_laporan_berjalan(timezone.localdate())
    assert pesan.startswith("Yth. Ibu/Bapak Hasnah, laporan bulanan PPKBD Desa A bulan")
    assert str(bulan.year) in pesan
    client.force_login(users.ppkbd)
    assert "wa.me" not in client.get(reverse("laporan:tugas")).content.decode()


def test_status_board_link_until_the_report_is_sent(client, users, area, mulai):
    k = KaderFactory(institusi=area.ppkbd_b, nama="Ketua Kenanga", telepon="0813 1111 2222")
    PengurusFactory(institusi=area.ppkbd_b, kader=k, jabatan="ketua", mulai=date(2024, 1, 1))
    client.force_login(users.koordinator)
    url = reverse("laporan:papan")
    teks = client.get(url, {"kecamatan": area.kec_k.pk}).content.decode()
    assert "https://wa.me/6281311112222?text=" in teks
    assert "Ingatkan Ketua Kenanga lewat WhatsApp" in teks
    bulan = jadwal.bulan_laporan_berjalan(timezone.localdate())
    LaporanDesaFactory(desa=area.desa_b, bulan=bulan, status=LaporanDesa.Status.DIKIRIM)
    teks = client.get(url, {"kecamatan": area.kec_k.pk}).content.decode()
    assert "wa.me/6281311112222" not in teks


def test_no_link_before_the_desa_starts_or_without_a_mobile(users, area):
    hari_ini = date(2025, 4, 2)
    bulan = date(2025, 3, 1)
    users.ppkbd.profil.telepon = "+6281234567890"
    users.ppkbd.profil.save()
    # no IMP_TANGGAL_MULAI and no record: "belum berlaku", no reminder
    assert tautan_pengingat(desa=[area.desa_a], bulan=bulan, hari_ini=hari_ini) == {}
    LaporanDesaFactory(desa=area.desa_a, bulan=date(2025, 1, 1))  # first record: started
    mulai_usang()  # the services clear the cached start months; a factory does not
    hasil = tautan_pengingat(desa=[area.desa_a, area.desa_b], bulan=bulan, hari_ini=hari_ini)
    assert list(hasil) == [area.desa_a.pk]
    assert hasil[area.desa_a.pk]["telepon"] == "0812-3456-7890"


def test_message_before_and_after_the_due_date(area):
    bulan = date(2025, 3, 1)
    batas = jadwal.batas_kirim(bulan)
    sebelum = pesan_pengingat(nama="Sitti", desa=area.desa_a, bulan=bulan, hari_ini=batas)
    sesudah = pesan_pengingat(
        nama="Sitti", desa=area.desa_a, bulan=bulan, hari_ini=date(2025, 4, 20)
    )
    assert "bulan Maret 2025 belum dikirim" in sebelum and "paling lambat" in sebelum
    assert "sudah lewat" in sesudah
