"""Issue 4 §6 in a real browser at 360 px: a PPKBD cadre records a meeting with attendance and
one follow-up action, then finds it in the overdue list once its due date has passed. Plus a
desktop screenshot tour of the other pages."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from pertemuan.models import Pertemuan, TindakLanjut
from tests.factories import KaderFactory
from tests.integration_support import masuk_browser, screenshot
from tests.pertemuan.factories import (
    KonselingFactory,
    PelatihanFactory,
    PesertaPelatihanFactory,
    PoktanFactory,
    SesiKIEFactory,
    pus,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ppkbd_records_meeting_and_sees_overdue_action(page_360, area, users):
    page = page_360
    hari_ini = timezone.localdate()
    tanggal, batas = hari_ini - timedelta(days=20), hari_ini - timedelta(days=5)
    ani = KaderFactory(institusi=area.ppkbd_a, nama="Ani Daeng Ngai")
    KaderFactory(institusi=area.sub_a1, nama="Becce Daeng Taba")
    masuk_browser(page, "u_ppkbd")

    page.goto("/pertemuan/tambah/")
    page.fill("#id_judul", "Rapat rutin kader")
    page.fill("#id_tanggal", tanggal.isoformat())
    page.fill("#id_tempat", "Kantor Desa A")
    expect(page.locator("#id_institusi")).to_have_value(str(area.ppkbd_a.pk))
    page.get_by_label("Evaluasi").check()
    page.get_by_label("Perencanaan").check()
    screenshot(page, "pertemuan-form-360")
    page.click("input[type=submit]")

    expect(page.locator("h1")).to_contain_text("Kehadiran")
    page.get_by_label(re.compile("Ani Daeng Ngai")).check()
    page.fill("#id_undangan_pkb", "1")
    page.fill("#id_undangan_tokoh_agama", "2")
    screenshot(page, "pertemuan-kehadiran-360")
    page.click("input[type=submit]")

    expect(page.locator("h1")).to_have_text("Rapat rutin kader")
    expect(page.get_by_text("Ani Daeng Ngai")).to_be_visible()
    page.get_by_role("link", name=re.compile("Masalah")).click()
    page.fill("#id_masalah", "Tiga PUS drop out suntik")
    page.fill("#id_tindak_lanjut", "Kunjungan rumah bersama bidan")
    page.fill("#id_penanggung_jawab", "Ani Daeng Ngai")
    page.fill("#id_batas_waktu", batas.isoformat())
    page.click("input[type=submit]")
    expect(page.locator(".list-group-item").filter(has_text="Tiga PUS drop out")).to_contain_text(
        "terlambat"
    )
    screenshot(page, "pertemuan-detail-360")

    page.goto("/pertemuan/tindak-lanjut/?keadaan=terlambat")
    baris = page.locator("tbody tr").filter(has_text="Kunjungan rumah bersama bidan")
    expect(baris).to_have_count(1)
    expect(baris).to_contain_text("Terlambat")
    screenshot(page, "pertemuan-terlambat-360")

    p = Pertemuan.objects.get(judul="Rapat rutin kader")
    assert p.wilayah == area.desa_a and list(p.kader_hadir.all()) == [ani]
    assert p.undangan.get(kategori="tokoh_agama").jumlah == 2
    tl = TindakLanjut.objects.get(masalah__pertemuan=p)
    assert tl.batas_waktu == batas and tl.terlambat


@pytest.fixture
def desktop(browser, live_server):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        locale="id-ID",
        timezone_id="Asia/Makassar",
        base_url=live_server.url,
    )
    page = context.new_page()
    yield page
    context.close()


def test_screenshots_of_pages(desktop, page_360, area, users):
    from kader.dana import services as sd

    k = KaderFactory(institusi=area.ppkbd_a, nama="Ani Daeng Ngai")
    KaderFactory(institusi=area.ppkbd_a, nama="Becce Daeng Taba")
    SesiKIEFactory(wilayah=area.dusun_a1, institusi=area.sub_a1)
    w = pus(dusun=area.dusun_a1, nama="Sitti Aminah")
    konseling = KonselingFactory(anggota=w, kader=k, hasil="bersedia", metode="IMPLAN")
    poktan = PoktanFactory(wilayah=area.desa_a, nama="BKB Melati", institusi=area.ppkbd_a)
    plt = PelatihanFactory(wilayah=area.desa_a)
    PesertaPelatihanFactory(pelatihan=plt, kader=k, nilai_pre=50, nilai_post=80)
    arisan = sd.arisan_buat(institusi=area.ppkbd_a, nama="Arisan Melati", setoran=20000)
    for kd in area.ppkbd_a.kader.all():
        sd.arisan_anggota_tambah(kelompok=arisan, kader=kd)
    sd.arisan_setor(
        kelompok=arisan, anggota=list(arisan.anggota.all()), tanggal=timezone.localdate()
    )
    sd.arisan_undi(kelompok=arisan, tanggal=timezone.localdate())
    halaman = {
        "jadwal": "/pertemuan/jadwal/",
        "kie": "/pertemuan/kie/",
        "konseling": f"/pertemuan/konseling/{konseling.pk}/",
        "konversi": "/pertemuan/konseling/konversi/",
        "poktan": poktan.get_absolute_url(),
        "pelatihan": plt.get_absolute_url(),
        "kas": f"/kader/dana/institusi/{area.ppkbd_a.pk}/",
        "iuran": f"/kader/dana/institusi/{area.ppkbd_a.pk}/iuran/",
        "arisan": arisan.get_absolute_url(),
    }
    for page, ukuran in ((desktop, "desktop"), (page_360, "360")):
        masuk_browser(page, "u_ppkbd")
        for nama, url in halaman.items():
            resp = page.goto(url)
            assert resp.status == 200, url
            screenshot(page, f"pertemuan-{nama}-{ukuran}")
