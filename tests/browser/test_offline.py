"""Issue 13 in Chromium at 360 px: a Sub-PPKBD works with no signal. Her pages stay open, what
she records waits on the phone (surviving a reload), is sent once when the signal returns, and
a replay changes nothing; a refused item shows the server's message; an address not on the
phone shows the offline page; logging out empties the phone.

The live server is http://localhost:<port>, a secure context: the service worker registers."""

import re
import time

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from imp_smart import offline
from imp_smart.offline_model import KirimanOffline
from kader.models import TransaksiKas
from pendataan.models import Anggota, PerubahanStatus
from pertemuan.models import Konseling, Pertemuan
from tests.factories import KaderFactory
from tests.integration_support import screenshot
from tests.pendataan.factories import pus_buat

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The phone's queue, read and changed from the test (the app's own IMPAntrian where loaded).
BACA_ANTRIAN = """() => new Promise((ok, gagal) => {
  const r = indexedDB.open("imp-offline");
  r.onerror = () => gagal(r.error);
  r.onsuccess = () => {
    const db = r.result;
    if (!db.objectStoreNames.contains("kiriman")) { db.close(); ok([]); return; }
    const q = db.transaction("kiriman").objectStore("kiriman").getAll();
    q.onsuccess = () => { db.close(); ok(q.result); };
  };
})"""


def masuk(page, username):
    page.goto("/akun/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", "rahasia-uji-123")
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/akun/masuk/" not in url)


def tunggu(page, js, arg=None, batas=30.0):
    """Poll a JS function until it returns something true (page.wait_for_function evaluates a
    string, which the app's CSP refuses)."""
    akhir = time.monotonic() + batas
    while not page.evaluate(js, arg):
        assert time.monotonic() < akhir, f"not reached: {js}"
        time.sleep(0.2)


def siap_offline(page):
    """Wait until the service worker is active and the app shell stored, then load the page
    again under its control (the one that registered it may stay uncontrolled)."""
    tunggu(
        page,
        """async () => {
          const r = await navigator.serviceWorker.getRegistration();
          return !!(r && r.active && r.active.state === "activated");
        }""",
    )
    page.reload()
    tunggu(page, "() => navigator.serviceWorker.controller !== null")
    tunggu(
        page,
        """async () => {
          const nama = (await caches.keys()).find(k => k.includes("precache"));
          return !!nama && (await (await caches.open(nama)).keys()).length >= 15;
        }""",
    )


def kunjungi(page, url):
    """Open a page online and wait until the phone keeps it."""
    page.goto(url)
    tunggu(
        page,
        """async (u) =>
             !!(await (await caches.open("imp-halaman")).match(u, {ignoreVary: true}))""",
        page.url,
    )


def antrian(page):
    return page.evaluate(BACA_ANTRIAN)


@pytest.fixture
def data_kerja(area, users):
    pus = [pus_buat(dusun=area.dusun_a1, nama=f"Ibu Hasnah {i}") for i in range(4)]
    kader = [KaderFactory(nama=f"Kader Mawar {i}", institusi=area.sub_a1) for i in range(2)]
    return pus, kader


