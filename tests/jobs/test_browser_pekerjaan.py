"""The one poller (static/js/pekerjaan.js) in a real browser: the recap list shows a running
job's bar and then its download button without a reload; the import page reloads into its
result when the job ends. The job rows change under the page as a worker would change them."""

import hashlib
from datetime import date

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from laporan.models import BerkasRekap
from pendataan.models import Impor
from tests.integration_support import masuk_browser, periksa_axe, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_recap_row_goes_from_bar_to_download_without_reload(page_360, users, area):
    b = BerkasRekap.objects.create(
        bulan=date(2025, 3, 1), jenis="KABUPATEN", versi=1, status="PROSES", progres=35
    )
    page = page_360
    masuk_browser(page, users.dinas.username)
    page.goto("/laporan/rekap/2025-03/")
    baris = page.locator(f"#daftar-berkas tr[data-berkas='{b.pk}']")
    expect(baris.locator(".progress-bar")).to_have_text("35%")
    page.evaluate("window.__halaman = 1")  # gone if the page reloads
    BerkasRekap.objects.filter(pk=b.pk).update(progres=70, tahap="Menyusun PDF")
    expect(baris.locator(".tahap")).to_contain_text("Menyusun PDF", timeout=10_000)
    expect(baris.locator(".progress-bar")).to_have_text("70%")
    screenshot(page, "pekerjaan-rekap-berjalan-360")
    isi = b"%PDF-1.7 uji"
    b.berkas.save("rekap.pdf", ContentFile(isi), save=False)
    BerkasRekap.objects.filter(pk=b.pk).update(
        status="SELESAI", progres=100, berkas=b.berkas.name, sha256=hashlib.sha256(isi).hexdigest()
    )
    expect(baris.locator(".unduh a")).to_be_visible(timeout=10_000)
    expect(baris.locator(".sha abbr")).to_have_text(
        f"SHA-256 {hashlib.sha256(isi).hexdigest()[:12]}…"
    )
    assert page.evaluate("window.__halaman") == 1
    with page.expect_download() as unduhan:
        baris.locator(".unduh a").click()
    assert unduhan.value.suggested_filename == "rekap-kabupaten-2025-03-v1.pdf"
    periksa_axe(page)


def test_import_page_reloads_into_its_result(page_360, users, area):
    job = Impor(jenis="keluarga", nama_berkas="k.csv", oleh=users.ppkbd, status="PROSES")
    job.berkas.save("k.csv", ContentFile(b"kode_desa\n"), save=False)
    job.jumlah_baris, job.baris_diproses = 1000, 250
    job.save()
    page = page_360
    masuk_browser(page, users.ppkbd.username)
    page.goto(job.get_absolute_url())
    expect(page.locator("#impor .tahap")).to_have_text("250 / 1.000 baris diperiksa")
    Impor.objects.filter(pk=job.pk).update(baris_diproses=1000)
    expect(page.locator("#impor .progress-bar-animated")).to_be_visible(timeout=10_000)
    expect(page.locator("#impor .tahap")).to_contain_text("menyimpan ke register")
    screenshot(page, "pekerjaan-impor-menyimpan-360")
    Impor.objects.filter(pk=job.pk).update(status="SELESAI", ringkasan={"baris": 3})
    expect(page.locator(".alert-success")).to_contain_text("Impor selesai.", timeout=10_000)
    periksa_axe(page)
