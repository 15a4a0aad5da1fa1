"""Kept pages (imp_smart.halaman): a list page's HTML is served again from the shared cache until
a table it read is written — by the ORM, QuerySet.update(), raw SQL, in or out of a transaction —
and never to another user, with a stale message, or with a stale CSRF token.

These tests commit (transactional_db): when a write's transaction commits is what they check."""

import pickle
import re
import zlib
from datetime import date

import pytest
import redis
from django.contrib import messages
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import reverse

from imp_smart import halaman
from pendataan.models import Keluarga
from tests.framework.halaman_support import (  # noqa: F401  (cache_bersama: autouse fixture)
    DAFTAR,
    REDIS,
    cache_bersama,
)
from tests.framework.halaman_support import buka as _buka
from tests.framework.halaman_support import daftar_dibuka as _daftar_dibuka
from tests.framework.halaman_support import masuk as _masuk
from tests.pendataan.factories import keluarga_buat

pytestmark = pytest.mark.django_db(transaction=True)

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _tanpa_token(html: str) -> str:
    return TOKEN.sub("", html)


def test_a_second_visit_is_the_same_page_without_building_it(users, area):
    keluarga_buat(dusun=area.dusun_a1, nama_kepala="Kepala Satu")
    c = _masuk(users.ppkbd)
    url = reverse(DAFTAR)
    pertama, n_pertama = _buka(c, url)
    kedua, n_kedua = _buka(c, url)
    assert "Kepala Satu" in pertama
    assert _tanpa_token(kedua) == _tanpa_token(pertama)
    assert n_pertama >= 3
    assert n_kedua <= 1  # the session's user only: no count, no rows, no options
    assert halaman.PENGGANTI_CSRF not in kedua
    # Another query string is another page.
    _, n_lain = _buka(c, url, rt="001")
    assert n_lain >= 3


def test_writes_through_the_orm_update_and_raw_sql_show_on_the_next_visit(users, area):
    k = keluarga_buat(dusun=area.dusun_a1, nama_kepala="Nama Lama")
    c, url = _daftar_dibuka(users.ppkbd)

    k.nama_kepala = "Nama Simpan"
    k.save()
    assert "Nama Simpan" in _buka(c, url)[0]

    Keluarga.objects.filter(pk=k.pk).update(nama_kepala="Nama Update")
    assert "Nama Update" in _buka(c, url)[0]

    with connection.cursor() as cur:
        cur.execute(
            f"UPDATE {Keluarga._meta.db_table} SET nama_kepala = %s WHERE id = %s",
            ["Nama Mentah", k.pk],
        )
    assert "Nama Mentah" in _buka(c, url)[0]

    keluarga_buat(dusun=area.dusun_a2, nama_kepala="Keluarga Baru")
    html = _buka(c, url)[0]
    assert "Keluarga Baru" in html and "2 data" in html


def test_a_write_counts_when_its_transaction_commits_and_not_before(users, area):
    k = keluarga_buat(dusun=area.dusun_a1, nama_kepala="Sebelum")
    c, url = _daftar_dibuka(users.ppkbd)
    with transaction.atomic():
        Keluarga.objects.filter(pk=k.pk).update(nama_kepala="Sesudah")
        # The same connection inside the transaction that wrote: never from the cache.
        html, n = _buka(c, url)
        assert "Sesudah" in html and n >= 3
    assert "Sesudah" in _buka(c, url)[0]

    # A transaction that rolls back leaves the page as it was (and may keep serving it).
    with pytest.raises(RuntimeError), transaction.atomic():
        Keluarga.objects.filter(pk=k.pk).update(nama_kepala="Batal")
        raise RuntimeError
    html = _buka(c, url)[0]
    assert "Sesudah" in html and "Batal" not in html


def test_counts_kept_by_a_trigger_follow_the_families(users, area):
    """The Dinas's unfiltered list counts from JumlahKeluargaDesa, which a database trigger
    writes with every family: a write to the families renews the counts' number too (a page that
    read only the counts is stale after it)."""
    from pendataan.models import JumlahKeluargaDesa

    kunci = halaman.kunci_tabel(JumlahKeluargaDesa._meta.db_table)
    keluarga_buat(dusun=area.dusun_a1)
    c = _masuk(users.dinas)
    url = reverse(DAFTAR)
    assert "1 data" in _buka(c, url)[0]
    sebelum = cache.get(kunci)
    keluarga_buat(dusun=area.dusun_x1)
    assert cache.get(kunci) > sebelum
    assert "2 data" in _buka(c, url)[0]


