"""Overdue follow-ups (pertemuan.TindakLanjut past its due date, not done): 1 day after the due
date the user who recorded the meeting, and the accounts of the area named as owner, get one
e-mail listing their overdue follow-ups, each with a WhatsApp link to remind the owner."""

from datetime import date
from urllib.parse import unquote

import pytest
from django.core import mail

from laporan import services_pengingat
from laporan.models import Pengingat
from pertemuan.models import TindakLanjut
from tests.factories import KaderFactory, UserFactory
from tests.pertemuan.factories import TindakLanjutFactory

BATAS = date(2025, 3, 31)


def _tl(wilayah, oleh, **lain):
    return TindakLanjutFactory(
        masalah__pertemuan__wilayah=wilayah,
        masalah__pertemuan__dibuat_oleh=oleh,
        masalah__pertemuan__judul="Rapat PPKBD Maret",
        **lain,
    )


@pytest.fixture
def siap(users, area):
    users.penyuluh.email = "pkb@contoh.id"
    users.penyuluh.save()
    KaderFactory(institusi=area.ppkbd_a, nama="Sari Wulandari", telepon="0813-1111-2222")
    tl = _tl(
        area.desa_a,
        users.penyuluh,
        uraian="Kunjungi 5 PUS unmet need",
        penanggung_jawab="sari  wulandari",
        batas_waktu=BATAS,
    )
    return users, tl


def _kirim(hari):
    return services_pengingat.laporan_kirim_pengingat(hari_ini=hari)


def test_overdue_by_one_day_reminds_the_recorder_with_the_owner_link(siap):
    users, tl = siap
    assert _kirim(date(2025, 4, 1)) == 1
    (pesan,) = mail.outbox
    assert pesan.to == ["pkb@contoh.id"]
    assert "Kunjungi 5 PUS unmet need" in pesan.body and "31 Maret 2025" in pesan.body
    assert "Rapat PPKBD Maret" in pesan.body and "(0813-1111-2222)" in pesan.body
    url = next(b for b in pesan.body.splitlines() if "wa.me" in b).split("WhatsApp: ")[1]
    assert url.startswith("https://wa.me/6281311112222?text=")  # the cadre of the same name
    assert "Kunjungi 5 PUS unmet need" in unquote(url)
    rekam = Pengingat.objects.get()
    assert (rekam.jenis, rekam.bulan, rekam.desa) == ("TINDAK", BATAS, [tl.pk])
    assert _kirim(date(2025, 4, 1)) == 0  # once per recipient and due date


@pytest.mark.parametrize("hari", [date(2025, 3, 30), date(2025, 3, 31), date(2025, 4, 2)])
def test_not_on_other_days(siap, hari):
    """Not before or on the due date; a day later the owner has been reminded already."""
    assert _kirim(hari) == 0
    assert mail.outbox == []


def test_done_follow_up_is_excluded(siap, area):
    users, tl = siap
    tl.status = TindakLanjut.Status.SELESAI
    tl.tanggal_selesai = date(2025, 3, 30)
    tl.save()
    assert _kirim(date(2025, 4, 1)) == 0
    # Another one overdue the same day is listed, the done one is not.
    _tl(area.desa_a, users.penyuluh, uraian="Perbarui data KB", batas_waktu=BATAS)
    assert _kirim(date(2025, 4, 1)) == 1
    assert "Perbarui data KB" in mail.outbox[0].body
    assert "Kunjungi 5 PUS" not in mail.outbox[0].body


def test_older_overdue_ones_are_listed_with_the_new_one(siap, area):
    users, _ = siap
    _tl(area.desa_a, users.penyuluh, uraian="Tempel poster KB", batas_waktu=date(2025, 3, 10))
    assert _kirim(date(2025, 4, 1)) == 1
    assert "Tempel poster KB" in mail.outbox[0].body and "Kunjungi 5 PUS" in mail.outbox[0].body


def test_other_area_follow_ups_go_to_their_own_people(siap, area):
    users, _ = siap
    lain = UserFactory(peran="koordinator", wilayah=area.kec_l, email="koor-l@contoh.id")
    _tl(
        area.desa_x,
        lain,
        uraian="Rapat ulang Desa X",
        penanggung_jawab="Pak Kades",
        batas_waktu=BATAS,
    )
    assert _kirim(date(2025, 4, 1)) == 2
    pkb = next(m for m in mail.outbox if m.to == ["pkb@contoh.id"])
    koor = next(m for m in mail.outbox if m.to == ["koor-l@contoh.id"])
    assert "Desa X" not in pkb.body and "Kunjungi 5 PUS" not in koor.body
    # Owner unknown to the app: the link asks WhatsApp for the contact.
    assert "https://wa.me/?text=" in koor.body


def test_owner_with_an_account_in_the_area_is_reminded_too(siap, area):
    users, _ = siap
    users.ppkbd.first_name, users.ppkbd.last_name = "Sari", "Wulandari"
    users.ppkbd.email = "sari@contoh.id"
    users.ppkbd.save()
    assert _kirim(date(2025, 4, 1)) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["pkb@contoh.id", "sari@contoh.id"]
