"""In Chromium at 360 px: a Sub-PPKBD cadre updates three PUS statuses and sees the counts
change; every pendataan page fits a phone (screenshots in $ARTIFACTS_DIR)."""

from datetime import date

import pytest

from pendataan.models import Keluarga, PerubahanStatus
from tests.integration_support import masuk_browser, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _angka(page, kunci):
    return int(page.locator(f"#ringkasan b[data-k={kunci}]").inner_text())


def test_sub_ppkbd_updates_three_statuses_on_a_phone(page_360, users, area, pus_a1):
    page = page_360
    masuk_browser(page, users.sub_ppkbd.username)
    page.goto("/pendataan/pus/?bulan=2025-03")
    assert _angka(page, "pus") == 3 and _angka(page, "tanpa_status") == 3
    a, b, c = pus_a1.a1
    page.select_option(f"select[name=s_{a.pk}]", "IMPLAN")
    page.select_option(f"select[name=j_{a.pk}]", "PEMERINTAH")
    page.check(f"input[name=b_{a.pk}]")
    page.select_option(f"select[name=s_{b.pk}]", "TIAL")
    page.select_option(f"select[name=s_{c.pk}]", "HAMIL")
    assert page.locator(".pus .r.ubah").count() == 3
    screenshot(page, "pendataan-pus-bulanan-diisi-360")
    page.click("#form-pus button[type=submit]")
    page.wait_for_load_state()
    screenshot(page, "pendataan-pus-bulanan-sesudah-kirim-360")
    page.wait_for_selector(".alert-success")
    assert (
        _angka(page, "ber_kb"),
        _angka(page, "unmet"),
        _angka(page, "hamil"),
        _angka(page, "tanpa_status"),
    ) == (1, 1, 1, 0)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "pendataan-pus-bulanan-tersimpan-360")
    assert set(
        PerubahanStatus.objects.filter(bulan=date(2025, 3, 1)).values_list(
            "anggota_id", "status", "peserta_baru"
        )
    ) == {(a.pk, "IMPLAN", True), (b.pk, "TIAL", False), (c.pk, "HAMIL", False)}


def test_pendataan_pages_fit_a_phone_and_a_desktop(page_360, live_server, users, area, pus_a1):
    Keluarga.objects.update(lintang=-5.2, bujur=119.5)
    page = page_360
    masuk_browser(page, users.ppkbd.username)
    kel = pus_a1.a1[0].keluarga
    halaman = {
        "keluarga-daftar": "/pendataan/keluarga/",
        "keluarga-rinci": kel.get_absolute_url(),
        "anggota-rinci": f"/pendataan/anggota/{pus_a1.a1[0].pk}/",
        "keluarga-tambah": "/pendataan/keluarga/tambah/",
        "pus-bulanan": "/pendataan/pus/?bulan=2025-03",
        "peta": f"/pendataan/peta/?wilayah={area.desa_a.pk}",
        "peta-keluarga": f"/pendataan/peta/keluarga/?wilayah={area.dusun_a1.pk}",
        "sasaran": f"/pendataan/sasaran/?wilayah={area.desa_a.pk}&bulan=2025-03",
        "impor": "/pendataan/impor/unggah/",
        "impor-daftar": "/pendataan/impor/",
        "perbandingan-desa": "/pendataan/peta/desa/",
    }
    desktop = page.context.browser.new_context(
        viewport={"width": 1280, "height": 900},
        base_url=live_server.url,
        storage_state=page.context.storage_state(),
    )
    layar_lebar = desktop.new_page()
    for nama, url in halaman.items():
        assert page.goto(url).status == 200, url
        lebar = page.evaluate("document.documentElement.scrollWidth")
        assert lebar <= 360, f"{url} scrolls sideways on a phone ({lebar}px)"
        screenshot(page, f"pendataan-{nama}-360")
        assert layar_lebar.goto(url).status == 200
        screenshot(layar_lebar, f"pendataan-{nama}-desktop")
    desktop.close()


def test_changes_survive_a_lost_connection_on_the_monthly_page(page_360, users, area, pus_a1):
    """The signal drops while saving: the changes stay on the phone; reopened later, the page
    offers them back, and once saved the offer is gone. (A cadre with the installed app has the
    post kept in the phone's queue and sent by itself: tests/browser/test_offline.py; the
    penyuluh, who does not work offline, relies on this copy.)"""
    page = page_360
    masuk_browser(page, users.penyuluh.username)
    alamat = f"/pendataan/pus/?wilayah={area.dusun_a1.pk}&bulan=2025-03"
    page.goto(alamat)
    a, b, _ = pus_a1.a1
    page.select_option(f"select[name=s_{a.pk}]", "SUNTIK")
    page.select_option(f"select[name=j_{a.pk}]", "SWASTA")
    page.select_option(f"select[name=s_{b.pk}]", "IAS")
    page.context.set_offline(True)
    from playwright.sync_api import Error as GalatPeramban

    try:  # the POST never leaves the phone; Chromium shows its "no internet" page
        page.click("#form-pus button[type=submit]", timeout=5000)
        page.wait_for_load_state(timeout=5000)
    except GalatPeramban:
        pass
    page.context.set_offline(False)
    assert not PerubahanStatus.objects.exists()
    page.goto(alamat)
    page.wait_for_selector("#draf-pus:not([hidden])")
    assert page.locator("#draf-pus [data-n]").inner_text() == "2"
    screenshot(page, "pendataan-pus-draf-tertunda-360")
    page.click("#draf-pus [data-pulihkan]")
    assert page.locator(".pus .r.ubah").count() == 2
    assert page.input_value(f"select[name=s_{a.pk}]") == "SUNTIK"
    assert page.input_value(f"select[name=j_{a.pk}]") == "SWASTA"
    page.click("#form-pus button[type=submit]")
    page.wait_for_selector(".alert-success")
    assert page.locator("#draf-pus").is_hidden()
    page.reload()
    assert page.locator("#draf-pus").is_hidden()  # saved: nothing left on the phone
    assert set(PerubahanStatus.objects.values_list("anggota_id", "status")) == {
        (a.pk, "SUNTIK"),
        (b.pk, "IAS"),
    }
