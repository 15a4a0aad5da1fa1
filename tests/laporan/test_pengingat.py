"""E-mail reminders 3 days before and 1 day after the due date (3rd of next month)."""

from datetime import date

import pytest
from django.core import mail

from laporan import services, services_pengingat
from laporan.models import Pengingat
from tests.factories import UserFactory
from tests.laporan.factories import LaporanDesaFactory

BULAN = date(2025, 3, 1)  # due 3 April 2025


@pytest.fixture
def email(users, settings):
    settings.IMP_TANGGAL_MULAI = "2025-01-01"  # every desa is expected to report (jadwal.berlaku)
    for u in (users.ppkbd, users.penyuluh, users.koordinator):
        u.email = f"{u.username}@contoh.id"
        u.save()
    return users


@pytest.mark.parametrize("hari", [date(2025, 3, 31), date(2025, 4, 4)])
def test_reminder_days_send_to_responsible_users(email, area, hari):
    assert services_pengingat.laporan_kirim_pengingat(hari_ini=hari) == 2
    penerima = sorted(m.to[0] for m in mail.outbox)
    assert penerima == ["u_pkb@contoh.id", "u_ppkbd@contoh.id"]  # not the koordinator
    pesan = next(m for m in mail.outbox if m.to == ["u_ppkbd@contoh.id"])
    assert "Maret 2025" in pesan.subject or "Maret 2025" in pesan.body
    assert "Desa A" in pesan.body and "3 April 2025" in pesan.body
    # Idempotent: the beat running twice the same day sends nothing more.
    assert services_pengingat.laporan_kirim_pengingat(hari_ini=hari) == 0
    assert Pengingat.objects.count() == 2


@pytest.mark.parametrize("hari", [date(2025, 4, 1), date(2025, 4, 3), date(2025, 4, 5)])
def test_no_reminder_on_other_days(email, hari):
    assert services_pengingat.laporan_kirim_pengingat(hari_ini=hari) == 0
    assert mail.outbox == []


def test_sent_report_gets_no_reminder(email, area, angka_tetap):
    lap = LaporanDesaFactory(desa=area.desa_a, bulan=BULAN)
    services.laporan_kirim(laporan=lap, oleh=email.ppkbd)
    UserFactory(peran="ppkbd", wilayah=area.desa_b, email="b@contoh.id")
    assert services_pengingat.laporan_kirim_pengingat(hari_ini=date(2025, 4, 4)) == 1
    assert mail.outbox[0].to == ["b@contoh.id"]


# --- Months "belum berlaku" (laporan.jadwal.berlaku, as on the status board) ----------------


def test_desa_that_has_not_started_gets_no_reminder(email, settings, area):
    """No go-live date and no record: every desa is "belum berlaku", nobody is reminded."""
    settings.IMP_TANGGAL_MULAI = ""
    assert services_pengingat.laporan_kirim_pengingat(hari_ini=date(2025, 4, 4)) == 0
    assert mail.outbox == [] and not Pengingat.objects.exists()


def test_go_live_after_the_month_sends_no_reminder(email, settings, area):
    settings.IMP_TANGGAL_MULAI = "2025-04-01"  # March is before the app started here
    assert services_pengingat.laporan_kirim_pengingat(hari_ini=date(2025, 4, 4)) == 0
    settings.IMP_TANGGAL_MULAI = "2025-03-01"
    assert services_pengingat.laporan_kirim_pengingat(hari_ini=date(2025, 4, 4)) == 2


def test_reminder_only_for_the_desa_that_started_by_its_first_record(email, settings, area):
    """Desa A has a record from February (a draft report): reminded for March. Desa B started
    in April (its first report): March is "belum berlaku" for it, no reminder."""
    settings.IMP_TANGGAL_MULAI = ""
    LaporanDesaFactory(desa=area.desa_a, bulan=date(2025, 2, 1))
    LaporanDesaFactory(desa=area.desa_b, bulan=date(2025, 4, 1))
    UserFactory(peran="ppkbd", wilayah=area.desa_b, email="b@contoh.id")
    assert services_pengingat.laporan_kirim_pengingat(hari_ini=date(2025, 4, 4)) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["u_pkb@contoh.id", "u_ppkbd@contoh.id"]
    assert all("Desa B" not in m.body for m in mail.outbox)
    assert [d for p in Pengingat.objects.all() for d in p.desa] == [area.desa_a.pk] * 2
