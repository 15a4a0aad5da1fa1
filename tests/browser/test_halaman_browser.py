"""A kept page served late to the Dinas (imp_smart.halaman, IMP_HALAMAN_BASI) in a real browser:
it says when it was built, reads well at 360 px, and passes axe; the Dinas's own write is shown
at once."""

import pytest
from django.test import override_settings

from tests.integration_support import masuk_browser, periksa_axe, screenshot
from tests.pendataan.factories import keluarga_buat

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_dinas_list_served_late_says_when_it_was_built(page_360, users, area):
    keluarga_buat(dusun=area.dusun_a1, nama_kepala="Keluarga Lama")
    page = page_360
    with override_settings(IMP_HALAMAN_BASI=20):
        masuk_browser(page, users.dinas.username)
        page.goto("/pendataan/keluarga/")
        assert page.locator("[data-imp-data-per]").count() == 0
        keluarga_buat(dusun=area.dusun_x1, nama_kepala="Keluarga Kader Lain")

        page.goto("/pendataan/keluarga/")
        catatan = page.locator("[data-imp-data-per]")
        assert catatan.count() == 1
        assert "Data per pukul" in catatan.inner_text()
        assert page.get_by_text("Keluarga Kader Lain").count() == 0
        lebar = page.evaluate("document.documentElement.scrollWidth")
        assert lebar <= 360
        screenshot(page, "halaman-basi-dinas-360")
        periksa_axe(page)
        page.set_viewport_size({"width": 1280, "height": 800})
        page.reload()
        assert page.locator("[data-imp-data-per]").count() == 1
        screenshot(page, "halaman-basi-dinas-1280")
        page.set_viewport_size({"width": 360, "height": 740})

        # The Dinas's own write (logging in again writes last_login): built afresh at once.
        page.context.clear_cookies()
        masuk_browser(page, users.dinas.username)
        page.goto("/pendataan/keluarga/")
        assert page.locator("[data-imp-data-per]").count() == 0
        assert page.get_by_text("Keluarga Kader Lain").count() >= 1
