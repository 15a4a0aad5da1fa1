"""In Chromium: the desa comparison of a kecamatan on a phone and a desktop, with the note of
when its cached counts were made (screenshots in $ARTIFACTS_DIR)."""

import re

import pytest

from tests.integration_support import masuk_browser, screenshot
from tests.pendataan.test_sasaran_cepat import daftar_kerja  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_comparison_fits_a_phone_and_says_when_counted(page_360, live_server, users, daftar_kerja):  # noqa: F811
    page = page_360
    masuk_browser(page, users.koordinator.username)
    url = f"/pendataan/peta/desa/?wilayah={daftar_kerja.kec_k.pk}&bulan=2025-03"
    desktop = page.context.browser.new_context(
        viewport={"width": 1280, "height": 900},
        base_url=live_server.url,
        storage_state=page.context.storage_state(),
    )
    layar_lebar = desktop.new_page()
    for halaman, nama in ((page, "360"), (layar_lebar, "desktop")):
        assert halaman.goto(url).status == 200
        catatan = halaman.locator("p.text-muted", has_text="Dihitung pukul").inner_text()
        assert re.search(r"Dihitung pukul \d\d\.\d\d WITA\.", catatan)
        assert halaman.locator("tbody tr").count() == 2
        screenshot(halaman, f"perbandingan-desa-{nama}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    desktop.close()
