"""Issue 9 §1 in a real browser: the main pages of every role raise no Content-Security-Policy
violation (no inline script, handler or style blocked; the vendored assets only).

The `browser` fixture's contexts bypass the CSP so that axe can be injected (tests/
integration_support.py); this test opens its own context through the unpatched Playwright
method, with the policy enforced, and records every `securitypolicyviolation` event and every
"Content Security Policy" console message."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import KaderFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PERAN = ("sub_ppkbd", "ppkbd", "penyuluh", "koordinator", "dinas", "admin")
PENDENGAR = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


def _konteks_dengan_csp(browser, live_server, user):
    client = Client()
    client.force_login(user)
    # Browser.new_context from the class: the fixture's instance patch would bypass the CSP.
    context = type(browser).new_context(
        browser,
        viewport={"width": 360, "height": 740},
        locale="id-ID",
        base_url=live_server.url,
        bypass_csp=False,
    )
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    context.add_init_script(PENDENGAR)
    return context, client


def _tautan_menu(page) -> list[str]:
    hasil = []
    for href in page.eval_on_selector_all("#menu a[href]", "els => els.map(e => e.href)"):
        bagian = urlsplit(href)
        alamat = bagian.path + (f"?{bagian.query}" if bagian.query else "")
        if not href.endswith("#") and alamat not in hasil:
            hasil.append(alamat)
    return hasil


def _pelanggaran(page, konsol) -> list[str]:
    page.wait_for_load_state("load")
    return page.evaluate("window.__csp") + konsol


def test_main_pages_of_every_role_raise_no_csp_violation(browser, live_server, area, users):
    kader = KaderFactory(institusi=area.ppkbd_a, nama="Ani Daeng Ngai")
    tambahan = [
        kader.get_absolute_url(),
        "/kader/kader/tambah/",
        "/pendataan/keluarga/tambah/",
        "/pertemuan/tambah/",
        "/akun/ganti-sandi/",
    ]
    dikunjungi = 0
    for peran in PERAN:
        context, client = _konteks_dengan_csp(browser, live_server, getattr(users, peran))
        page = context.new_page()
        konsol: list[str] = []
        page.on(
            "console",
            lambda m, k=konsol: k.append(m.text) if "Content Security Policy" in m.text else None,
        )
        assert page.goto("/").status == 200
        page.click(".navbar-toggler")
        for toggle in page.locator("#menu [data-bs-toggle=dropdown]").all():
            toggle.click()
        assert _pelanggaran(page, konsol) == [], (peran, "/")
        for url in _tautan_menu(page) + tambahan:
            if client.get(url).status_code != 200:
                continue  # not this role's page
            resp = page.goto(url)
            assert resp.status == 200, (peran, url)
            assert "script-src 'self'" in resp.headers["content-security-policy"].split("; ")
            assert _pelanggaran(page, konsol) == [], (peran, url)
            dikunjungi += 1
        context.close()
    assert dikunjungi >= 60


def test_login_page_and_the_admin_raise_no_csp_violation(browser, live_server, users):
    context, _ = _konteks_dengan_csp(browser, live_server, users.admin)
    page = context.new_page()
    dibuka = 0
    for url in ("/admin/", "/admin/kader/kader/", "/admin/kader/kader/add/", "/admin/auth/user/"):
        if page.goto(url).status == 200:
            dibuka += 1
            assert page.evaluate("window.__csp") == [], url
    assert dibuka >= 2
    context.clear_cookies()
    assert page.goto("/akun/masuk/").status == 200
    page.fill("#id_username", "u_dinas")
    page.fill("#id_password", "salah")
    page.click("button[type=submit]")
    page.wait_for_selector(".alert-danger")
    assert page.evaluate("window.__csp") == []
    context.close()


def test_the_listener_sees_a_blocked_inline_script_and_style(browser, live_server, users):
    context, _ = _konteks_dengan_csp(browser, live_server, users.admin)
    page = context.new_page()
    page.route(
        "**/uji-csp/",
        lambda route: route.fulfill(
            content_type="text/html",
            headers={"Content-Security-Policy": "script-src 'self'; style-src 'self'"},
            body="<script>document.title = 'jalan';</script><p style='color:red'>x</p>",
        ),
    )
    page.goto("/uji-csp/")
    page.wait_for_timeout(200)
    dilanggar = " ".join(page.evaluate("window.__csp"))
    assert "script-src" in dilanggar and "style-src" in dilanggar
    assert page.title() != "jalan"
    context.close()