def test_each_user_has_their_own_page(users, area):
    keluarga_buat(dusun=area.dusun_a1, nama_kepala="Warga Desa A")
    keluarga_buat(dusun=area.dusun_x1, nama_kepala="Warga Desa X")
    url = reverse(DAFTAR)
    dinas = _buka(_masuk(users.dinas), url)[0]
    ppkbd = _buka(_masuk(users.ppkbd), url)[0]
    assert "Warga Desa X" in dinas
    assert "Warga Desa X" not in ppkbd and "Warga Desa A" in ppkbd
    assert "Warga Desa X" not in _buka(_masuk(users.ppkbd), url)[0]


def test_a_change_of_area_shows_on_the_next_visit(users, area):
    """The user's areas come from a cache (kader.scoping) whose generation the page notes."""
    keluarga_buat(dusun=area.dusun_a1, nama_kepala="Warga Desa A")
    keluarga_buat(dusun=area.dusun_x1, nama_kepala="Warga Desa X")
    c = _masuk(users.ppkbd)
    url = reverse(DAFTAR)
    assert "Warga Desa A" in _buka(c, url)[0]
    profil = users.ppkbd.profil
    profil.wilayah = area.desa_x
    profil.save()
    html = _buka(c, url)[0]
    assert "Warga Desa X" in html and "Warga Desa A" not in html


def test_the_csrf_token_of_a_kept_page_is_fresh_and_accepted(users, area):
    c = Client(enforce_csrf_checks=True)
    c.force_login(users.ppkbd)
    url = reverse(DAFTAR)
    _buka(c, url)
    html, n = _buka(c, url)
    assert n <= 1
    token = TOKEN.search(html).group(1)
    assert token != halaman.PENGGANTI_CSRF
    r = c.post(reverse("logout"), {"csrfmiddlewaretoken": token})
    assert r.status_code == 302


def test_a_message_is_shown_once_and_not_kept(users, area, rf):
    from django.contrib.messages.storage.base import Message
    from django.contrib.messages.storage.cookie import CookieStorage

    c, url = _daftar_dibuka(users.ppkbd)
    # A message waits (as after a save, in Django's message cookie): the page shows it, from
    # no cache, and the next visit does not show it again.
    pesan = CookieStorage(rf.get("/"))._encode([Message(messages.SUCCESS, "Keluarga disimpan.")])
    c.cookies[CookieStorage.cookie_name] = pesan
    assert "Keluarga disimpan." in _buka(c, url)[0]
    assert "Keluarga disimpan." not in _buka(c, url)[0]
    # An invalid filter adds a warning on every visit (its page is not kept: it showed one).
    for _ in range(2):
        assert "Saringan tidak berlaku" in _buka(c, url, desa="bukan-angka")[0]


def test_a_write_to_an_unknown_table_renews_every_page(users, area):
    c, url = _daftar_dibuka(users.ppkbd)
    assert _buka(c, url)[1] <= 1
    with connection.cursor() as cur:
        cur.execute("CREATE TEMPORARY TABLE uji_halaman (x int)")  # DDL: no table to name
    assert _buka(c, url)[1] >= 3


def test_a_page_built_while_a_table_it_read_was_written_is_not_kept(users, area, monkeypatch):
    """Another process's commit lands while the page is rendered: the page may hold the rows
    from before it, so it is not stored."""
    from pendataan.views import KeluargaListView

    asli = KeluargaListView.get_queryset

    def sambil_ditulis(self):
        halaman.naikkan({Keluarga._meta.db_table})  # as another process's commit would
        return asli(self)

    monkeypatch.setattr(KeluargaListView, "get_queryset", sambil_ditulis)
    c, url = _daftar_dibuka(users.ppkbd)
    monkeypatch.setattr(KeluargaListView, "get_queryset", asli)
    assert _buka(c, url)[1] >= 3  # not kept: built again
    assert _buka(c, url)[1] <= 1


def test_nothing_is_kept_without_a_shared_cache(users, area):
    with override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
        IMP_CACHE_BERSAMA=None,
    ):
        c, url = _daftar_dibuka(users.ppkbd)
        assert _buka(c, url)[1] >= 3


def test_switched_off_by_the_setting(users, area):
    with override_settings(IMP_HALAMAN_SIMPAN=False):
        c, url = _daftar_dibuka(users.ppkbd)
        assert _buka(c, url)[1] >= 3


