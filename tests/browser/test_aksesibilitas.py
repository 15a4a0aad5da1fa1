"""Issue 9 §4: every role's main pages pass axe-core (WCAG 2 A/AA) at 360 px and at 1280 px.

The scans themselves are automatic (tests/integration_support.py scans every page a browser test
loads and fails the test on a critical or serious violation). This test makes sure the pages are
loaded: per role the home page with each navbar menu opened, every link of the role's menu, one
detail and one form page per app, the monthly PUS page, the status board and the recap.
"""

from datetime import date
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client

from laporan import services as laporan_services
from tests.factories import KaderFactory, MitraFactory, SKFactory
from tests.integration_support import periksa_axe
from tests.laporan.factories import isi_register
from tests.pertemuan.factories import PertemuanFactory, SesiKIEFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BULAN = date(2025, 3, 1)
PERAN = ("dinas", "koordinator", "penyuluh", "ppkbd", "sub_ppkbd", "admin")
LEBAR = {"360": {"width": 360, "height": 740}, "1280": {"width": 1280, "height": 900}}


def _data(area, users) -> list[str]:
    """One object per app in desa A; returns the detail and form pages to visit."""
    kader = KaderFactory(institusi=area.ppkbd_a, nama="Ani Daeng Ngai")
    sk = SKFactory()
    mitra = MitraFactory(wilayah=area.kec_k)
    status = ["SUNTIK", "PIL", "IAS", "HAMIL"]
    anggota = isi_register(dusun=area.dusun_a1, bulan=BULAN, status=status, pb=1)[0]
    laporan = laporan_services.laporan_buat(desa=area.desa_a, bulan=BULAN)
    laporan_services.laporan_simpan(
        laporan=laporan, oleh=users.ppkbd, nilai={}, alasan={}, nihil=True, catatan="Uji."
    )
    laporan_services.laporan_kirim(laporan=laporan, oleh=users.ppkbd)
    # Meetings after the report: a nihil report refuses activity in its month.
    pertemuan = PertemuanFactory(wilayah=area.desa_a, institusi=area.ppkbd_a)
    kie = SesiKIEFactory(wilayah=area.dusun_a1, institusi=area.sub_a1)
    return [
        kader.get_absolute_url(),
        "/kader/kader/tambah/",
        sk.get_absolute_url(),
        mitra.get_absolute_url(),
        anggota.keluarga.get_absolute_url(),
        "/pendataan/keluarga/tambah/",
        "/pendataan/pus/?bulan=2025-03",
        pertemuan.get_absolute_url(),
        "/pertemuan/tambah/",
        kie.get_absolute_url(),
        laporan.get_absolute_url(),
        f"/laporan/{laporan.pk}/ubah/",
        "/laporan/status/",
        "/laporan/rekap/2025-03/",
    ]


def _halaman(context, ukuran: str):
    page = context.new_page()
    page.set_viewport_size(LEBAR[ukuran])
    return page


def _buka_menu(page, ukuran: str) -> None:
    """Open each navbar dropdown in turn and scan it (hidden menus are not scanned on load)."""
    if ukuran == "360":
        page.click(".navbar-toggler")
        page.wait_for_selector("#menu.show")
        periksa_axe(page)
    for toggle in page.locator("nav [data-bs-toggle=dropdown]").all():
        toggle.click()
        page.wait_for_selector("nav .dropdown-menu.show")
        periksa_axe(page)
        page.keyboard.press("Escape")


def _tautan_menu(page) -> list[str]:
    hrefs = page.eval_on_selector_all("#menu a[href]", "els => els.map(e => e.href)")
    hasil = []
    for href in hrefs:
        bagian = urlsplit(href)
        alamat = bagian.path + (f"?{bagian.query}" if bagian.query else "")
        if bagian.path.startswith("/admin/") or href.endswith("#") or alamat in hasil:
            continue
        hasil.append(alamat)
    return hasil


def test_main_pages_of_every_role_pass_axe(browser, live_server, area, users):
    tambahan = _data(area, users)
    dikunjungi = {"360": set(), "1280": set()}
    for peran in PERAN:
        client = Client()
        client.force_login(getattr(users, peran))
        context = browser.new_context(locale="id-ID", base_url=live_server.url)
        sesi = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": sesi, "url": live_server.url}]
        )
        halaman = {ukuran: _halaman(context, ukuran) for ukuran in LEBAR}
        for ukuran, page in halaman.items():
            assert page.goto("/").status == 200
            _buka_menu(page, ukuran)
        # The admin's pages are the Dinas's (same menu, same scope): its home and menus only.
        alamat = [*_tautan_menu(halaman["1280"]), *tambahan] if peran != "admin" else []
        for url in alamat:
            if client.get(url).status_code != 200:
                continue  # not this role's page (403/404): asked in-process, not in the browser
            # Phones: every page of every role. Desktop: each page once, as the first role
            # that may open it (the layout is shared; the phone is where the cadres work).
            for ukuran in ("360",) if url in dikunjungi["1280"] else ("360", "1280"):
                resp = halaman[ukuran].goto(url)
                assert resp.status == 200, (peran, url, ukuran, resp.status)
                dikunjungi[ukuran].add(url)
        context.close()
    assert len(dikunjungi["360"]) >= 30 and dikunjungi["1280"] == dikunjungi["360"]
