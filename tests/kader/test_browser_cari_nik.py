"""The cadre search in a real browser: a NIK typed into "Cari" is posted, never requested in a
URL (kader.cari_nik + static/kader/cari_nik.js), and the token address finds the cadre."""

import pytest
from playwright.sync_api import expect

from tests.factories import KaderFactory
from tests.integration_support import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SANDI = "rahasia-uji-123"


def test_nik_typed_into_cadre_search_never_reaches_the_address_bar(page_360, area, users):
    a = KaderFactory(institusi=area.ppkbd_a, nama="Kader Melati")
    KaderFactory(institusi=area.ppkbd_a, nama="Kader Kenari")
    page = page_360
    page.goto("/akun/masuk/")
    page.fill("#id_username", users.ppkbd.username)
    page.fill("#id_password", SANDI)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_contain_text("Selamat datang")
    page.goto("/kader/kader/")
    alamat = []
    page.on("request", lambda r: alamat.append(r.url))
    page.click(".filter-card .card-header a[data-bs-toggle]")
    page.fill("input[name=q]", f"{a.nik[:8]} {a.nik[8:]}")
    page.click(".filter-card button[type=submit]")
    page.wait_for_url(lambda url: "nik_token=" in url)
    assert page.locator("table tbody tr").count() == 1
    assert "Kader Melati" in page.locator("table tbody").inner_text()
    expect(page.locator("main, body").first).to_contain_text("Dicari menurut NIK lengkap")
    assert not [u for u in alamat if a.nik[:8] in u or a.nik[8:] in u], alamat
    assert a.nik not in page.evaluate("JSON.stringify(history.state) + location.href")
    screenshot(page, "kader-cari-nik-360")