@pytest.mark.parametrize(
    ("sql", "harapan"),
    [
        ("SELECT 1", False),
        ('SELECT "a"."x" FROM "a" FOR UPDATE', False),
        ('INSERT INTO "pendataan_keluarga" ("a") VALUES (%s)', "pendataan_keluarga"),
        ('UPDATE "pendataan_keluarga" SET "a" = 1', "pendataan_keluarga"),
        ('DELETE FROM "public"."kader_wilayah" WHERE id = 1', "kader_wilayah"),
        ("update pendataan_anggota set x = 1", "pendataan_anggota"),
        ("COPY pendataan_keluarga (a, b) FROM STDIN", "pendataan_keluarga"),
        ("COPY (SELECT 1) TO STDOUT", False),
        ("REFRESH MATERIALIZED VIEW CONCURRENTLY ringkasan", "ringkasan"),
        ("WITH t AS MATERIALIZED (SELECT 1) SELECT * FROM t", False),
        ("WITH t AS (SELECT id FROM a FOR UPDATE) SELECT * FROM t", False),
        ("WITH d AS (DELETE FROM a RETURNING id) SELECT * FROM d", None),
        ('TRUNCATE "a", "b" RESTART IDENTITY CASCADE', None),
        ("ALTER TABLE a ADD COLUMN b int", None),
        ("SAVEPOINT s1", False),
        ("RELEASE SAVEPOINT s1", False),
        ("ROLLBACK TO SAVEPOINT s1", False),
    ],
)
def test_what_a_statement_writes(sql, harapan):
    assert halaman.tabel_ditulis(sql) == harapan


def test_what_a_statement_reads():
    sql = (
        'SELECT "k"."id" FROM "pendataan_keluarga" INNER JOIN "kader_wilayah" ON (1) '
        "LEFT OUTER JOIN public.pendataan_anggota a ON (1)"
    )
    assert halaman.tabel_dibaca(sql) >= {"pendataan_keluarga", "kader_wilayah", "pendataan_anggota"}


def test_the_offices_name_comes_from_a_cache_and_a_change_renews_every_page(users, area):
    """The layout shows the kabupaten's name from the identity cache (no SQL to note): saving
    the office's profile makes no kept page served again."""
    from imp_smart import daerah
    from kader.models import ProfilDinas

    daerah.identitas()  # cached before the page: the page reads no profile row itself
    c, url = _daftar_dibuka(users.ppkbd)
    assert _buka(c, url)[1] <= 1
    ProfilDinas.objects.create(nama_kabupaten="Kabupaten Uji Halaman")
    assert "Kabupaten Uji Halaman" in _buka(c, url)[0]


def test_a_familys_page_is_kept_but_never_with_the_full_nik(users, area):
    """The detail is kept like a list; ?nik=1 (the full NIKs) is built every time, recorded
    every time (AksesNik), and never written to the cache."""
    from pendataan.models import AksesNik
    from tests.pendataan.factories import pus_buat

    w = pus_buat(dusun=area.dusun_a1, nama="Ibu Rahasia")
    c = _masuk(users.penyuluh)
    url = w.keluarga.get_absolute_url()
    assert "Ibu Rahasia" in _buka(c, url)[0]
    assert _buka(c, url)[1] <= 1
    for kali in (1, 2):
        html, n = _buka(c, url, nik="1")
        assert w.nik in html and n >= 3
        assert AksesNik.objects.filter(user=users.penyuluh).count() == kali
    r = redis.Redis.from_url(REDIS["default"]["LOCATION"])
    tersimpan = [
        zlib.decompress(pickle.loads(r.get(k))[1]).decode()
        for k in r.scan_iter(match="imp-uji-halaman:*:imp:halaman:*")
    ]
    assert tersimpan and any("Ibu Rahasia" in html for html in tersimpan)
    assert all(w.nik not in html for html in tersimpan)


def test_the_status_board_is_kept_until_a_report_is_written(users, area):
    from laporan.models import LaporanDesa

    c = _masuk(users.koordinator)
    url = reverse("laporan:papan")
    _buka(c, url)
    assert _buka(c, url)[1] <= 1
    LaporanDesa.objects.create(desa=area.desa_a, bulan=date(2026, 1, 1))
    assert _buka(c, url)[1] >= 3


def test_a_savepoint_rolled_back_drops_its_tables_and_later_writes_still_count(users, area):
    k = keluarga_buat(dusun=area.dusun_a1, nama_kepala="Awal")
    c, url = _daftar_dibuka(users.ppkbd)
    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            Keluarga.objects.filter(pk=k.pk).update(nama_kepala="Dibatalkan")
            raise RuntimeError
        assert not halaman.transaksi_menulis(connection)  # its callback went with the savepoint
        Keluarga.objects.filter(pk=k.pk).update(nama_kepala="Akhir")
        assert halaman.transaksi_menulis(connection)
    assert "Akhir" in _buka(c, url)[0]


def test_many_writes_in_one_transaction_register_one_callback(users, area):
    with transaction.atomic():
        for i in range(50):
            keluarga_buat(dusun=area.dusun_a1, nama_kepala=f"Massal {i}")
        milik = [f for _, f, _ in connection.run_on_commit if isinstance(f, halaman._Tertunda)]
        assert len(milik) == 1
        # Each family said its desa (Keluarga's own saves: imp_smart.halaman.BagianWilayahMixin).
        assert milik[0].bagian[Keluarga._meta.db_table] == {area.desa_a.pk}
