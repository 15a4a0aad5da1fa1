"""The generated-files list (templates/pekerjaan/_daftar_berkas.html) on a phone: the download
button is inside the screen, no sideways scroll in the page or inside the table."""

import pytest
from playwright.sync_api import expect

from imp_smart.models import Pekerjaan
from tests.integration_support import periksa_axe, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SANDI = "rahasia-uji-123"


def test_draft_sk_download_button_reachable_at_360_px(page_360, area, users):
    """A failed earlier version with a long unbroken message (a storage path) must not widen
    the table past the screen and push the new version's button out of reach."""
    Pekerjaan.objects.create(
        jenis_pekerjaan="kader.draft_sk",
        kunci="2027",
        parameter={"tahun": 2027},
        versi=1,
        status=Pekerjaan.Status.GAGAL,
        pesan_galat="OSError:/var/lib/imp-smart/media/rekap/2027/01/draf-sk-pengurus-seluruh-"
        "kabupaten-2027-v1.pdf",
    )
    page = page_360
    page.goto("/akun/masuk/")
    page.fill("#id_username", "u_dinas")
    page.fill("#id_password", SANDI)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_contain_text("Selamat datang")
    page.goto("/kader/sk/draf/")
    page.fill("#id_tahun", "2027")
    page.select_option("#id_kecamatan", "")
    page.click("input[type=submit]")
    expect(page.locator("#daftar-berkas")).to_contain_text("versi 2")
    tombol = page.locator("#daftar-berkas .unduh a").first
    expect(tombol).to_be_visible(timeout=60_000)
    kotak = tombol.bounding_box()
    assert kotak["x"] >= 0 and kotak["x"] + kotak["width"] <= 360, kotak
    assert kotak["height"] >= 30
    wadah = page.locator("#daftar-berkas").locator("xpath=..")
    assert wadah.evaluate("e => e.scrollWidth <= e.clientWidth"), "table scrolls sideways"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "laporan-daftar-berkas-360")
    periksa_axe(page)
