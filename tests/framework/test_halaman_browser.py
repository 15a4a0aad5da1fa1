"""Kept pages (imp_smart.halaman) in a real browser with Redis: the list a cadre comes back to
after an edit shows the edit, its message once, and a kept page's forms (the logout button)
carry a CSRF token the server accepts."""

import os

import pytest
import redis
from django.core.cache import cache
from django.urls import reverse
from playwright.sync_api import expect

from pendataan.models import Keluarga
from tests.integration_support import masuk_browser, screenshot
from tests.pendataan.factories import keluarga_buat

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def redis_bersama(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15"),
            "KEY_PREFIX": "imp-uji-halaman-browser",
        }
    }
    settings.IMP_CACHE_BERSAMA = True
    cache.clear()
    yield
    cache.clear()


def test_back_on_a_kept_list_after_an_edit(redis_bersama, page_360, area, users):
    k = keluarga_buat(dusun=area.dusun_a1, nama_kepala="Daeng Lama")
    page = page_360
    masuk_browser(page, users.ppkbd.username)

    daftar = reverse("pendataan:keluarga_list")
    page.goto(daftar)
    expect(page.locator("table tbody")).to_contain_text("Daeng Lama")
    page.reload()  # a kept page now
    expect(page.locator("table tbody")).to_contain_text("Daeng Lama")
    r = redis.Redis.from_url(os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15"))
    assert list(r.scan_iter(match="imp-uji-halaman-browser:*:imp:halaman:*"))

    page.goto(reverse("pendataan:keluarga_update", args=[k.pk]))
    page.fill("input[name=nama_kepala]", "Daeng Baru")
    page.click("main form button[type=submit]")
    expect(page.locator(".alert-success")).to_be_visible()
    assert Keluarga.objects.get(pk=k.pk).nama_kepala == "Daeng Baru"

    page.goto(daftar)
    expect(page.locator("table tbody")).to_contain_text("Daeng Baru")
    page.reload()
    expect(page.locator("table tbody")).to_contain_text("Daeng Baru")
    expect(page.locator(".alert-success")).to_have_count(0)
    screenshot(page, "halaman-tersimpan-360")

    # The logout form of a kept page posts a token the server accepts.
    with page.expect_navigation():  # the form as it is, token and all (the menu aside)
        page.evaluate("document.querySelector('form[data-keluar]').requestSubmit()")
    assert "403" not in page.title()
    page.goto(daftar)
    page.wait_for_url(lambda url: "/akun/masuk/" in url)  # logged out: the list asks to log in
