"""In Chromium at 360 px: the worklist's PUP category with the ages at marriage and a woman's
birth-spacing advice fit a phone (screenshot in $ARTIFACTS_DIR)."""

from datetime import date

import pytest

from pendataan import services
from pendataan.models import Hubungan, Mutasi, StatusKawin
from tests.integration_support import masuk_browser, screenshot
from tests.pendataan.factories import anggota_buat, keluarga_buat, pus_buat

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pup_category_and_spacing_advice_on_a_phone(page_360, users, area):
    kel = keluarga_buat(dusun=area.dusun_a1, nama_kepala="Baso Muda")
    for jk, lahir, nama in (("L", date(2002, 2, 1), "Baso Muda"), ("P", date(2006, 5, 1), "Ani")):
        a = anggota_buat(
            keluarga=kel,
            jenis_kelamin=jk,
            lahir=lahir,
            nama=nama,
            hubungan=Hubungan.KEPALA if jk == "L" else Hubungan.PASANGAN,
            status_kawin=StatusKawin.BELUM,
        )
        services.mutasi_catat(anggota=a, jenis=Mutasi.Jenis.MENIKAH, tanggal=date(2026, 2, 14))
    ibu = pus_buat(dusun=area.dusun_a1, lahir=date(1990, 1, 1), nama="Ibu Tiga")
    for i, lahir in enumerate((date(2012, 1, 1), date(2016, 1, 1), date(2024, 1, 1))):
        anggota_buat(
            keluarga=ibu.keluarga,
            lahir=lahir,
            nama=f"Anak {i}",
            hubungan=Hubungan.ANAK,
            status_kawin=StatusKawin.BELUM,
        )
    page = page_360
    masuk_browser(page, users.sub_ppkbd.username)
    page.goto("/pendataan/sasaran/?bulan=2026-06")
    assert "Usia ibu 36 th, anak 3 — disarankan tidak menambah anak (MKJP)" in page.inner_text(
        "main"
    )
    screenshot(page, "pendataan-sasaran-semua-360")
    page.get_by_role("link", name="Perkawinan di bawah usia ideal (konseling PUP) 1").click()
    page.wait_for_url(lambda url: "kategori=pup" in url)
    teks = page.inner_text("main")
    assert "Menikah 14/02/2026: suami 24 th, istri 19 th" in teks
    assert "Ibu Tiga" not in teks
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "pendataan-sasaran-pup-360")
