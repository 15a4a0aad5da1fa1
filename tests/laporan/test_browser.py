"""In a real browser: a penyuluh verifies, a koordinator approves; a Kasi gets the district PDF."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from laporan import services
from laporan.models import BerkasRekap, LaporanDesa
from tests.factories import UserFactory
from tests.integration_support import masuk_browser, screenshot
from tests.laporan.factories import isi_register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BULAN = date(2025, 3, 1)


def keluar(page):
    page.context.clear_cookies()


@pytest.fixture
def terkirim(area, users):
    isi_register(
        dusun=area.dusun_a1,
        bulan=BULAN,
        pb=1,
        status=["SUNTIK", "PIL", "IUD", "HAMIL", "TIAL", "IMPLAN"],
    )
    lap = services.laporan_buat(desa=area.desa_a, bulan=BULAN)
    services.laporan_simpan(
        laporan=lap,
        oleh=users.ppkbd,
        nilai={},
        alasan={},
        nihil=True,
        catatan="Tidak ada pertemuan: musim tanam.",
    )
    return services.laporan_kirim(laporan=lap, oleh=users.ppkbd)


def test_penyuluh_verifies_and_koordinator_approves(page_360, terkirim):
    page = page_360
    masuk_browser(page, "u_pkb")
    page.goto(terkirim.get_absolute_url())
    expect(page.locator("#status-laporan")).to_have_text("Dikirim")
    screenshot(page, "laporan-detail-penyuluh-360")
    page.click("#tombol-verifikasi")
    expect(page.locator("#status-laporan")).to_have_text("Diverifikasi")
    expect(page.locator("#tombol-setujui")).to_have_count(0)  # not the penyuluh's step
    keluar(page)

    masuk_browser(page, "u_koor")
    page.goto("/laporan/status/?tahun=2025")
    screenshot(page, "laporan-papan-koordinator-360")
    page.goto(terkirim.get_absolute_url())
    page.click("#tombol-setujui")
    expect(page.locator("#status-laporan")).to_have_text("Disetujui")
    expect(page.locator("#riwayat")).to_contain_text("Disetujui oleh")
    screenshot(page, "laporan-disetujui-360")
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, "laporan-disetujui-desktop")
    lap = LaporanDesa.objects.get(pk=terkirim.pk)
    assert lap.status == LaporanDesa.Status.DISETUJUI and lap.angka_beku["pus"] == 6


def test_ppkbd_corrects_a_figure_with_reason(page_360, area, users, terkirim):
    page = page_360
    lap = LaporanDesa.objects.get(pk=terkirim.pk)
    services.laporan_kembalikan(laporan=lap, oleh=users.penyuluh, alasan="Cek jumlah IAS")
    masuk_browser(page, "u_ppkbd")
    page.goto("/laporan/tugas/")
    expect(page.locator("body")).to_contain_text("Cek jumlah IAS")
    screenshot(page, "laporan-tugas-ppkbd-360")
    page.goto(f"/laporan/{lap.pk}/ubah/")
    page.fill("#id_n_hadir_kader", "4")
    page.click("button[type=submit] >> text=Simpan")
    expect(page.locator(".text-danger").first).to_contain_text("tuliskan alasannya")
    screenshot(page, "laporan-form-galat-360")
    page.fill("#id_a_hadir_kader", "Kehadiran rapat 12 Maret belum dicatat")
    page.uncheck("#id_nihil")
    page.click("button[type=submit] >> text=Simpan")
    expect(page.locator("#status-laporan")).to_have_text("Dikembalikan")
    lap.refresh_from_db()
    assert lap.koreksi["hadir_kader"]["nilai"] == 4


def test_kasi_requests_district_pdf_and_downloads_it(page_360, area, users, terkirim):
    UserFactory(username="u_kasi", peran="dinas", first_name="Kasi", last_name="Penyuluh")
    page = page_360
    masuk_browser(page, "u_kasi")
    page.goto("/laporan/rekap/2025-03/")
    expect(page.locator("h1")).to_contain_text("Rekap kabupaten Maret 2025")
    # Tests run Celery eagerly: the PDF renders inside this POST, so allow it time.
    page.click("#minta-pdf", timeout=90_000)
    baris = page.locator("#daftar-berkas tr[data-berkas]").first
    expect(baris.locator(".unduh a")).to_be_visible(timeout=60_000)
    screenshot(page, "laporan-rekap-360")
    with page.expect_download() as unduhan:
        baris.locator(".unduh a").click()
    berkas = unduhan.value
    assert re.match(r"rekap-kabupaten-2025-03-v1\.pdf", berkas.suggested_filename)
    with open(berkas.path(), "rb") as f:
        assert f.read(4) == b"%PDF"
    assert BerkasRekap.objects.get().status == BerkasRekap.Status.SELESAI
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/laporan/")
    screenshot(page, "laporan-dasbor-desktop")
    page.goto("/laporan/rekap/2025-03/")
    screenshot(page, "laporan-rekap-desktop")
