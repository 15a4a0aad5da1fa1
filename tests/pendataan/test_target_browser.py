"""The target (PPM) upload page in a real browser at 360 px and desktop: a wrong file shows the
error table and saves nothing; the corrected file is saved (axe scans every page visited)."""

import pytest
from playwright.sync_api import expect

from kader.models import Peran
from pendataan.models import TargetMetode
from tests.factories import UserFactory
from tests.integration_support import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_dinas_uploads_targets_on_a_phone(page_360, live_server, area, tmp_path):
    UserFactory(username="dinas_target", peran=Peran.DINAS)
    page = page_360
    page.goto("/akun/masuk/")
    page.fill("#id_username", "dinas_target")
    page.fill("#id_password", "rahasia-uji-123")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    a = area.desa_a.kode
    salah = tmp_path / "target.csv"
    salah.write_text(
        f"kode_desa,tahun,metode,target_pb,target_pa\n{a},2025,PIL,-2,9\n{a},2025,SPIRAL,1,1\n"
    )
    page.goto("/pendataan/target/impor/")
    page.set_input_files("#id_berkas", str(salah))
    page.click("main button[type=submit]")
    tabel = page.locator("#kesalahan-target")
    expect(tabel).to_contain_text("negatif")
    expect(tabel.locator("tbody tr")).to_have_count(2)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "target_impor_kesalahan_360")
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, "target_impor_kesalahan_desktop")
    assert not TargetMetode.objects.exists()
    benar = tmp_path / "benar.csv"
    benar.write_text(f"kode_desa,tahun,metode,target_pb,target_pa\n{a},2025,PIL,2,9\n")
    page.set_input_files("#id_berkas", str(benar))
    page.click("main button[type=submit]")
    expect(page.locator(".alert-success")).to_contain_text("1 target untuk 1 desa disimpan")
    screenshot(page, "target_impor_berhasil_desktop")
    assert TargetMetode.objects.get().target_pb == 2
