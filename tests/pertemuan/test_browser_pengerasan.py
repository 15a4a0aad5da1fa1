"""Issue 9 in a real browser at 360 px: the counselling search offers only PUS, a far date asks
for confirmation on the counselling and KIE forms, the KIE form has one media select."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from pertemuan.models import Konseling, SesiKIE
from tests.factories import KaderFactory
from tests.integration_support import masuk_browser, screenshot
from tests.pertemuan.factories import pus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_counselling_search_and_far_date_at_360(page_360, area, users):
    page = page_360
    KaderFactory(institusi=area.ppkbd_a, nama="Ani Daeng Ngai")
    sitti = pus(dusun=area.dusun_a1, nama="Sitti Aminah")
    pus(dusun=area.dusun_a1, nama="Sitti Tua", lahir=date(1967, 2, 3))
    masuk_browser(page, "u_ppkbd")

    page.goto("/pertemuan/konseling/cari/")
    page.fill("#id_q", "Sitti")
    page.get_by_role("button", name="Cari").click()
    hasil = page.locator(".list-group-item")
    expect(hasil).to_have_count(1)
    expect(hasil).to_contain_text("Sitti Aminah")
    screenshot(page, "pertemuan-konseling-cari-360")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    hasil.first.click()
    jauh = timezone.localdate() + timedelta(days=3 * 365)
    page.fill("#id_tanggal", jauh.isoformat())
    page.select_option("#id_topik", "kelahiran")
    page.select_option("#id_hasil", "belum")
    page.click("input[type=submit]")
    kotak = page.get_by_label("Ya, tanggal ini benar")
    expect(kotak).to_be_visible()
    expect(page.locator("#id_tanggal").locator("xpath=..")).to_contain_text("Periksa lagi")
    screenshot(page, "pertemuan-konseling-tanggal-360")
    kotak.check()
    page.click("input[type=submit]")
    expect(page.locator("h1")).to_contain_text("Konseling")
    assert Konseling.objects.get(anggota=sitti).tanggal == jauh


def test_kie_form_at_360(page_360, area, users):
    page = page_360
    masuk_browser(page, "u_ppkbd")
    page.goto("/pertemuan/kie/tambah/")
    expect(page.locator("select[name^=media]")).to_have_count(1)
    screenshot(page, "pertemuan-kie-form-360")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.fill("#id_tanggal", "1999-03-05")
    page.select_option("#id_wilayah", str(area.dusun_a1.pk))
    page.select_option("#id_topik", "stunting")
    page.select_option("#id_sasaran", "ortu_balita")
    page.fill("#id_peserta_l", "4")
    page.fill("#id_peserta_p", "6")
    page.select_option("#id_media_kie", "video")
    page.fill("#id_penyaji", "Bidan Desa")
    page.select_option("#id_dipimpin_oleh", "mitra")
    page.click("input[type=submit]")
    expect(page.get_by_label("Ya, tanggal ini benar")).to_be_visible()
    screenshot(page, "pertemuan-kie-tanggal-360")
    page.fill("#id_tanggal", (timezone.localdate() - timedelta(days=2)).isoformat())
    page.click("input[type=submit]")
    expect(page.locator("h1")).to_contain_text("KIE")
    assert SesiKIE.objects.get().penyaji == "Bidan Desa"


def test_training_scores_hidden_outside_the_area(page_360, browser, live_server, area, users):
    from decimal import Decimal

    from tests.pertemuan.factories import PelatihanFactory, PesertaPelatihanFactory

    p = PelatihanFactory(wilayah=area.kec_k, judul="Orientasi kader kecamatan")
    for lembaga, nama, nilai in (
        (area.ppkbd_a, "Ani Daeng Ngai", "88.75"),
        (area.ppkbd_b, "Becce Daeng Taba", "97.25"),
    ):
        k = KaderFactory(institusi=lembaga, nama=nama)
        PesertaPelatihanFactory(
            pelatihan=p, kader=k, nilai_pre=Decimal("50"), nilai_post=Decimal(nilai)
        )
    desktop = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="id-ID", base_url=live_server.url
    ).new_page()
    for page, ukuran in ((page_360, "360"), (desktop, "desktop")):
        masuk_browser(page, "u_ppkbd")
        page.goto(p.get_absolute_url())
        baris_b = page.locator("tbody tr").filter(has_text="Becce Daeng Taba")
        expect(baris_b).to_contain_text("nilai tidak ditampilkan")
        expect(page.locator("tbody")).not_to_contain_text("97,25")
        expect(page.locator("tbody tr").filter(has_text="Ani Daeng Ngai")).to_contain_text("88,75")
        screenshot(page, f"pertemuan-pelatihan-nilai-{ukuran}")
    desktop.context.close()
