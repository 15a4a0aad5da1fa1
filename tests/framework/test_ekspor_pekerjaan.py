"""Large list exports through the job engine (imp_smart/ekspor_pekerjaan.py).

Up to IMP_EKSPOR_LANGSUNG rows the XLSX comes in the request (as before); above it the list
view asks for an `imp_smart.ekspor` job and redirects to its progress page. The job calls the
same view again as the same user: the file has the same columns and rows as the direct export
would (filtered, sorted, scoped, NIK masked, formula-safe), and only that user sees it.
"""

import io
import time
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from imp_smart import jobs
from imp_smart.ekspor_pekerjaan import JENIS, ekspor_buat
from imp_smart.models import Pekerjaan
from tests.factories import KaderFactory

pytestmark = pytest.mark.django_db

RUMUS = '=HYPERLINK("http://x","klik")'
URL = "kader:kader_list"


@pytest.fixture
def kader(area):
    """Four cadres of Desa A (PPKBD Melati), one of them with a hostile name; two elsewhere."""
    for nama in ("Ani", "Budi", "Citra", RUMUS):
        KaderFactory(institusi=area.ppkbd_a, nama=nama)
    KaderFactory(institusi=area.ppkbd_b, nama="Dewi (Desa B)")
    KaderFactory(institusi=area.ppkbd_x, nama="Eka (Desa X)")
    return area


def _baris(isi: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(isi)).active.values)


def _minta(client, user, **q):
    client.force_login(user)
    return client.get(reverse(URL), {"ekspor": "xlsx", **q})


def _langsung(client, user, **q) -> bytes:
    """The export as it comes in the request (threshold far above the list)."""
    with override_settings(IMP_EKSPOR_LANGSUNG=10_000):
        resp = _minta(client, user, **q)
    assert resp.status_code == 200 and resp.content[:2] == b"PK"
    return resp.content


def _pekerjaan(resp) -> Pekerjaan:
    assert resp.status_code == 302
    p = Pekerjaan.objects.get(jenis_pekerjaan=JENIS)
    assert resp["Location"] == reverse("ekspor_pekerjaan", args=[p.pk])
    return p


def test_small_list_is_downloaded_at_once_without_a_job(client, users, kader):
    resp = _minta(client, users.ppkbd)  # 4 rows, default threshold 5000
    assert resp.status_code == 200
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
    assert len(_baris(resp.content)) == 1 + 4
    assert not Pekerjaan.objects.filter(jenis_pekerjaan=JENIS).exists()


@override_settings(IMP_EKSPOR_LANGSUNG=2)
def test_large_list_becomes_a_job_with_the_same_file_as_the_direct_export(client, users, kader):
    resp = _minta(client, users.ppkbd, sort="-nama")
    p = _pekerjaan(resp)
    assert (p.status, p.diminta_oleh, p.parameter["url_name"]) == ("ANTRI", users.ppkbd, URL)
    assert "sort=-nama" in p.parameter["query"] and p.parameter["jumlah"] == 4
    assert ekspor_buat(pekerjaan_id=p.pk) is True
    p.refresh_from_db()
    assert (p.status, p.progres, len(p.sha256)) == ("SELESAI", 100, 64)
    assert p.nama_berkas.endswith(".xlsx") and p.nama_berkas.startswith("kader-")
    isi = p.berkas.read()
    baris = _baris(isi)
    # The user's scope only (Desa A, not B or X), every row, sorted as asked, same columns.
    assert baris[0][:2] == ("Nama", "NIK")
    assert sorted(b[0] for b in baris[1:]) == sorted(["Ani", "Budi", "Citra", RUMUS])
    assert [b[0] for b in baris[1:4]] == ["Citra", "Budi", "Ani"]
    assert baris == _baris(_langsung(client, users.ppkbd, sort="-nama"))
    # NIK masked for a role without kader.lihat_nik_lengkap, as on the page.
    assert not users.ppkbd.has_perm("kader.lihat_nik_lengkap")
    from kader.models import Kader

    samar = {k.nama: k.nik_samar for k in Kader.objects.filter(institusi=kader.ppkbd_a)}
    assert {b[0]: b[1] for b in baris[1:]} == samar
    # The hostile name is text with Excel's quote prefix, never a formula.
    sel = [c for r in load_workbook(io.BytesIO(isi)).active.iter_rows() for c in r]
    assert not [c.coordinate for c in sel if c.data_type == "f"]
    jahat = [c for c in sel if c.value == RUMUS]
    assert len(jahat) == 1 and jahat[0].data_type == "s" and jahat[0].quotePrefix
    # Done once: a second run (a redelivered message) changes nothing.
    assert ekspor_buat(pekerjaan_id=p.pk) is False


