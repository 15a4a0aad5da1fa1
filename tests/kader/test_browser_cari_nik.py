"""The cadre search in a real browser: a NIK typed into "Cari" is posted, never requested in a
URL (kader.cari_nik + static/kader/cari_nik.js), and the token address finds the cadre; with
JavaScript a name search is a plain GET, without JavaScript a NIK is posted all the same."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from tests.factories import KaderFactory
from tests.integration_support import masuk_browser, screenshot
from tests.pendataan.factories import pus_buat

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_nik_typed_into_cadre_search_never_reaches_the_address_bar(page_360, area, users):
    a = KaderFactory(institusi=area.ppkbd_a, nama="Kader Melati")
    KaderFactory(institusi=area.ppkbd_a, nama="Kader Kenari")
    page = page_360
    masuk_browser(page, users.ppkbd.username)
    page.goto("/kader/kader/")
    alamat = []
    page.on("request", lambda r: alamat.append(r.url))
    page.click(".filter-card .card-header a[data-bs-toggle]")
    expect(page.locator("#filter-isi.collapse.show")).to_be_visible()  # opened, not opening
    page.fill("input[name=q]", f"{a.nik[:8]} {a.nik[8:]}")
    page.click(".filter-card button[type=submit]")
    page.wait_for_url(lambda url: "nik_token=" in url)
    assert page.locator("table tbody tr").count() == 1
    assert "Kader Melati" in page.locator("table tbody").inner_text()
    expect(page.locator("main, body").first).to_contain_text("Dicari menurut NIK lengkap")
    assert not [u for u in alamat if a.nik[:8] in u or a.nik[8:] in u], alamat
    assert a.nik not in page.evaluate("JSON.stringify(history.state) + location.href")
    screenshot(page, "kader-cari-nik-360")
    # Any other search is a plain GET address (no CSRF token in it, no redirect).
    metode = []
    page.on(
        "request", lambda r: metode.append((r.method, r.url)) if r.is_navigation_request() else 0
    )
    page.click(".filter-card .card-header a[data-bs-toggle]")  # collapsed again on a phone
    expect(page.locator("#filter-isi.collapse.show")).to_be_visible()
    page.fill("input[name=q]", "Kenari")
    page.click(".filter-card button[type=submit]")
    page.wait_for_url(lambda url: "q=Kenari" in url)
    assert "csrfmiddlewaretoken" not in page.url and "nik_token" not in page.url
    assert [m for m, _ in metode] == ["GET"], metode
    assert "Kader Kenari" in page.locator("table tbody").inner_text()


def test_without_javascript_a_typed_nik_is_posted_too(browser, live_server, area, users):
    """No JavaScript (the form as the server wrote it): the cadre and the family search post a
    typed NIK; no request carries it, and the token address finds the one row."""
    kader = KaderFactory(institusi=area.ppkbd_a, nama="Kader Melati")
    KaderFactory(institusi=area.ppkbd_a, nama="Kader Kenari")
    ibu = pus_buat(dusun=area.dusun_a1, nama="Sitti Aminah")
    pus_buat(dusun=area.dusun_a1, nama="Hasnah Tiro")
    client = Client()
    client.force_login(users.ppkbd)
    # Browser.new_context from the class: the fixture's instance patch injects axe (a script).
    context = type(browser).new_context(
        browser,
        viewport={"width": 1280, "height": 900},
        locale="id-ID",
        base_url=live_server.url,
        java_script_enabled=False,
    )
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    try:
        page = context.new_page()
        alamat = []
        page.on("request", lambda r: alamat.append(r.url))
        for daftar, nik, nama in (
            ("/kader/kader/", kader.nik, "Kader Melati"),
            ("/pendataan/keluarga/", ibu.nik, ibu.keluarga.nama_kepala),
        ):
            page.goto(daftar)
            page.fill("input[name=q]", f"{nik[:8]} {nik[8:]}")
            page.click(".filter-card button[type=submit]")
            page.wait_for_url(lambda url: "nik_token=" in url)
            assert page.locator("table tbody tr").count() == 1
            assert nama in page.locator("table tbody").inner_text()
            assert not [u for u in alamat if nik[:8] in u or nik[8:] in u], alamat
    finally:
        context.close()
