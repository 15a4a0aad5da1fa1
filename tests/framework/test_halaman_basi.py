"""Wide pages a few seconds late (imp_smart.halaman, IMP_HALAMAN_BASI): a user who sees the
whole kabupaten is served a kept page for a while after others wrote what it shows — saying when
it was built — but never after the user's own write, never past the setting's seconds, and never
a desa user's page or a page whose form saves what it shows.

These tests commit (transactional_db), with Redis as the shared cache."""

import time

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from imp_smart import halaman
from kader.scoping import cakupan_luas
from tests.framework.halaman_support import buka as _buka
from tests.framework.halaman_support import cache_bersama  # noqa: F401  (autouse fixture)
from tests.framework.halaman_support import daftar_dibuka as _daftar_dibuka
from tests.pendataan.factories import keluarga_buat

pytestmark = pytest.mark.django_db(transaction=True)

BASI = 20
CATATAN = "data-imp-data-per"


@pytest.fixture(autouse=True)
def basi_nyala():
    with override_settings(IMP_HALAMAN_BASI=BASI):
        yield


def test_a_cadres_save_elsewhere_leaves_the_dinas_list_served_late_and_says_so(users, area):
    keluarga_buat(dusun=area.dusun_a1, nama_kepala="Sudah Ada")
    c, url = _daftar_dibuka(users.dinas)
    keluarga_buat(dusun=area.dusun_x1, nama_kepala="Baru Disimpan")

    r = c.get(url)
    html = r.content.decode()
    assert "Baru Disimpan" not in html and "Sudah Ada" in html
    assert html.count(CATATAN) == 1
    assert f"paling lambat {BASI} detik kemudian" in html and "Data per pukul" in html
    dibuat = int(r["X-IMP-Data-Per"])
    assert time.time() - BASI <= dibuat <= time.time()
    assert _buka(c, url)[1] <= 1  # served from the cache
    assert halaman.PENGGANTI_CSRF not in html


def test_past_its_seconds_the_page_is_built_again(users, area, monkeypatch):
    c, url = _daftar_dibuka(users.dinas)
    keluarga_buat(dusun=area.dusun_x1, nama_kepala="Baru Disimpan")
    sekarang = time.time()
    monkeypatch.setattr(halaman.time, "time", lambda: sekarang + BASI + 1)
    html, n = _buka(c, url)
    assert "Baru Disimpan" in html and CATATAN not in html and n > 1


def test_a_page_still_current_does_not_say_it_is_late(users, area):
    c, url = _daftar_dibuka(users.dinas)
    r = c.get(url)
    assert CATATAN not in r.content.decode() and "X-IMP-Data-Per" not in r
    assert _buka(c, url)[1] <= 1


def test_the_users_own_write_is_never_shown_late(users, area):
    """A request by the user that wrote (here: logging in again, which writes last_login) notes
    the clock: every page of the user built before it is built again."""
    c, url = _daftar_dibuka(users.dinas)
    keluarga_buat(dusun=area.dusun_x1, nama_kepala="Baru Disimpan")
    assert "Baru Disimpan" not in c.get(url).content.decode()  # late: someone else's write

    lain = Client()
    r = lain.post(reverse("login"), {"username": "u_dinas", "password": "rahasia-uji-123"})
    assert r.status_code == 302
    assert cache.get(halaman.kunci_tulis_oleh(users.dinas.pk)) is not None

    html, n = _buka(c, url)
    assert "Baru Disimpan" in html and CATATAN not in html and n > 1
    # Built after the write: served late again after the next write of someone else.
    keluarga_buat(dusun=area.dusun_x1, nama_kepala="Lebih Baru")
    html = c.get(url).content.decode()
    assert "Lebih Baru" not in html and CATATAN in html


def test_a_write_noted_for_the_user_directly(users, area):
    c, url = _daftar_dibuka(users.dinas)
    keluarga_buat(dusun=area.dusun_x1, nama_kepala="Baru Disimpan")
    halaman.catat_tulis_oleh(users.dinas.pk)
    assert "Baru Disimpan" in _buka(c, url)[0]


def test_a_desa_users_page_is_never_late(users, area):
    c, url = _daftar_dibuka(users.ppkbd)  # desa A
    keluarga_buat(dusun=area.dusun_a2, nama_kepala="Tetangga Baru")
    html, n = _buka(c, url)
    assert "Tetangga Baru" in html and CATATAN not in html and n > 1
    assert not cakupan_luas(users.ppkbd) and not cakupan_luas(users.koordinator)
    assert cakupan_luas(users.dinas)