@override_settings(IMP_EKSPOR_LANGSUNG=2)
def test_job_keeps_the_filter_and_the_scope_of_a_wider_user(client, users, kader):
    # The kecamatan coordinator (K: Desa A and B) with a name filter: only matching rows of K.
    p = _pekerjaan(_minta(client, users.koordinator, q="a"))
    assert p.parameter["jumlah"] == 3  # Ani, Citra, Dewi (Desa B) — not Eka (Desa X)
    ekspor_buat(pekerjaan_id=p.pk)
    p.refresh_from_db()
    nama = sorted(b[0] for b in _baris(p.berkas.read())[1:])
    assert nama == ["Ani", "Citra", "Dewi (Desa B)"]
    # The Dinas (whole kabupaten), no filter: all six.
    client.logout()
    q = _pekerjaan_baru(client, users.dinas)
    ekspor_buat(pekerjaan_id=q.pk)
    q.refresh_from_db()
    assert len(_baris(q.berkas.read())) == 1 + 6


def _pekerjaan_baru(client, user, **q) -> Pekerjaan:
    sebelum = set(Pekerjaan.objects.values_list("pk", flat=True))
    resp = _minta(client, user, **q)
    assert resp.status_code == 302
    return Pekerjaan.objects.exclude(pk__in=sebelum).get()


@override_settings(IMP_EKSPOR_LANGSUNG=2)
def test_only_the_user_who_asked_sees_the_job_and_its_file(client, users, kader):
    p = _pekerjaan(_minta(client, users.ppkbd))
    ekspor_buat(pekerjaan_id=p.pk)
    status = reverse("pekerjaan_status", args=[p.pk])
    unduh = reverse("pekerjaan_unduh", args=[p.pk])
    halaman = reverse("ekspor_pekerjaan", args=[p.pk])
    # The owner: the page (with the poller's element), the JSON, the file.
    resp = client.get(halaman)
    assert resp.status_code == 200
    teks = resp.content.decode()
    assert f'data-pekerjaan="{status}"' in teks and "js/pekerjaan.js" in teks
    assert f'href="{unduh}"' in teks
    assert client.get(status).json()["unduh"] == unduh
    resp = client.get(unduh)
    assert resp.status_code == 200 and b"".join(resp.streaming_content)[:2] == b"PK"
    # Anybody else, even the Dinas and the same desa's Sub-PPKBD: 404 everywhere.
    for lain in (users.dinas, users.sub_ppkbd, users.penyuluh):
        client.force_login(lain)
        for url in (status, unduh, halaman):
            assert client.get(url).status_code == 404, (lain.username, url)
    client.logout()
    assert client.get(halaman).status_code == 302  # anonymous: to the login page


@override_settings(IMP_EKSPOR_LANGSUNG=2)
def test_asking_twice_while_waiting_is_one_job_and_other_filters_another(client, users, kader):
    a = _pekerjaan(_minta(client, users.ppkbd))
    assert _minta(client, users.ppkbd).status_code == 302
    assert Pekerjaan.objects.filter(jenis_pekerjaan=JENIS).count() == 1
    _minta(client, users.ppkbd, sort="nama")
    _minta(client, users.koordinator)
    jumlah = Pekerjaan.objects.filter(jenis_pekerjaan=JENIS).values_list("diminta_oleh", flat=True)
    assert sorted(jumlah) == sorted([users.ppkbd.pk, users.ppkbd.pk, users.koordinator.pk])
    ekspor_buat(pekerjaan_id=a.pk)
    b = _pekerjaan_baru(client, users.ppkbd)  # done: asking again makes version 2
    assert (b.kunci, b.versi) == (a.kunci, 2)