def test_sub_ppkbd_records_offline_and_everything_is_sent_once(page_360, users, area, data_kerja):
    pus, kader = data_kerja
    page, context = page_360, page_360.context
    masuk(page, users.sub_ppkbd.username)
    siap_offline(page)
    konseling_url = f"/pertemuan/konseling/tambah/?anggota={pus[3].pk}"
    for url in (
        "/",
        "/pendataan/pus/",
        "/pertemuan/tambah/",
        "/pertemuan/kehadiran/baru/",
        konseling_url,
    ):
        kunjungi(page, url)

    context.set_offline(True)
    # A meeting, then its attendance (a follow-up: posted where the meeting lands once sent).
    page.goto("/pertemuan/tambah/")
    expect(page.locator("[data-pwa-luring]")).to_be_visible()
    page.fill("#id_judul", "Rapat bulanan Sub-PPKBD Mawar")
    page.fill("#id_tanggal", timezone.localdate().isoformat())
    page.fill("#id_tempat", "Rumah Ibu Ketua")
    page.locator("input[name=agenda]").first.check()
    page.locator("form [type=submit]").last.click()
    page.wait_for_url(re.compile(r"/offline/antrian/\?baru="))
    expect(page.locator("#antrian-baru")).to_contain_text(
        "Tersimpan di ponsel — akan dikirim otomatis saat ada sinyal"
    )
    screenshot(page, "offline-tersimpan-360")
    page.get_by_role("link", name="Catat kehadiran").click()
    page.wait_for_url(re.compile(r"/pertemuan/kehadiran/baru/\?imp_induk="))
    page.get_by_label(re.compile(kader[0].nama)).check()
    page.get_by_label(re.compile(kader[1].nama)).check()
    page.locator("form [type=submit]").last.click()
    page.wait_for_url(re.compile(r"/offline/antrian/"))

    # Counselling of a PUS opened before.
    page.goto(konseling_url)
    page.fill("#id_tanggal", timezone.localdate().isoformat())
    page.select_option("#id_topik", "kespro")
    page.select_option("#id_hasil", "belum")
    page.locator("form [type=submit]").last.click()
    page.wait_for_url(re.compile(r"/offline/antrian/"))

    # Three status changes on the monthly PUS page (the list as last loaded).
    page.goto("/pendataan/pus/")
    for p, status in zip(pus[:3], ("IAS", "HAMIL", "IAT"), strict=True):
        page.select_option(f"select[name=s_{p.pk}]", status)
    page.click("#form-pus button[type=submit]")
    page.wait_for_url(re.compile(r"/offline/antrian/"))

    # The PUS page (as last loaded) does not offer to "restore" what already waits to be sent.
    page.goto("/pendataan/pus/")
    expect(page.locator("#form-pus")).to_be_visible()
    page.wait_for_timeout(500)  # the queue is read asynchronously
    expect(page.locator("#draf-pus")).to_be_hidden()
    page.goto("/offline/antrian/")

    # Nothing reached the server; the items survive a reload with no signal.
    page.reload()
    expect(page.locator("article[data-status=menunggu]")).to_have_count(4)
    expect(page.locator("nav [data-pwa-jumlah]").first).to_have_text("4")
    screenshot(page, "offline-antrian-360")
    assert not Pertemuan.objects.exists() and not Konseling.objects.exists()
    assert not PerubahanStatus.objects.exists()

    context.set_offline(False)
    page.click("#kirim-sekarang")
    expect(page.locator("article[data-status=terkirim]")).to_have_count(4)
    expect(page.locator("article[data-status=menunggu]")).to_have_count(0)
    screenshot(page, "offline-terkirim-360")

    rapat = Pertemuan.objects.get()
    assert rapat.judul == "Rapat bulanan Sub-PPKBD Mawar"
    assert set(rapat.kader_hadir.all()) == set(kader)
    assert Konseling.objects.get().anggota_id == pus[3].pk
    assert set(PerubahanStatus.objects.values_list("anggota_id", "status")) == {
        (pus[0].pk, "IAS"),
        (pus[1].pk, "HAMIL"),
        (pus[2].pk, "IAT"),
    }
    assert KirimanOffline.objects.count() == 4

    # The same items sent again (a lost answer, a second phone tab): nothing changes.
    hasil = page.evaluate(
        """async () => {
          for (const i of await IMPAntrian.semua()) {
            i.status = "menunggu";
            await IMPAntrian.simpan(i);
          }
          return await IMP_PWA.kirim();
        }"""
    )
    assert hasil["terkirim"] == 4
    assert all(i["status"] == "terkirim" for i in antrian(page))
    assert Pertemuan.objects.count() == 1 and Konseling.objects.count() == 1
    assert PerubahanStatus.objects.count() == 3
    assert Pertemuan.objects.get().kader_hadir.count() == 2


