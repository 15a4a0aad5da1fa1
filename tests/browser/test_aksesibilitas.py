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
# Each role with the width it mostly works at: the office on a desktop, the field on a phone.
PERAN = {
    "dinas": "1280",
    "koordinator": "1280",
    "penyuluh": "360",
    "ppkbd": "360",
    "sub_ppkbd": "360",
    "admin": "1280",
}
JS_BUKA_LIPATAN = """() => {
  const lipatan = [...document.querySelectorAll("main .collapse:not(.show)")];
  lipatan.forEach((e) => e.classList.add("show"));
  return lipatan.length;
}"""
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


def _buka_menu(page, ukuran: str, *, semua: bool) -> None:
    """Open the phone menu (and, when `semua`, each navbar dropdown in turn) and scan it.

    Hidden menus are not scanned on load. The dropdowns share their colours in every role, so
    one role opens them all; every role opens its phone menu (its own list of items).
    """
    if ukuran == "360":
        page.click(".navbar-toggler")
        page.wait_for_selector("#menu.show")
        periksa_axe(page)
    if not semua:
        return
    for toggle in page.locator("nav [data-bs-toggle=dropdown]").all():
        toggle.click()
        page.wait_for_selector("nav .dropdown-menu.show")
        periksa_axe(page)
        page.keyboard.press("Escape")


def _buka_lipatan(page) -> None:
    """Show the collapsed parts of the page (the filter card on a phone, the send-back and
    reopen forms of a report) and scan them: a hidden field is not scanned on load."""
    if page.evaluate(JS_BUKA_LIPATAN):
        periksa_axe(page)


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
    """Each role opens all its pages at its main width; a page not yet seen at the other width
    is opened there too, so every page is scanned at both widths, as the first role that may."""
    tambahan = _data(area, users)
    dikunjungi = {"360": set(), "1280": set()}
    for peran, lebar_utama in PERAN.items():
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
            _buka_menu(page, ukuran, semua=peran == "dinas")
        # The admin's pages are the Dinas's (same menu, same scope): its home and menus only.
        alamat = [*_tautan_menu(halaman["1280"]), *tambahan] if peran != "admin" else []
        for url in alamat:
            if client.get(url).status_code != 200:
                continue  # not this role's page (403/404): asked in-process, not in the browser
            for ukuran in LEBAR:
                if ukuran == lebar_utama or url not in dikunjungi[ukuran]:
                    resp = halaman[ukuran].goto(url)
                    assert resp.status == 200, (peran, url, ukuran, resp.status)
                    if url not in dikunjungi[ukuran]:
                        _buka_lipatan(halaman[ukuran])
                    dikunjungi[ukuran].add(url)
        context.close()
    assert len(dikunjungi["360"]) >= 30 and dikunjungi["1280"] == dikunjungi["360"]


HALAMAN_BURUK = """<!doctype html><html lang="id"><head><title>Uji</title></head><body><main>
<h1>Uji</h1><label>Nama</label><input id="tanpa-label">
</main></body></html>"""


def test_every_loaded_page_is_scanned_except_the_admin(page_360, live_server):
    """The automatic scan catches an unlabelled field without any call in the test, skips
    /admin/, and periksa_axe reports rule, impact, selector and URL."""
    from tests import integration_support as dukungan

    page = page_360
    page.route("**/uji-axe/", lambda r: r.fulfill(body=HALAMAN_BURUK, content_type="text/html"))
    page.goto("/admin/uji-axe/")
    page.goto("/uji-axe/")
    page.goto("/akun/masuk/")  # the next call scans the page loaded before it
    catatan = dukungan._CATATAN.pelanggaran
    temuan = {(t["id"], t["impact"], urlsplit(t["url"]).path) for t in catatan}
    assert ("label", "critical", "/uji-axe/") in temuan
    assert all(not path.startswith("/admin/") for _, _, path in temuan)
    page.goto("/uji-axe/")
    with pytest.raises(AssertionError) as galat:
        periksa_axe(page)
    assert "label (critical)" in str(galat.value) and "#tanpa-label" in str(galat.value)
    assert f"{live_server.url}/uji-axe/ [360 px]" in str(galat.value)
    dukungan._CATATAN.reset()  # the violations above are this test's intent, not a failure
