"""The recap page in a real browser at 360 px and desktop: charts inside their cards, the
SHA-256 shortened with the full value on hover/opening (issue 9 §3)."""

import hashlib
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import expect

from kader.models import Peran
from laporan import angka as A
from laporan.models import BerkasRekap, LaporanDesa
from tests.factories import DesaFactory, KecamatanFactory, UserFactory
from tests.integration_support import screenshot
from tests.laporan.factories import LaporanDesaFactory, angka_seimbang

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BULAN = date(2025, 3, 1)


@pytest.fixture
def rekap(db):
    nama = ["Bontonompo Selatan", "Tinggimoncong", "Parangloe", "Biringbulu", "Tompobulu"]
    for i, n in enumerate(nama):
        kec = KecamatanFactory(nama=n)
        for j in range(3):
            desa = DesaFactory(induk=kec, nama=f"Desa {n[:6]} {j + 1}")
            if i < 4 and j < 2:
                LaporanDesaFactory(
                    desa=desa,
                    bulan=BULAN,
                    status=LaporanDesa.Status.DISETUJUI,
                    angka_beku=A.dengan_indikator(angka_seimbang(pus=200 + 10 * i)),
                    dikirim_pertama_pada=timezone.now(),
                )
    isi = b"%PDF-1.7 contoh"
    berkas = BerkasRekap.objects.create(
        jenis=BerkasRekap.Jenis.KABUPATEN,
        bulan=BULAN,
        versi=1,
        status=BerkasRekap.Status.SELESAI,
        sha256=hashlib.sha256(isi).hexdigest(),
        ukuran=len(isi),
        selesai_pada=timezone.now(),
    )
    berkas.berkas.save("rekap.pdf", ContentFile(isi))
    return berkas


def _grafik_di_dalam_kartu(page) -> list[dict]:
    """Each visible chart's box against its card's (px)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('#grafik-kecamatan svg')]
          .filter((s) => s.getBoundingClientRect().width > 0)
          .map((s) => { const g = s.getBoundingClientRect();
                        const k = s.closest('.card').getBoundingClientRect();
                        return {kiri: g.left - k.left, kanan: k.right - g.right,
                                lebar: g.width}; })"""
    )


def test_recap_page_fits_a_phone_and_shows_short_hash(page_360, live_server, rekap):
    UserFactory(username="dinas_rekap", peran=Peran.DINAS)
    page_360.goto("/akun/masuk/")
    page_360.fill("#id_username", "dinas_rekap")
    page_360.fill("#id_password", "rahasia-uji-123")
    page_360.click("button[type=submit]")
    page_360.wait_for_load_state()
    page_360.goto("/laporan/rekap/2025-03/")
    ringkas = page_360.locator(".sha abbr")
    expect(ringkas).to_have_text(f"SHA-256 {rekap.sha256[:12]}…")
    expect(ringkas).to_have_attribute("title", f"SHA-256 {rekap.sha256}")
    expect(page_360.locator(".sha-lengkap")).to_be_hidden()
    for lebar in (360, 1280):
        page_360.set_viewport_size({"width": lebar, "height": 900})
        kotak = _grafik_di_dalam_kartu(page_360)
        assert len(kotak) == 2, kotak
        for k in kotak:
            assert k["kiri"] >= 0 and k["kanan"] >= 0, (lebar, kotak)
        assert page_360.evaluate("document.documentElement.scrollWidth") <= lebar
        # The phone layout's text stays readable: its 11-unit labels at ≥ 10 px.
        if lebar == 360:
            assert page_360.evaluate(
                """() => [...document.querySelectorAll('.grafik-sempit svg text')]
                   .every((t) => t.getBoundingClientRect().height >= 10)"""
            )
        screenshot(page_360, f"rekap-{'360' if lebar == 360 else 'desktop'}")
    page_360.locator(".sha summary").click()
    expect(page_360.locator(".sha-lengkap")).to_have_text(rekap.sha256)
    expect(page_360.locator("[data-salin]")).to_be_visible()
    screenshot(page_360, "rekap-desktop-sha-terbuka")
