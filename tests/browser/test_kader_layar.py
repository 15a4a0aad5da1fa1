"""Every kader page at 360 px and desktop: it renders, and a phone never scrolls sideways.

Screenshots land in $ARTIFACTS_DIR for a human to look at.
"""

import pytest
from django.contrib.auth import get_user_model

from kader import demo, services
from kader.models import SK, Institusi, Kader, Mitra, Wilayah
from tests.integration_support import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def halaman():
    inst = Institusi.objects.get(nama="PPKBD Bontolangkasa Utara")
    return {
        "beranda": "/",
        "institusi-daftar": "/kader/institusi/",
        "institusi-rinci": inst.get_absolute_url(),
        "kader-daftar": "/kader/kader/",
        "kader-rinci": Kader.objects.filter(institusi=inst).first().get_absolute_url(),
        "kader-tambah": "/kader/kader/tambah/",
        "pengurus-tambah": f"/kader/institusi/{inst.pk}/pengurus/tambah/",
        "wilayah-rinci": inst.wilayah.get_absolute_url(),
        "wilayah-daftar": "/kader/wilayah/",
        "sk-daftar": "/kader/sk/",
        "sk-rinci": SK.objects.first().get_absolute_url(),
        "mitra-daftar": "/kader/mitra/",
        "mitra-rinci": Mitra.objects.get(nama__startswith="TP PKK").get_absolute_url(),
    }


def test_kader_pages_fit_a_phone_and_a_desktop(page_360, browser, live_server):
    services.wilayah_muat()
    demo.isi_demo(skala="demo")
    user = get_user_model().objects.get(username="penyuluh")
    user.set_password("rahasia-uji-123")
    user.save()
    page = page_360
    page.goto("/akun/masuk/")
    screenshot(page, "layar-login-360")
    page.fill("#id_username", "penyuluh")
    page.fill("#id_password", "rahasia-uji-123")
    page.click("button[type=submit]")
    desktop = page.context.browser.new_context(
        viewport={"width": 1280, "height": 900},
        base_url=live_server.url,
        storage_state=page.context.storage_state(),
    )
    halaman_desktop = desktop.new_page()
    for nama, url in halaman().items():
        resp = page.goto(url)
        assert resp.status == 200, url
        lebar = page.evaluate("document.documentElement.scrollWidth")
        assert lebar <= 360, f"{url} scrolls sideways on a phone ({lebar}px)"
        screenshot(page, f"layar-{nama}-360")
        assert halaman_desktop.goto(url).status == 200
        screenshot(halaman_desktop, f"layar-{nama}-desktop")
    desktop.close()
    assert Wilayah.objects.dusun().exists()
