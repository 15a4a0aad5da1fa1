"""Phone menu at 360 px, per role: the open menu (and its "Lainnya" section) never makes the page
wider than the screen, and the short menu holds at most eight items."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from tests.integration_support import PAGE_TIMEOUT_MS, masuk_browser, periksa_axe, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PERAN = ["u_sub", "u_ppkbd", "u_pkb", "u_koor", "u_dinas", "u_admin"]


def lebar(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("username", PERAN)
def test_open_menu_fits_360_px(page_360, area, users, username):
    page = page_360
    # A real account carries a long name; the account toggle shows it with the role.
    User.objects.filter(username=username).update(
        first_name="Hj. Sitti Nurhayati Daeng", last_name="Ngasseng Binti Abdullah"
    )
    masuk_browser(page, username)
    page.click(".navbar-toggler")
    expect(page.locator("#menu")).to_be_visible()
    page.wait_for_timeout(400)  # collapse transition
    assert lebar(page) <= 360
    jumlah = page.locator("#menu-utama > li").count()
    assert 2 <= jumlah <= 8
    toggles = page.locator("#menu .dropdown-toggle")
    assert toggles.count() >= 1
    for i in range(toggles.count()):
        toggles.nth(i).click()
        expect(toggles.nth(i)).to_have_attribute("aria-expanded", "true")
        assert lebar(page) <= 360, toggles.nth(i).inner_text()
        periksa_axe(page)  # the opened dropdown: contrast, names
        if i == 0:
            screenshot(page, f"shell-menu-{username}-360")


@pytest.mark.parametrize("username,lebar_layar", [("u_ppkbd", 1024), ("u_dinas", 1280)])
def test_desktop_menu_fits_one_row_and_passes_axe(page_360, area, users, username, lebar_layar):
    page = page_360
    page.set_viewport_size({"width": lebar_layar, "height": 900})
    User.objects.filter(username=username).update(first_name="Hj. Sitti", last_name="Aminah")
    masuk_browser(page, username)
    tinggi = page.evaluate("document.querySelector('nav.navbar').getBoundingClientRect().height")
    assert tinggi < 70  # one row: the short menu and the account menu side by side
    page.locator("#menu-lainnya").click()
    expect(page.locator(".menu-lainnya")).to_be_visible()
    # A long "Lainnya" scrolls inside itself instead of running past the window.
    bawah = page.evaluate("document.querySelector('.menu-lainnya').getBoundingClientRect().bottom")
    assert bawah <= 900
    periksa_axe(page)
    screenshot(page, f"shell-menu-{username}-{lebar_layar}")


def test_skip_link_moves_focus_to_the_content(page_360, area, users):
    page = page_360
    masuk_browser(page, "u_sub")
    page.keyboard.press("Tab")
    lompat = page.locator(".tautan-lompat")
    expect(lompat).to_be_focused()
    expect(lompat).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main#isi")).to_be_focused()


@pytest.fixture
def page_360_tanpa_sw(browser, live_server):
    """page_360 with service workers blocked: a cadre's service worker precaches Bootstrap and
    serves it itself, where page.route cannot hold it back (the test then raced the worker)."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        locale="id-ID",
        timezone_id="Asia/Makassar",
        base_url=live_server.url,
        service_workers="block",
    )
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_menu_opens_when_tapped_before_bootstrap_arrived(page_360_tanpa_sw, area, users):
    """base.html leaves Bootstrap's JavaScript until after the page's load (a slow line shows
    the page first): a tap on the menu button before it arrived is not lost."""
    page = page_360_tanpa_sw
    masuk_browser(page, "u_sub")
    ditahan = []
    page.route("**/bootstrap-imp.min*.js", lambda route: ditahan.append(route))
    page.reload(wait_until="load")
    page.click(".navbar-toggler")  # Bootstrap is still on its way
    expect(page.locator("#menu")).not_to_be_visible()
    assert page.evaluate("typeof window.bootstrap") == "undefined"
    assert len(ditahan) == 1
    ditahan[0].continue_()
    expect(page.locator("#menu")).to_be_visible()
    expect(page.locator(".navbar-toggler")).to_have_attribute("aria-expanded", "true")
    page.locator("#menu-akun").click()
    expect(page.locator("#menu-akun + .dropdown-menu")).to_be_visible()
