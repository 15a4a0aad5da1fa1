"""Issue 2 §6 in a real browser at 360 px: a PPKBD cadre builds the board; scope holds."""

import re

import pytest
from playwright.sync_api import expect

from kader.models import Kader, Pengurus
from tests.integration_support import masuk_browser, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ppkbd_adds_cadre_and_makes_them_sekretaris(page_360, area, users):
    page = page_360
    masuk_browser(page, "u_ppkbd")
    screenshot(page, "kader-beranda-ppkbd-360")
    page.goto("/kader/kader/tambah/")
    page.fill("#id_nama", "Jumriati Daeng Sugi")
    page.fill("#id_nik", "7306015203950007")
    page.select_option("#id_jenis_kelamin", "P")
    page.fill("#id_tanggal_lahir", "1995-03-12")
    page.fill("#id_telepon", "081342123456")
    page.select_option("#id_institusi", str(area.ppkbd_a.pk))
    screenshot(page, "kader-form-360")
    page.click("input[type=submit]")
    expect(page.locator("h1")).to_have_text("Jumriati Daeng Sugi")
    expect(page.locator(".nik")).to_have_text("7306********0007")
    kader = Kader.objects.get(nama="Jumriati Daeng Sugi")

    page.goto(area.ppkbd_a.get_absolute_url())
    page.get_by_role("link", name=re.compile("Tambah pengurus")).click()
    page.select_option("#id_kader", str(kader.pk))
    page.select_option("#id_jabatan", "sekretaris")
    page.fill("#id_mulai", "2026-01-01")
    page.click("input[type=submit]")
    roster = page.locator("#roster")
    expect(roster).to_contain_text("Sekretaris")
    expect(roster).to_contain_text("Jumriati Daeng Sugi")
    expect(roster.locator(".kosong")).to_have_count(2)  # ketua and bendahara still vacant
    screenshot(page, "kader-roster-360")
    assert Pengurus.objects.get(institusi=area.ppkbd_a, kader=kader).jabatan == "sekretaris"


def test_penyuluh_cannot_open_desa_outside_binaan(page_360, area, users):
    page = page_360
    masuk_browser(page, "u_pkb")
    resp = page.goto(f"/kader/wilayah/{area.desa_a.pk}/")
    assert resp.status == 200
    resp = page.goto(f"/kader/wilayah/{area.desa_x.pk}/")
    assert resp.status == 404
    expect(page.locator("h1")).to_contain_text("tidak ditemukan")
    screenshot(page, "kader-penyuluh-404-360")