def test_pages_never_visited_work_offline_after_the_home_page(page_360, users, area, data_kerja):
    """Her phone loads her working pages ahead, after the home page: the dues of her
    institution and counselling of any PUS of her area work with no signal without a prior
    visit (the generic counselling form serves the woman picked from the list)."""
    pus, kader = data_kerja
    page, context = page_360, page_360.context
    masuk(page, users.sub_ppkbd.username)
    siap_offline(page)
    iuran_url = f"/kader/dana/institusi/{area.sub_a1.pk}/iuran/"
    tunggu(
        page,
        """async (daftar) => {
          const c = await caches.open("imp-halaman");
          for (const u of daftar) {
            if (!(await c.match(new URL(u, location.href).href, {ignoreVary: true}))) return false;
          }
          return true;
        }""",
        [iuran_url, "/pertemuan/konseling/cari/", "/pertemuan/konseling/tambah/"],
    )
    assert page.url.endswith("/")  # only the home page was opened

    context.set_offline(True)
    page.goto(iuran_url)
    expect(page.locator("[data-pwa-luring]")).to_be_visible()
    page.get_by_label(re.compile(kader[0].nama)).check()
    page.fill("#id_tanggal", timezone.localdate().isoformat())
    page.fill("#id_jumlah", "5000")
    page.locator("form [type=submit]").last.click()
    page.wait_for_url(re.compile(r"/offline/antrian/\?baru="))

    page.goto("/pertemuan/konseling/cari/")
    expect(page.get_by_role("link", name=re.compile("Ibu Hasnah"))).to_have_count(4)
    page.fill("#id_q", "hasnah 2")  # searched with no signal: the list on the phone, filtered
    page.press("#id_q", "Enter")
    page.wait_for_url(re.compile(r"\?q="))
    expect(page.get_by_role("link", name=re.compile("Ibu Hasnah"))).to_have_count(1)
    expect(page.locator("#id_q")).to_have_value("hasnah 2")
    page.get_by_role("link", name=re.compile(pus[2].nama)).click()
    page.wait_for_url(re.compile(rf"/pertemuan/konseling/tambah/\?anggota={pus[2].pk}$"))
    expect(page.locator("#id_anggota")).to_have_value(str(pus[2].pk))
    screenshot(page, "offline-konseling-umum-360")
    page.fill("#id_tanggal", timezone.localdate().isoformat())
    page.select_option("#id_topik", "kespro")
    page.select_option("#id_hasil", "belum")
    page.locator("form [type=submit]").last.click()
    page.wait_for_url(re.compile(r"/offline/antrian/"))
    expect(page.locator("article[data-status=menunggu]")).to_have_count(2)
    assert not Konseling.objects.exists() and not TransaksiKas.objects.exists()

    context.set_offline(False)
    page.click("#kirim-sekarang")
    expect(page.locator("article[data-status=terkirim]")).to_have_count(2)
    assert Konseling.objects.get().anggota_id == pus[2].pk
    iuran = TransaksiKas.objects.get()
    assert (iuran.jenis, iuran.kader_id) == ("iuran", kader[0].pk)
    assert iuran.institusi_id == area.sub_a1.pk


def konseling_di_ponsel(page, username, anggota):
    """Log in, open the counselling form of `anggota` online, then fill it in and save it with no
    signal: it waits in the phone's queue (the page is left on the queue, still offline)."""
    masuk(page, username)
    siap_offline(page)
    url = f"/pertemuan/konseling/tambah/?anggota={anggota.pk}"
    kunjungi(page, url)
    page.context.set_offline(True)
    page.goto(url)
    page.fill("#id_tanggal", timezone.localdate().isoformat())
    page.select_option("#id_topik", "kespro")
    page.select_option("#id_hasil", "belum")
    page.locator("form [type=submit]").last.click()
    page.wait_for_url(re.compile(r"/offline/antrian/"))


def test_refused_item_shows_the_server_message_and_a_way_to_fix_it(
    page_360, users, area, data_kerja
):
    pus, _ = data_kerja
    page, context = page_360, page_360.context
    konseling_di_ponsel(page, users.sub_ppkbd.username, pus[0])
    # Meanwhile the family moved to a dusun outside her area.
    Anggota.objects.filter(pk=pus[0].pk).update(keluarga=pus_buat(dusun=area.dusun_x1).keluarga)
    context.set_offline(False)
    page.click("#kirim-sekarang")
    kartu = page.locator("article[data-status=ditolak]")
    expect(kartu).to_have_count(1)
    expect(kartu.locator("[data-pesan]")).to_contain_text("PUS ini tidak ada di wilayah Anda")
    expect(kartu.get_by_role("link", name="Perbaiki")).to_have_attribute(
        "href", re.compile(r"/pertemuan/konseling/tambah/\?anggota=\d+&imp_ubah=")
    )
    expect(page.locator("#antrian-hasil")).to_contain_text("ditolak server")
    screenshot(page, "offline-ditolak-360")
    assert not Konseling.objects.exists() and not KirimanOffline.objects.exists()


