"""The pages changed by issue 9 in a real browser, at 360 px and on a desktop (axe runs on every
page load): the one-press whole-kabupaten draft SK, the masked NIK in the cadre edit form,
the labelled date-range filter."""

import pytest
from playwright.sync_api import expect

from kader.models import Kader
from tests.factories import KaderFactory
from tests.integration_support import masuk_browser, periksa_axe, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("lebar", [360, 1280])
def test_district_draft_sk_in_one_press(page_360, area, users, lebar):
    page = page_360
    page.set_viewport_size({"width": lebar, "height": 800})
    masuk_browser(page, "u_dinas")
    page.goto("/kader/sk/draf/")
    page.fill("#id_tahun", "2027")
    page.select_option("#id_kecamatan", "")
    page.click("input[type=submit]")
    expect(page.locator(".alert-success")).to_contain_text(
        "Draf SK 2027 seluruh kabupaten (versi 1)"
    )
    expect(page.locator("#daftar-berkas")).to_contain_text("versi 1")
    screenshot(page, f"kader-draf-sk-{lebar}")
    periksa_axe(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= lebar


@pytest.mark.parametrize("lebar", [360, 1280])
def test_cadre_edit_form_shows_the_nik_masked_to_a_ppkbd(page_360, area, users, lebar):
    page = page_360
    page.set_viewport_size({"width": lebar, "height": 800})
    k = KaderFactory(institusi=area.ppkbd_a, nama="Kader Melati")
    masuk_browser(page, "u_ppkbd")
    page.goto(f"/kader/kader/{k.pk}/ubah/")
    nik = page.locator("#id_nik")
    expect(nik).to_have_value(k.nik_samar)
    assert k.nik not in page.content()
    screenshot(page, f"kader-ubah-nik-samar-{lebar}")
    page.fill("#id_telepon", "081200000001")
    page.click("input[type=submit]")
    expect(page.locator("h1")).to_have_text("Kader Melati")
    k2 = Kader.objects.get(pk=k.pk)
    assert k2.nik == k.nik and k2.telepon == "+6281200000001"


@pytest.mark.parametrize("lebar", [360, 1280])
def test_date_range_filter_is_labelled(page_360, area, users, lebar):
    page = page_360
    page.set_viewport_size({"width": lebar, "height": 800})
    masuk_browser(page, "u_dinas")
    page.goto("/pertemuan/")
    if lebar < 768:  # the filter card is collapsed on phones
        page.get_by_role("button", name="Saring & cari").click()
    expect(page.get_by_label("Tanggal dari")).to_be_visible()
    expect(page.get_by_label("Tanggal sampai")).to_be_visible()
    screenshot(page, f"pertemuan-saringan-tanggal-{lebar}")
    periksa_axe(page)
