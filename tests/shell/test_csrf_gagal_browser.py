"""The login form sent after its token went stale (another tab logged in and out, the cookies
were cleared) shows the Indonesian page and its button opens a form that works, at 360 px and
on a desktop."""

import pytest
from playwright.sync_api import expect

from tests.integration_support import SANDI_UJI, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("lebar", [360, 1280])
def test_a_stale_login_form_is_opened_again_and_works(page_360, users, lebar):
    page = page_360
    page.set_viewport_size({"width": lebar, "height": 800})
    page.goto("/akun/masuk/")
    page.fill("#id_username", users.ppkbd.username)
    page.fill("#id_password", SANDI_UJI)
    page.context.clear_cookies()  # the token in the form no longer has its cookie
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_contain_text("Formulir sudah kedaluwarsa")
    screenshot(page, f"csrf-kedaluwarsa-{lebar}")
    page.get_by_role("link", name="Buka formulir lagi").click()
    page.fill("#id_username", users.ppkbd.username)
    page.fill("#id_password", SANDI_UJI)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_contain_text("Selamat datang")