def test_an_item_sent_with_a_stale_token_is_sent_again_with_a_fresh_one(
    page_360, users, area, data_kerja, monkeypatch
):
    """The token the queue fetched went stale before the send (a login in another tab): the
    server saves nothing and answers with a fresh token; the queue sends the item again with it,
    instead of marking it refused."""
    pus, _ = data_kerja
    page, context = page_360, page_360.context
    konseling_di_ponsel(page, users.sub_ppkbd.username, pus[0])

    basi = []

    def token_basi(request):  # the live server runs in this process
        basi.append(1)
        return "basi" * 8

    monkeypatch.setattr(offline, "get_token", token_basi)
    context.set_offline(False)
    page.click("#kirim-sekarang")
    expect(page.locator("article[data-status=terkirim]")).to_have_count(1)
    expect(page.locator("article[data-status=ditolak]")).to_have_count(0)
    assert basi and Konseling.objects.count() == 1
    assert KirimanOffline.objects.count() == 1


def test_address_not_on_the_phone_shows_the_offline_page(page_360, users):
    page, context = page_360, page_360.context
    masuk(page, users.sub_ppkbd.username)
    siap_offline(page)
    context.set_offline(True)
    page.goto("/pertemuan/")
    expect(page.locator("h1")).to_have_text("Halaman ini belum tersimpan di ponsel")
    screenshot(page, "offline-halaman-360")


def test_logging_out_empties_the_phone(page_360, users, data_kerja):
    page, context = page_360, page_360.context
    masuk(page, users.sub_ppkbd.username)
    siap_offline(page)
    kunjungi(page, "/pertemuan/tambah/")
    context.set_offline(True)
    page.goto("/pertemuan/tambah/")
    page.fill("#id_judul", "Rapat yang belum terkirim")
    page.fill("#id_tanggal", timezone.localdate().isoformat())
    page.fill("#id_tempat", "Posyandu")
    page.locator("input[name=agenda]").first.check()
    page.locator("form [type=submit]").last.click()
    page.wait_for_url(re.compile(r"/offline/antrian/"))
    assert len(antrian(page)) == 1
    context.set_offline(False)
    page.goto("/pertemuan/tambah/")  # online: its own send may run; the item stays until sent
    page.evaluate(
        "IMP_PWA.siap.then(() => IMPAntrian.semua()).then(a => Promise.all(a.map(i => "
        "IMPAntrian.simpan(Object.assign(i, {status: 'ditolak'})))))"
    )
    page.on("dialog", lambda d: d.accept())
    page.locator("form[data-keluar]").evaluate("f => f.requestSubmit()")
    page.wait_for_url(re.compile(r"/akun/masuk/"))
    assert antrian(page) == []
    assert not page.evaluate("caches.has('imp-halaman')")


def test_kept_item_can_be_viewed_corrected_and_deleted(page_360, users, data_kerja):
    page, context = page_360, page_360.context
    masuk(page, users.sub_ppkbd.username)
    siap_offline(page)
    kunjungi(page, "/pertemuan/tambah/")
    context.set_offline(True)
    for judul in ("Rapat salah ketik", "Rapat dobel"):
        page.goto("/pertemuan/tambah/")
        page.fill("#id_judul", judul)
        page.fill("#id_tanggal", timezone.localdate().isoformat())
        page.fill("#id_tempat", "Posyandu")
        page.locator("input[name=agenda]").first.check()
        page.locator("form [type=submit]").last.click()
        page.wait_for_url(re.compile(r"/offline/antrian/"))
    kartu = page.locator("article", has_text="Rapat salah ketik")
    kartu.locator("summary").click()
    expect(kartu.locator("dl")).to_contain_text("Rapat salah ketik")
    kartu.get_by_role("link", name="Ubah").click()
    expect(page.locator("#id_judul")).to_have_value("Rapat salah ketik")
    page.fill("#id_judul", "Rapat bulanan Mawar")
    page.locator("form [type=submit]").last.click()
    page.wait_for_url(re.compile(r"/offline/antrian/"))
    page.on("dialog", lambda d: d.accept())
    page.locator("article", has_text="Rapat dobel").get_by_role("button", name="Hapus").click()
    expect(page.locator("article")).to_have_count(1)
    assert [i["judul"] for i in antrian(page)] == ["Catat pertemuan"]
    context.set_offline(False)
    page.click("#kirim-sekarang")
    expect(page.locator("article[data-status=terkirim]")).to_have_count(1)
    assert list(Pertemuan.objects.values_list("judul", flat=True)) == ["Rapat bulanan Mawar"]