@override_settings(IMP_EKSPOR_LANGSUNG=2)
def test_a_user_who_lost_access_gets_a_failed_job_not_a_file(client, users, kader):
    p = _pekerjaan(_minta(client, users.ppkbd))
    users.ppkbd.groups.clear()  # no role any more: the list answers 403
    users.ppkbd.user_permissions.clear()
    ekspor_buat(pekerjaan_id=p.pk)
    p.refresh_from_db()
    assert p.status == "GAGAL" and not p.berkas and "tidak dapat" in p.pesan_galat
    assert p.percobaan == 1  # final: not retried
    q = _pekerjaan_baru(client, users.koordinator)
    users.koordinator.is_active = False
    users.koordinator.save()
    ekspor_buat(pekerjaan_id=q.pk)
    q.refresh_from_db()
    assert q.status == "GAGAL" and "tidak aktif" in q.pesan_galat


def test_the_kind_is_registered_by_the_framework():
    j = jobs.jenis(JENIS)
    assert j.tugas == "imp_smart.tasks.ekspor_buat" and j.izin == ""


@pytest.mark.integration
@override_settings(IMP_EKSPOR_LANGSUNG=2)
def test_export_job_in_a_real_worker(celery_real_worker, client, users, kader):
    p = _pekerjaan(_minta(client, users.ppkbd, sort="nama"))
    akhir = time.monotonic() + 60
    while time.monotonic() < akhir:
        p.refresh_from_db()
        if not p.berjalan:
            break
        time.sleep(0.3)
    assert p.status == "SELESAI", p.pesan_galat
    nama = [b[0] for b in _baris(p.berkas.read())[1:]]
    assert sorted(nama) == sorted(["Ani", "Budi", "Citra", RUMUS])


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@override_settings(IMP_EKSPOR_LANGSUNG=2)
def test_export_button_of_a_long_list_leads_to_the_job_page_and_its_file(page_360, users, kader):
    from playwright.sync_api import expect

    from tests.integration_support import periksa_axe, screenshot

    page = page_360
    page.goto("/akun/masuk/")
    page.fill("#id_username", users.ppkbd.username)
    page.fill("#id_password", "rahasia-uji-123")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    page.goto(reverse(URL) + "?sort=nama")
    page.get_by_role("link", name="Ekspor XLSX").click()
    page.wait_for_load_state()
    p = Pekerjaan.objects.get(jenis_pekerjaan=JENIS)
    assert page.url.endswith(reverse("ekspor_pekerjaan", args=[p.pk]))
    expect(page.locator("h1")).to_contain_text("Ekspor XLSX: Kader")
    tombol = page.locator(f"tr[data-berkas='{p.pk}'] .unduh a")
    expect(tombol).to_be_visible(timeout=15_000)  # eager in tests: done with the request
    screenshot(page, "ekspor-pekerjaan-360")
    periksa_axe(page)
    with page.expect_download() as unduhan:
        tombol.click()
    assert unduhan.value.suggested_filename == p.nama_berkas
    nama = [b[0] for b in _baris(Path(unduhan.value.path()).read_bytes())[1:]]
    assert sorted(nama) == sorted(["Ani", "Budi", "Citra", RUMUS])
    page.get_by_role("link", name="Kembali ke daftar").click()
    page.wait_for_load_state()
    assert "sort=nama" in page.url and "ekspor" not in page.url
    page.goto(reverse("ekspor_pekerjaan", args=[p.pk]))
    page.set_viewport_size({"width": 1280, "height": 800})
    screenshot(page, "ekspor-pekerjaan-1280")
