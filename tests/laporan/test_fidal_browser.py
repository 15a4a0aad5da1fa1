"""In a real browser at phone width: the F/I/Dal/13 items on the desa report page, and the
'Tidak ada perubahan bulan ini' button of the PUS page (axe runs on every page visited)."""

import pytest
from playwright.sync_api import expect

from laporan import services
from pendataan.models import KonfirmasiPus
from tests.integration_support import masuk_browser, screenshot
from tests.laporan.test_fidal import MAR, isi_fidal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def register(area, users):
    return isi_fidal(area, users)


def test_report_page_shows_the_form_items_at_360_and_1280(page_360, register, users):
    lap = services.laporan_buat(desa=register.desa_a, bulan=MAR)
    page = page_360
    masuk_browser(page, "u_ppkbd")
    page.goto(lap.get_absolute_url())
    expect(page.locator("#fidal-v")).to_contain_text("Sisa PPM PB")
    expect(page.locator("#fidal-iii [data-kode=iii_bkb_anggota]")).to_have_text("3")
    expect(page.locator("#fidal-vi")).to_contain_text("21,43")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "laporan-fidal-360")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.reload()
    screenshot(page, "laporan-fidal-1280")
    # The edit page: every counted item with its value and reason fields.
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"/laporan/{lap.pk}/ubah/")
    expect(page.get_by_label("Jumlah PUS anggota BKB yang ber-KB", exact=True)).to_have_value("1")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "laporan-fidal-ubah-360")


def test_sub_ppkbd_confirms_no_change(page_360, register, users):
    KonfirmasiPus.objects.all().delete()
    page = page_360
    masuk_browser(page, "u_sub")
    page.goto(f"/pendataan/pus/?wilayah={register.dusun_a1.pk}&bulan=2025-03")
    page.get_by_role("button", name="Tidak ada perubahan bulan ini").click()
    expect(page.locator("#konfirmasi-pus")).to_contain_text("dikonfirmasi oleh")
    screenshot(page, "pendataan-pus-konfirmasi-360")
    k = KonfirmasiPus.objects.get()
    assert (k.wilayah_id, k.oleh.username) == (register.dusun_a1.pk, "u_sub")