def test_new_version_is_offered_and_loaded(page_360, users, settings):
    from imp_smart import offline

    page = page_360
    masuk(page, users.sub_ppkbd.username)
    siap_offline(page)
    expect(page.locator("#pwa-versi")).to_be_hidden()
    expect(page.locator("#pwa-pasang")).to_be_hidden()  # only once the browser offers to install
    # A release changes the app shell: the service worker script changes with it.
    settings.IMP_OFFLINE_PRECACHE = [p for p in settings.IMP_OFFLINE_PRECACHE if "ikon" not in p]
    offline._statis.cache_clear()
    try:
        page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
        expect(page.locator("#pwa-versi")).to_contain_text("Versi baru tersedia", timeout=20000)
        screenshot(page, "offline-versi-baru-360")
        with page.expect_navigation():
            page.locator("#pwa-versi button").click()
        expect(page.locator("#pwa-versi")).to_be_hidden()
        tunggu(
            page,
            """async () => { const r = await navigator.serviceWorker.getRegistration();
                 return !r.waiting && !!navigator.serviceWorker.controller; }""",
        )
    finally:
        offline._statis.cache_clear()


def test_another_user_on_the_same_phone_gets_none_of_the_kept_pages(page_360, users):
    page, context = page_360, page_360.context
    masuk(page, users.sub_ppkbd.username)
    siap_offline(page)
    kunjungi(page, "/pertemuan/tambah/")
    context.clear_cookies()  # her session ended without logging out
    masuk(page, users.dinas.username)
    expect(page.locator("h1")).to_contain_text("Selamat datang")
    tunggu(page, "async () => (await (await caches.open('imp-halaman')).keys()).length === 0")
    page.goto("/pertemuan/tambah/")  # served to the Dinas user by the server, never kept
    assert (
        page.evaluate("async () => (await (await caches.open('imp-halaman')).keys()).length") == 0
    )


# The browser's install offer, made by hand: headless Chromium never fires the real one.
TAWARAN_PASANG = """() => {
  window.impPrompt = (window.impPrompt || 0);
  const e = new Event("beforeinstallprompt", {cancelable: true});
  e.prompt = () => { window.impPrompt += 1; return Promise.resolve(); };
  window.dispatchEvent(e);
  return e.defaultPrevented;
}"""


def test_install_offer_shows_once_on_the_cadre_home_and_asks_the_browser(page_360, users):
    page = page_360
    masuk(page, users.sub_ppkbd.username)
    page.wait_for_load_state("load")
    pasang = page.locator("#pwa-pasang")
    expect(pasang).to_be_hidden()  # nothing before the browser offers
    assert page.evaluate(TAWARAN_PASANG) is True  # the browser's own banner is held back
    expect(pasang).to_be_visible()
    expect(pasang.get_by_role("button", name="Pasang aplikasi")).to_have_count(1)
    screenshot(page, "offline-pasang-360")
    pasang.get_by_role("button", name="Pasang aplikasi").click()
    expect(pasang).to_be_hidden()
    assert page.evaluate("() => window.impPrompt") == 1
    # Offered once: the next offer on this phone shows nothing.
    page.reload()
    page.wait_for_load_state("load")
    page.evaluate(TAWARAN_PASANG)
    page.wait_for_timeout(300)
    expect(page.locator("#pwa-pasang")).to_be_hidden()
    # Only on the home page.
    page.goto("/pertemuan/tambah/")
    assert page.evaluate(TAWARAN_PASANG) is True
    expect(page.locator("#pwa-pasang")).to_have_count(0)


def test_install_offer_can_be_put_off_and_is_not_made_to_other_roles(page_360, users):
    page = page_360
    masuk(page, users.ppkbd.username)
    page.wait_for_load_state("load")
    page.evaluate(TAWARAN_PASANG)
    page.locator("#pwa-pasang").get_by_role("button", name="Nanti").click()
    expect(page.locator("#pwa-pasang")).to_be_hidden()
    assert page.evaluate("() => window.impPrompt") == 0
    page.context.clear_cookies()
    masuk(page, users.koordinator.username)
    page.wait_for_load_state("load")
    page.evaluate(TAWARAN_PASANG)
    expect(page.locator("#pwa-pasang")).to_have_count(0)
