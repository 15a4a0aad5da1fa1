"""The F/I/Dal/13 page in a real browser at 360 px and desktop: the koordinator asks for the
kecamatan PDF, the version appears with its download button (axe scans every page visited)."""

import pytest
from playwright.sync_api import expect

from imp_smart.models import Pekerjaan
from tests.integration_support import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_koordinator_asks_for_the_kecamatan_pdf_on_a_phone(page_360, live_server, users, area):
    page = page_360
    page.goto("/akun/masuk/")
    page.fill("#id_username", users.koordinator.username)
    page.fill("#id_password", "rahasia-uji-123")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    page.goto("/laporan/fidal/2025-03/")
    tabel = page.locator("#dokumen-fidal")
    expect(tabel).to_contain_text("Kecamatan K")
    expect(tabel).not_to_contain_text("Kecamatan L")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.click("button[aria-label='Buat PDF Kecamatan K']")
    baris = page.locator("#daftar-berkas tbody tr").first
    expect(baris).to_contain_text("Kecamatan K versi 1")
    expect(baris.locator("a", has_text="Unduh")).to_be_visible()  # eager in tests: done
    screenshot(page, "fidal_360")
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, "fidal_desktop")
    job = Pekerjaan.objects.get(jenis_pekerjaan="laporan.fidal")
    assert job.status == Pekerjaan.Status.SELESAI and len(job.sha256) == 64