def test_the_pus_page_whose_form_saves_what_it_shows_is_never_late(users, area):
    from tests.pendataan.factories import anggota_buat

    k = keluarga_buat(dusun=area.dusun_a1, nama_kepala="Kepala PUS")
    c = Client()
    c.force_login(users.dinas)
    url = reverse("pendataan:pus_bulanan")
    _buka(c, url, wilayah=area.dusun_a1.pk)
    assert _buka(c, url, wilayah=area.dusun_a1.pk)[1] <= 2  # kept
    anggota_buat(keluarga=k, nama="Anggota Baru Sekali")
    html, n = _buka(c, url, wilayah=area.dusun_a1.pk)
    assert CATATAN not in html and n > 2


def test_switched_off_nothing_is_late(users, area):
    c, url = _daftar_dibuka(users.dinas)
    keluarga_buat(dusun=area.dusun_x1, nama_kepala="Baru Disimpan")
    with override_settings(IMP_HALAMAN_BASI=0):
        html, n = _buka(c, url)
    assert "Baru Disimpan" in html and CATATAN not in html and n > 1


def test_a_wide_page_built_while_others_wrote_is_kept_to_be_served_late(users, area, monkeypatch):
    """Another process's commit lands while the Dinas's page is built: not current, so kept only
    to be served late, saying the time its build began."""
    from pendataan.models import Keluarga
    from pendataan.views import KeluargaListView

    asli = KeluargaListView.get_queryset

    def sambil_ditulis(self):
        halaman.naikkan({Keluarga._meta.db_table})  # as another process's commit would
        return asli(self)

    monkeypatch.setattr(KeluargaListView, "get_queryset", sambil_ditulis)
    sebelum = time.time()
    c, url = _daftar_dibuka(users.dinas)
    monkeypatch.setattr(KeluargaListView, "get_queryset", asli)
    r = c.get(url)
    assert CATATAN in r.content.decode()
    assert sebelum <= int(r["X-IMP-Data-Per"]) + 1 and int(r["X-IMP-Data-Per"]) <= time.time()
    assert _buka(c, url)[1] <= 1
    with override_settings(IMP_HALAMAN_BASI=0):
        assert _buka(c, url)[1] > 1  # never current: built when nothing may be late


def test_a_job_the_user_asked_for_counts_as_the_users_own_write(users, area):
    """An import (or any job) finishing notes the clock for the user who asked for it: the
    user's pages built before it are not served late."""
    from django.core.cache import cache

    from imp_smart import jobs
    from imp_smart.models import Pekerjaan
    from kader import draft_sk

    c, url = _daftar_dibuka(users.dinas)
    keluarga_buat(dusun=area.dusun_x1, nama_kepala="Dari Impor")
    assert "Dari Impor" not in c.get(url).content.decode()  # late, as anyone's write

    job = Pekerjaan.objects.create(
        jenis_pekerjaan=draft_sk.JENIS, kunci="2026", diminta_oleh=users.dinas
    )
    k = jobs.klaim(Pekerjaan, job.pk)
    assert k is not None and jobs.selesaikan(k)
    assert cache.get(halaman.kunci_tulis_oleh(users.dinas.pk)) is not None
    html, n = _buka(c, url)
    assert "Dari Impor" in html and CATATAN not in html and n > 1


def test_a_change_of_areas_or_cached_options_is_never_served_late(users, area):
    """Only rows others wrote may be late: a renewed cache generation (the filter's options of
    areas, renewed by a save of an area) or the epoch builds the page again."""
    c, url = _daftar_dibuka(users.dinas)
    keluarga_buat(dusun=area.dusun_x1, nama_kepala="Baru Disimpan")
    assert CATATAN in c.get(url).content.decode()  # rows only: late
    area.desa_x.nama = "Desa X Baru"
    area.desa_x.save()
    html, n = _buka(c, url)
    assert "Baru Disimpan" in html and CATATAN not in html and n > 1

    keluarga_buat(dusun=area.dusun_x1, nama_kepala="Lagi Baru")
    assert CATATAN in c.get(url).content.decode()
    halaman.naikkan({None})  # the epoch (a write to no known table)
    html, n = _buka(c, url)
    assert "Lagi Baru" in html and CATATAN not in html and n > 1


def test_a_wide_page_built_while_a_generation_it_read_was_renewed_is_not_served_late(
    users, area, monkeypatch
):
    """Rows written during the build make a wide page late-only; the permissions' generation
    renewed during the build (read before it) makes it never served at all."""
    from imp_smart import tembolok
    from pendataan.models import Keluarga
    from pendataan.views import KeluargaListView

    asli = KeluargaListView.get_queryset

    def sambil_ditulis(self):
        halaman.naikkan({Keluarga._meta.db_table})
        tembolok.generasi_baru("imp:izin:generasi")
        return asli(self)

    monkeypatch.setattr(KeluargaListView, "get_queryset", sambil_ditulis)
    c, url = _daftar_dibuka(users.dinas)
    monkeypatch.setattr(KeluargaListView, "get_queryset", asli)
    html, n = _buka(c, url)
    assert CATATAN not in html and n > 1
