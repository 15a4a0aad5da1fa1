"""The Dinas's identity page in a real browser at 360 px and on a desktop (axe-core runs on
every page): an emblem uploaded there shows on the page and in the letterhead preview."""

import pytest
from playwright.sync_api import expect

from kader.models import ProfilDinas
from tests.integration_support import masuk_browser, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    '<circle r="4" cx="5" cy="5" fill="#c00"/></svg>'
)


def test_dinas_fills_in_the_office_identity_with_an_emblem(page_360, users, tmp_path):
    lambang = tmp_path / "lambang.svg"
    lambang.write_text(SVG)
    page = page_360
    masuk_browser(page, users.dinas.username)
    page.goto("/kader/profil-dinas/")
    expect(page.locator("h1")).to_contain_text("Profil dinas")
    page.fill("#id_nama_kabupaten", "Kota Makassar")
    page.fill("#id_kepala_dinas_nip", "197001012000031001")
    page.set_input_files("#id_lambang", str(lambang))
    screenshot(page, "kader-profil-dinas-360")
    page.click("input[name=simpan]")
    expect(page.locator(".alert-success")).to_contain_text("Profil dinas tersimpan")
    assert ProfilDinas.objects.get().nama_kabupaten == "Kota Makassar"
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, "kader-profil-dinas-1280")
