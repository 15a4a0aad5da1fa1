"""Issue 9 on the monthly PUS page in Chromium at 360 px: jalur only with a method (no false
"not saved on this phone" banner), the row in error brought into view and focused, counts that
change only after saving, tap targets of 44 px and the legend of the non-method codes."""

from datetime import date

import pytest
from playwright.sync_api import expect

from pendataan.models import PerubahanStatus
from tests.integration_support import masuk_browser, screenshot
from tests.pendataan.factories import pus_buat

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# Every control a thumb can press in the page's content (a PB checkbox is pressed through its
# 44 px label); hidden ones are skipped.
JS_TARGET_KECIL = """() => [...document.querySelectorAll(
    'main a[href], main button, main select, main input:not([type=hidden]), main label.pb')]
  .filter((e) => e.offsetParent !== null && !e.closest('label.pb'))
  .map((e) => [e.name || e.textContent.trim().slice(0, 40), e.getBoundingClientRect()])
  .filter(([, r]) => r.height < 44 || r.width < 44)
  .map(([nama, r]) => `${nama}: ${Math.round(r.width)}×${Math.round(r.height)}`)"""


def _angka(page, kunci):
    return int(page.locator(f"#ringkasan b[data-k={kunci}]").inner_text())


def test_jalur_only_with_a_method_and_no_false_banner(page_360, users, area, pus_a1):
    page = page_360
    masuk_browser(page, users.sub_ppkbd.username)
    page.goto("/pendataan/pus/?bulan=2025-03")
    a, b, _ = pus_a1.a1
    jalur_a, pb_a = page.locator(f"select[name=j_{a.pk}]"), page.locator(f"input[name=b_{a.pk}]")
    assert jalur_a.is_disabled() and pb_a.is_disabled()  # no status yet: no jalur, no PB
    page.select_option(f"select[name=s_{a.pk}]", "IUD")
    assert jalur_a.is_enabled() and pb_a.is_enabled()
    page.select_option(f"select[name=j_{a.pk}]", "PEMERINTAH")
    page.check(f"input[name=b_{a.pk}]")
    page.select_option(f"select[name=s_{a.pk}]", "IAS")  # changed her mind: not a method
    assert jalur_a.is_disabled() and jalur_a.input_value() == "" and not pb_a.is_checked()
    page.select_option(f"select[name=s_{b.pk}]", "PIL")
    page.select_option(f"select[name=j_{b.pk}]", "SWASTA")
    page.click("#form-pus button[type=submit]")
    page.wait_for_selector(".alert-success")
    page.reload()
    assert page.locator("#draf-pus").is_hidden()
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('imp-pus:'))") == []
    assert set(PerubahanStatus.objects.values_list("anggota_id", "status", "jalur")) == {
        (a.pk, "IAS", ""),
        (b.pk, "PIL", "SWASTA"),
    }


def test_row_in_error_is_focused_counts_wait_for_saving_and_targets_are_44px(
    page_360, users, area, pus_a1
):
    for i in range(20):  # a long page: the row in error is far below the first screen
        pus_buat(dusun=area.dusun_a1, nama=f"Ibu Z{i:02d}", lahir=date(1991, 1, 1), rt="009")
    page = page_360
    masuk_browser(page, users.sub_ppkbd.username)
    page.goto("/pendataan/pus/?bulan=2025-03")
    legenda = page.locator("ul.legenda").inner_text()
    for kode in ("HAMIL", "IAS", "IAT", "TIAL", "ingin anak segera", "tidak ingin anak lagi"):
        assert kode in legenda
    for pilih in ("select[name^=s_]", "select[name^=j_]", "label.pb", "#form-pus [type=submit]"):
        kotak = page.locator(pilih).first.bounding_box()
        assert kotak["height"] >= 44 and kotak["width"] >= 44, (pilih, kotak)
    for pilih in ("form.pilih select", "form.pilih input", "form.pilih button", ".bulan-nav a"):
        assert page.locator(pilih).first.bounding_box()["height"] >= 44, pilih
    # … and every other control of the page: the 'no change this month' button was 31 px.
    page.evaluate("document.getElementById('draf-pus').hidden = false")  # its two buttons too
    assert page.locator("#konfirmasi-pus button").is_visible()
    assert page.evaluate(JS_TARGET_KECIL) == []
    page.evaluate("document.getElementById('draf-pus').hidden = true")
    terakhir = page.locator(".pus .r").last
    aid = terakhir.locator("select").first.get_attribute("name")[2:]
    pertama = page.locator(".pus .r").first.locator("select").first.get_attribute("name")[2:]
    page.select_option(f"select[name=s_{pertama}]", "HAMIL")
    page.select_option(f"select[name=s_{aid}]", "PIL")  # a method without a jalur
    assert _angka(page, "hamil") == 0 and _angka(page, "tanpa_status") == 23  # not while typing
    page.click("#form-pus button[type=submit]")
    page.wait_for_selector(".pus .r.salah")
    page.wait_for_load_state("load")
    assert page.evaluate("document.activeElement.name") == f"s_{aid}"
    # in view (retried: the page scrolls again at load, once fonts and images have settled)
    expect(page.locator(f"select[name=s_{aid}]")).to_be_in_viewport(ratio=1)
    assert "Jalur" in page.locator(".pus .r.salah .e").inner_text()
    assert _angka(page, "hamil") == 0 and _angka(page, "tanpa_status") == 23  # nothing saved
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "pendataan-pus-baris-salah-360")
    page.select_option(f"select[name=j_{aid}]", "PEMERINTAH")
    page.click("#form-pus button[type=submit]")
    page.wait_for_selector(".alert-success")
    assert _angka(page, "hamil") == 1 and _angka(page, "ber_kb") == 1
    assert _angka(page, "tanpa_status") == 21
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "pendataan-pus-tersimpan-360")
    assert not PerubahanStatus.objects.exclude(status__in=["HAMIL", "PIL"]).exists()


def test_nik_typed_into_search_never_reaches_the_address_bar(page_360, users, area, pus_a1):
    w = pus_a1.a1[1]
    page = page_360
    masuk_browser(page, users.ppkbd.username)
    page.goto("/pendataan/keluarga/")
    alamat = []
    page.on("request", lambda r: alamat.append(r.url))
    page.click(".filter-card .card-header a[data-bs-toggle]")
    page.fill("input[name=q]", f"{w.nik[:8]} {w.nik[8:]}")
    page.click(".filter-card button[type=submit]")
    page.wait_for_url(lambda url: "nik_token=" in url)
    assert page.locator("table tbody tr").count() == 1
    assert w.keluarga.nama_kepala in page.locator("table tbody").inner_text()
    assert not [u for u in alamat if w.nik[:8] in u or w.nik[8:] in u], alamat
    assert w.nik not in page.evaluate("JSON.stringify(history.state) + location.href")
