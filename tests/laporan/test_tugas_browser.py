"""The koordinator's to-do page and a report's page in a real browser (axe runs on each), at
360 px and desktop: the step waiting for the koordinator comes first, with its link."""

import pytest
from playwright.sync_api import expect

from laporan import jadwal, services
from tests.integration_support import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def terkirim(area, users, angka_tetap):
    bulan = jadwal.bulan_laporan_berjalan()
    a = services.laporan_buat(desa=area.desa_a, bulan=bulan)
    services.laporan_kirim(laporan=a, oleh=users.penyuluh)
    b = services.laporan_buat(desa=area.desa_b, bulan=bulan)
    services.laporan_kirim(laporan=b, oleh=users.ppkbd)
    return a


def test_koordinator_todo_then_verify_and_approve(page_360, users, terkirim):
    page_360.goto("/akun/masuk/")
    page_360.fill("#id_username", users.koordinator.username)
    page_360.fill("#id_password", "rahasia-uji-123")
    page_360.click("button[type=submit]")
    page_360.wait_for_load_state()
    page_360.goto("/laporan/tugas/")
    perlu = page_360.locator("#perlu-tindakan")
    expect(perlu).to_contain_text("Desa A")
    expect(perlu).not_to_contain_text("Desa B")  # waiting for the penyuluh
    expect(page_360.locator("#tanpa-tindakan")).to_contain_text("Menunggu verifikasi penyuluh")
    assert page_360.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page_360, "tugas-koordinator-360")
    page_360.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page_360, "tugas-koordinator-desktop")
    perlu.get_by_role("link", name="Verifikasi & setujui").click()
    page_360.wait_for_load_state()
    expect(page_360.locator("#tombol-setujui")).to_have_text("Verifikasi & setujui")
    page_360.locator("#tombol-setujui").click()
    expect(page_360.locator("#status-laporan")).to_have_text("Disetujui")
    expect(page_360.locator("#riwayat")).to_contain_text("Diverifikasi oleh")
    screenshot(page_360, "laporan-verifikasi-setujui-desktop")
