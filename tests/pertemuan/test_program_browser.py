"""Issue 12 in a real browser: a PPKBD cadre records a KB service event on a phone (360 px) —
the event, acceptors by method brought by a cadre, a register woman served (PB), the partners
and their role — and a screenshot tour of the programme pages (axe-core runs on every page)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kader.models import Mitra
from pendataan.models import PerubahanStatus
from pertemuan.models import (
    AkseptorPelayanan,
    KelompokMasyarakat,
    KeterlibatanMitra,
    PelayananKB,
    Sosialisasi,
)
from tests.factories import KaderFactory, MitraFactory
from tests.integration_support import masuk_browser, screenshot
from tests.pertemuan.factories import pus
from tests.pertemuan.test_browser import desktop  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ppkbd_records_kb_service_event_on_a_phone(page_360, area, users):
    page = page_360
    hari = timezone.localdate() - timedelta(days=2)
    ani = KaderFactory(institusi=area.sub_a1, nama="Ani Daeng Ngai")
    pkk = MitraFactory(wilayah=area.desa_a, nama="TP PKK Desa A", jenis=Mitra.Jenis.PKK)
    MitraFactory(wilayah=area.kec_k, nama="Puskesmas K", jenis=Mitra.Jenis.DINKES)
    ibu = pus(dusun=area.dusun_a2, nama="Salmah Daeng Caya")
    masuk_browser(page, "u_ppkbd")

    page.goto("/pertemuan/pelayanan-kb/tambah/")
    page.select_option("#id_jenis", "bakti_tni")
    page.fill("#id_judul", "Bakti TNI KB-Kes Desa A")
    page.fill("#id_tanggal", hari.isoformat())
    page.select_option("#id_wilayah", str(area.dusun_a2.pk))
    page.fill("#id_tempat", "Posyandu Mawar")
    screenshot(page, "program-pelayanan-form-360")
    page.click("input[type=submit]")
    expect(page.locator("h1")).to_contain_text("Bakti TNI KB-Kes Desa A")
    p = PelayananKB.objects.get(judul="Bakti TNI KB-Kes Desa A")
    assert (p.wilayah, p.tanggal, p.dibuat_oleh) == (area.dusun_a2, hari, users.ppkbd)

    page.get_by_role("link", name="Tanpa nama").click()
    page.select_option("#id_kader", str(ani.pk))
    page.fill("#id_metode_IMPLAN", "3")
    page.fill("#id_metode_SUNTIK", "2")
    screenshot(page, "program-akseptor-anonim-360")
    page.click("input[type=submit]")
    expect(page.locator("#akseptor")).to_contain_text("Akseptor dilayani: 5")

    page.get_by_role("link", name="Dari register").click()
    page.fill("#id_q", "salmah")
    page.click("input[type=submit]")
    page.get_by_role("link", name="Salmah Daeng Caya").click()
    page.select_option("#id_metode", "IUD")
    page.select_option("#id_kader", str(ani.pk))
    screenshot(page, "program-akseptor-register-360")
    page.click("input[type=submit]")
    expect(page.locator("#akseptor")).to_contain_text("Akseptor dilayani: 6")
    expect(page.locator("#akseptor")).to_contain_text("PB")

    page.get_by_role("link", name="Atur mitra").click()
    page.select_option("#id_mitra-0-mitra", str(pkk.pk))
    page.select_option("#id_mitra-0-peran", "mobilisasi")
    page.fill("#id_mitra-0-jumlah_akseptor", "4")
    screenshot(page, "program-mitra-360")
    page.get_by_role("button", name="Simpan mitra").click()
    expect(page.locator("#mitra-kegiatan")).to_contain_text("TP PKK Desa A")
    screenshot(page, "program-pelayanan-detail-360")

    per_metode = {
        (a.metode, a.jumlah, a.kader_id, a.anggota_id) for a in AkseptorPelayanan.objects.all()
    }
    assert per_metode == {
        ("IMPLAN", 3, ani.pk, None),
        ("SUNTIK", 2, ani.pk, None),
        ("IUD", 1, ani.pk, ibu.pk),
    }
    status = PerubahanStatus.objects.get(anggota=ibu)
    assert (status.status, status.peserta_baru, status.bulan) == ("IUD", True, hari.replace(day=1))
    assert list(KeterlibatanMitra.objects.values_list("mitra_id", "peran", "jumlah_akseptor")) == [
        (pkk.pk, "mobilisasi", 4)
    ]


def test_screenshots_of_programme_pages(desktop, page_360, area, users):  # noqa: F811
    mitra = MitraFactory(wilayah=area.desa_a, nama="TP PKK Desa A", jenis=Mitra.Jenis.PKK)
    s = Sosialisasi.objects.create(
        jenis="eksternal",
        judul="Sosialisasi PUP bersama KUA",
        tanggal=date(2025, 3, 10),
        wilayah=area.desa_a,
        sasaran="kua",
        jumlah_terjangkau=35,
    )
    KeterlibatanMitra.objects.create(
        mitra=mitra, sosialisasi=s, peran="mobilisasi", jumlah_terjangkau=20
    )
    p = PelayananKB.objects.create(
        jenis="bergerak",
        judul="Pelayanan KB bergerak",
        tanggal=date(2025, 3, 12),
        wilayah=area.desa_a,
        tempat="Balai desa",
    )
    AkseptorPelayanan.objects.create(pelayanan=p, metode="IMPLAN", jumlah=4)
    akar = KelompokMasyarakat.objects.create(
        nama="Majelis Taklim Nurul Iman",
        jenis="majelis_taklim",
        wilayah=area.dusun_a1,
        jumlah_anggota=30,
        tanggal_mulai=date(2024, 5, 1),
        institusi_asal=area.ppkbd_a,
    )
    KelompokMasyarakat.objects.create(
        nama="Arisan Ibu RT 002",
        jenis="arisan",
        wilayah=area.dusun_a1,
        jumlah_anggota=18,
        tanggal_mulai=date(2024, 9, 1),
        institusi_asal=area.ppkbd_a,
        induk=akar,
    )
    halaman = {
        "sosialisasi": "/pertemuan/sosialisasi/",
        "sosialisasi-detail": s.get_absolute_url(),
        "pelayanan": "/pertemuan/pelayanan-kb/",
        "kelompok": "/pertemuan/kelompok/",
        "pohon": "/pertemuan/kelompok/pohon/",
        "kelompok-form": "/pertemuan/kelompok/tambah/",
        "mitra": mitra.get_absolute_url(),
    }
    for page, ukuran in ((desktop, "desktop"), (page_360, "360")):
        masuk_browser(page, "u_pkb")
        for nama, url in halaman.items():
            resp = page.goto(url)
            assert resp.status == 200, url
            screenshot(page, f"program-{nama}-{ukuran}")
    expect(page_360.locator("#kontribusi-mitra")).to_contain_text("Sosialisasi PUP bersama KUA")
