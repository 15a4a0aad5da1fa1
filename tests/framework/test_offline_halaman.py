"""The installable app's server side (imp_smart/offline.py, issue 13): which pages the phone may
keep and for whom, the service worker and manifest, the attendance form of a meeting kept on the
phone."""

import json
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from imp_smart.offline import HEADER_SIMPAN, setelan_sw
from tests.factories import KaderFactory

pytestmark = pytest.mark.django_db


def test_cadre_working_page_is_marked_for_keeping(client, users):
    client.force_login(users.sub_ppkbd)
    for url in ("/", reverse("pendataan:pus_bulanan"), reverse("pertemuan:create")):
        r = client.get(url)
        assert r.status_code == 200
        assert r[HEADER_SIMPAN] == "simpan", url
    # Not a working page: never kept.
    assert HEADER_SIMPAN not in client.get(reverse("pertemuan:list"))


@pytest.mark.parametrize("peran", ["dinas", "koordinator", "penyuluh", "admin"])
def test_nothing_is_kept_for_roles_that_do_not_work_offline(client, users, peran):
    client.force_login(getattr(users, peran))
    r = client.get("/")
    assert r.status_code == 200
    assert HEADER_SIMPAN not in r
    html = r.content.decode()
    assert 'name="imp-pwa"' not in html  # no queue, no install offer
    assert 'rel="manifest"' in html


def test_page_showing_a_one_time_message_is_not_kept(client, users):
    client.force_login(users.ppkbd)
    from django.contrib.messages import constants
    from django.contrib.messages.storage.cookie import CookieStorage

    storage = CookieStorage(client.get("/").wsgi_request)
    storage.add(constants.SUCCESS, "Pertemuan disimpan.")
    r = client.get("/")
    assert HEADER_SIMPAN in r  # no message pending in this session
    client.cookies["messages"] = storage._encode(list(storage._queued_messages))
    r = client.get("/")
    assert "Pertemuan disimpan." in r.content.decode()
    assert HEADER_SIMPAN not in r


def test_cadre_page_carries_the_phone_settings(client, users):
    client.force_login(users.sub_ppkbd)
    html = client.get("/").content.decode()
    meta = re.search(r'<meta name="imp-pwa"[^>]*>', html).group(0)
    assert f'data-pengguna="{users.sub_ppkbd.pk}"' in meta
    assert 'id="pwa-pasang"' in html  # install offer on the home page
    assert 'id="pwa-pasang"' not in client.get(reverse("pertemuan:create")).content.decode()


def test_service_worker_is_served_from_the_root(client):
    r = client.get("/sw.js")
    assert r.status_code == 200
    assert r["Content-Type"].startswith("application/javascript")
    assert r["Service-Worker-Allowed"] == "/"
    assert "no-cache" in r["Cache-Control"]
    isi = r.content.decode()
    assert "workbox-core.prod.js" in isi and "sw-inti.js" in isi
    setelan = json.loads(re.search(r"self.IMP_SETELAN = (.*);\n", isi).group(1))
    urls = [i["url"] for i in setelan["precache"]]
    assert "/offline/" in urls and "/offline/antrian/" in urls
    assert any(u.endswith("bootstrap-imp.min.css") for u in urls)
    assert any(re.match(p, "/pendataan/pus/") for p in setelan["halaman"])
    assert any(re.match(p, "/pertemuan/12/kehadiran/") for p in setelan["halaman"])


def test_precache_stays_under_one_and_a_half_megabytes():
    total = 0
    for item in setelan_sw()["precache"]:
        if item["url"].startswith("/static/"):
            lokasi = finders.find(item["url"].removeprefix("/static/"))
            total += Path(lokasi).stat().st_size
    assert 0 < total <= 1.5 * 1024 * 1024


def test_manifest(client):
    r = client.get("/manifest.webmanifest")
    assert r["Content-Type"] == "application/manifest+json"
    data = r.json()
    assert data["name"].startswith("IMP Smart") and data["lang"] == "id"
    assert (data["start_url"], data["display"], data["scope"]) == ("/", "standalone", "/")
    ukuran = {i["sizes"] for i in data["icons"]}
    assert ukuran == {"192x192", "512x512"}
    for ikon in data["icons"]:
        assert finders.find(ikon["src"].removeprefix("/static/"))


def test_offline_pages_hold_nothing_personal(client, users):
    client.force_login(users.sub_ppkbd)
    for url in ("/offline/", "/offline/antrian/"):
        html = client.get(url).content.decode()
        assert users.sub_ppkbd.username not in html
        assert "csrfmiddlewaretoken" not in html
    assert "Halaman ini belum tersimpan di ponsel" in client.get("/offline/").content.decode()


def test_phone_loads_ahead_only_for_cadres(client, users):
    client.force_login(users.dinas)
    assert client.get("/offline/siapkan/").json() == {"halaman": []}
    client.force_login(users.sub_ppkbd)
    halaman = client.get("/offline/siapkan/").json()["halaman"]
    assert "/" in halaman and reverse("pertemuan:create") in halaman
    # Her dues entry and the counselling list and form, without a prior visit.
    assert reverse("kader:dana:iuran", args=[users.sub_ppkbd.profil.institusi_id]) in halaman
    assert reverse("pertemuan:konseling_cari") in halaman
    assert reverse("pertemuan:konseling_create") in halaman
    for url in halaman:
        r = client.get(url)
        assert r.status_code == 200 and r[HEADER_SIMPAN] == "simpan", url


def test_attendance_form_of_a_meeting_kept_on_the_phone(client, users, area):
    hadir = KaderFactory(nama="Kader Dusun A1", institusi=area.sub_a1)
    lain = KaderFactory(nama="Kader Desa X", institusi=area.ppkbd_x)
    url = reverse("pertemuan:kehadiran_baru")
    assert client.get(url).status_code == 302  # login first
    client.force_login(users.sub_ppkbd)
    r = client.get(url)
    assert r.status_code == 200
    html = r.content.decode()
    assert hadir.nama in html and lain.nama not in html
    assert r[HEADER_SIMPAN] == "simpan"
    r = client.post(url, {"kader": [hadir.pk]})
    assert r.status_code == 302  # nothing to attach it to: back to the meeting form
    client.force_login(users.koordinator)  # organises meetings too, but not offline
    r = client.get(url)
    assert r.status_code == 200 and HEADER_SIMPAN not in r


def test_a_cadre_who_may_see_full_niks_has_no_page_kept(client, users):
    from django.contrib.auth.models import Permission

    users.sub_ppkbd.user_permissions.add(
        Permission.objects.get(codename="lihat_nik_lengkap", content_type__app_label="pendataan")
    )
    client.force_login(users.sub_ppkbd)
    r = client.get(reverse("pendataan:pus_bulanan"))
    assert r.status_code == 200 and HEADER_SIMPAN not in r
    assert client.get("/offline/siapkan/").json() == {"halaman": []}


def test_cadre_home_is_sent_gzipped_to_a_browser_that_takes_it(client, users):
    """The first visit on a slow line (bench/pwa_bench.py): ~15 kB of HTML go as ~4 kB."""
    client.force_login(users.sub_ppkbd)
    r = client.get(reverse("beranda"), HTTP_ACCEPT_ENCODING="gzip, br")
    assert r.status_code == 200
    assert r["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in r["Vary"]
    assert len(r.content) < 8_000
    assert client.get(reverse("beranda")).get("Content-Encoding") is None
