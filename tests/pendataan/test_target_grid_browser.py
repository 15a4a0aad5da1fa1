"""The target grid in a real browser at 360 px and desktop: the Dinas types targets, the totals
follow, a negative cell is refused with its message and nothing written, the corrected page is
saved (axe scans every page visited)."""

import pytest
from playwright.sync_api import expect

from kader.models import Peran
from pendataan.models import TargetMetode
from tests.factories import UserFactory
from tests.integration_support import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_dinas_enters_targets_on_a_phone(page_360, live_server, area):
    UserFactory(username="dinas_grid", peran=Peran.DINAS)
    TargetMetode.objects.create(
        desa=area.desa_x, tahun=2026, metode="IUD", target_pb=10, target_pa=20
    )
    page = page_360
    page.goto("/akun/masuk/")
    page.fill("#id_username", "dinas_grid")
    page.fill("#id_password", "rahasia-uji-123")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    page.goto(f"/pendataan/target/?kecamatan={area.kec_k.pk}&tahun=2026")
    a, b = area.desa_a.pk, area.desa_b.pk
    # The page does not scroll sideways: the grid scrolls inside its own box.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    kotak = page.locator(".tabel-target")
    assert kotak.evaluate("el => el.scrollWidth > el.clientWidth")
    page.fill(f"[name=t-{a}-IUD-pb]", "12")
    page.fill(f"[name=t-{b}-IUD-pb]", "3")
    page.fill(f"[name=t-{a}-IUD-pa]", "40")
    expect(page.locator("[data-kec='IUD-pb']")).to_have_text("15")
    expect(page.locator("[data-kab='IUD-pb']")).to_have_text("25")
    expect(page.locator("[data-kab='jumlah-pa']")).to_have_text("60")
    # Far right in the box (PIL, SUNTIK…): the desa column stays in view.
    page.fill(f"[name=t-{b}-TRADISIONAL-pa]", "-4")
    sel = page.locator(f"[name=t-{b}-TRADISIONAL-pa]")
    expect(sel).to_have_class("form-control form-control-sm is-invalid")
    kolom = page.locator("tbody tr[data-baris] th.kolom-desa").nth(1)
    x_kolom = kolom.bounding_box()["x"]
    assert 0 <= x_kolom < 20, x_kolom
    screenshot(page, "target_grid_360_isi")
    page.click("#grid-target button[type=submit]")
    expect(page.locator("#galat-target")).to_contain_text("1 isian salah")
    expect(page.locator(f"#g-t-{b}-TRADISIONAL-pa")).to_contain_text("negatif")
    screenshot(page, "target_grid_360_salah")
    assert TargetMetode.objects.count() == 1  # only kecamatan L's, nothing written
    page.fill(f"[name=t-{b}-TRADISIONAL-pa]", "4")
    page.click("#grid-target button[type=submit]")
    expect(page.locator(".alert-success")).to_contain_text("3 target Kecamatan K tahun 2026")
    simpan = {
        (t.desa_id, t.metode): (t.target_pb, t.target_pa)
        for t in TargetMetode.objects.filter(desa__kecamatan=area.kec_k)
    }
    assert simpan == {(a, "IUD"): (12, 40), (b, "IUD"): (3, 0), (b, "TRADISIONAL"): (0, 4)}
    expect(page.locator("[data-kab='jumlah-pb']")).to_have_text("25")
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, "target_grid_desktop")
