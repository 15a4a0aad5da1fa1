"""The programme pages in a real browser at 360 px and desktop (axe runs on every page): wide
tables scroll inside their cards, the classification evidence opens, the scorecard sorts."""

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.factories import KaderFactory, PengurusFactory
from tests.integration_support import masuk_browser, screenshot
from tests.pertemuan.factories import KonselingFactory, PertemuanFactory, SesiKIEFactory, pus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def data(area, users):
    sri = KaderFactory(institusi=area.ppkbd_a, nama="Sri Wahyuni")
    KaderFactory(institusi=area.sub_a1, nama="Andi Tenri")
    PengurusFactory(kader=sri, jabatan="ketua", mulai=date(2025, 1, 1))
    p = PertemuanFactory(wilayah=area.desa_a, institusi=area.ppkbd_a, tanggal=date(2025, 7, 10))
    p.kader_hadir.add(sri)
    SesiKIEFactory(wilayah=area.desa_a, institusi=area.ppkbd_a, tanggal=date(2025, 7, 12))
    for _ in range(3):
        KonselingFactory(anggota=pus(dusun=area.dusun_a1), kader=sri, tanggal=date(2025, 7, 3))
    return users


def _muat(page, lebar: int) -> None:
    page.set_viewport_size({"width": lebar, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") <= lebar


def test_programme_pages_fit_a_phone_and_a_desktop(page_360, data):
    masuk_browser(page_360, "u_koor")
    page_360.goto("/laporan/program/?bulan=2025-07")
    expect(page_360.locator("#tabel-program-desa")).to_contain_text("Desa A")
    expect(page_360.locator("#unduh-program-csv")).to_be_visible()
    for lebar in (360, 1280):
        _muat(page_360, lebar)
        screenshot(page_360, f"program-hasil-{lebar}")

    page_360.goto("/laporan/program/klasifikasi/?bulan=2025-07")
    baris = page_360.locator("#daftar-klasifikasi li").filter(has_text="Melati")
    baris.locator("summary").click()
    expect(baris).to_contain_text("Ketua dan minimal satu jabatan lain terisi")
    expect(baris).to_contain_text("ketua ada, jabatan lain 0")
    for lebar in (360, 1280):
        _muat(page_360, lebar)
        screenshot(page_360, f"program-klasifikasi-{lebar}")

    page_360.goto("/laporan/program/supervisi/?bulan=2025-07&per=kader")
    page_360.get_by_role("link", name="Konseling", exact=True).click()
    page_360.wait_for_load_state()
    page_360.get_by_role("link", name="Konseling", exact=True).click()  # descending
    page_360.wait_for_load_state()
    expect(page_360.locator("table tbody tr").first).to_contain_text("Sri Wahyuni")
    for lebar in (360, 1280):
        _muat(page_360, lebar)
        screenshot(page_360, f"program-supervisi-{lebar}")
