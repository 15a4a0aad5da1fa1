"""Rendered pages kept in the shared cache until something they read is written.

A list page costs its user 3–5× what the stack itself costs (bench/load.py), nearly all of it in
building the filter form and the table and rendering them; the same user opens the same list again
and again (back from a family's page, the next page and back, a phone reloading its worklist). A
view with `HalamanTersimpanMixin` keeps the HTML it rendered for a GET and serves it again while
nothing it was built from has changed:

- **What it read.** Every SQL statement Django runs during the request is noted (an execute
  wrapper on every connection, `connection_created`); the tables in their FROM and JOIN clauses are
  the page's tables. The caches the page used (imp_smart.tembolok: permissions, areas, filter
  options; imp_smart.kartu) note their generation.
- **What is written.** The same wrapper sees every INSERT, UPDATE, DELETE and COPY that Django
  runs — the ORM's saves, `QuerySet.update()`, `bulk_create`, raw cursors, in web processes,
  Celery workers and management commands alike — and gives each table it writes a new number
  from one clock in the shared cache when the write's transaction commits (at once in
  autocommit). A table kept by a database trigger from another (`daftarkan_turunan`) gets its
  number with it. A statement the wrapper cannot read a table from (TRUNCATE, DDL, a CTE that
  writes) renews the epoch, on which every page depends.
- **Serving.** A page is served from the cache only while every table and cache generation it
  read still has the number it had; it is stored only when none of its tables was written after
  the clock reading taken before the page was built (a write that committed while the page was
  rendered makes it wait for the next visit). Pages are also bounded by `IMP_HALAMAN_UMUR`
  seconds, which bounds what no Django process announces (a write made with psql).
- **By area.** A table registered with `daftarkan_bagian` (the family register, its facts,
  mutations and KB statuses; counselling; meetings and their attendance; the desa reports)
  also keeps a number per desa: a write that says which desas its rows are seen from
  (`tulis_wilayah`, or `BagianWilayahMixin` on the model's own saves) renews those desas'
  numbers and the table's; a write that says nothing renews the table's whole (`…:utuh`). A
  page that says its rows of those tables all lie in some desas (`halaman_wilayah()`: a
  PPKBD's, a coordinator's list; this month's worklist and PUS page; the counselling and
  meeting lists; a family's page) depends on those desas' numbers and the whole one only: a
  family saved in one desa does not rebuild the lists of the other 166. Pages that say nothing
  depend on every write.
- **Pieces.** `potongan()` keeps a piece of a page the same way (the filter form of the
  lists: imp_smart.templatetags.daftar.kartu_saringan), so a page rebuilt after a write to its
  rows does not rebuild what read nothing of them.
- **Wide pages, a few seconds late.** A user who sees more desas than a page could follow one by
  one (the Dinas: `daftarkan_luas`) would have every kept page rebuilt by each family a cadre
  saves anywhere in the kabupaten. For such a user, a page whose view allows it
  (`halaman_boleh_basi()`) may be served up to `IMP_HALAMAN_BASI` seconds after it was built
  although others wrote rows it read since — never after the user's own write (each request
  that wrote, and each job the user asked for, notes the clock for its user; a page built
  before that note is not served late), never over a renewed cache generation (the user's
  areas or permissions, filter options) or epoch — and then says so above its content ("Data
  per pukul …"). 0 turns it off.
- **Per user.** The key is the user (id, name, flags, permissions), the URL with its query, the
  host, the language, the day (pages that count "today") and the code's version (a deployment
  with new templates starts afresh). The CSRF token in the HTML is replaced by a fresh one on
  every serve. A request with a message to show, or inside a transaction that has written, is
  neither served nor stored; a request that wrote anything itself, an answer other than 200 HTML
  or one that sets a cookie is not stored.

Only with a cache every process shares (imp_smart.tembolok.bersama(): Redis): with a
per-process memory cache nothing is stored, and the wrapper only classifies each statement.
`IMP_HALAMAN_SIMPAN = False` turns it off.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.db import transaction
from django.db.backends.signals import connection_created
from django.dispatch import receiver
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.response import SimpleTemplateResponse
from django.utils import timezone
from django.utils.html import format_html

log = logging.getLogger(__name__)

_AWALAN = "imp:tabel"
KUNCI_JAM = f"{_AWALAN}:jam"  # the clock: every commit that wrote takes the next number
KUNCI_ZAMAN = f"{_AWALAN}:*zaman"  # the epoch: renewed by writes to no known table
UMUR_BAWAAN = 10 * 60

_NAMA = r'(?:"([^"]+)"|([A-Za-z_][\w$]*))'
_NAMA_SKEMA = rf"(?:{_NAMA}\s*\.\s*)?{_NAMA}"
_TULIS = re.compile(
    r"\s*(?:INSERT\s+INTO|UPDATE(?:\s+ONLY)?|DELETE\s+FROM(?:\s+ONLY)?|COPY"
    r"|REFRESH\s+MATERIALIZED\s+VIEW(?:\s+CONCURRENTLY)?)\s+" + _NAMA_SKEMA,
    re.IGNORECASE,
)
_BACA_TABEL = re.compile(r"\b(?:FROM|JOIN)\s+" + _NAMA_SKEMA, re.IGNORECASE)
_TULIS_DALAM = re.compile(r"\b(?:INSERT\s+INTO|(?<!FOR )UPDATE|DELETE\s+FROM)\b", re.IGNORECASE)
# Statements that write nothing: the first word.
_BACA_SAJA = frozenset(
    ("SELECT", "SHOW", "SET", "RESET", "BEGIN", "START", "COMMIT", "ROLLBACK", "SAVEPOINT")
    + ("RELEASE", "DECLARE", "FETCH", "CLOSE", "MOVE", "VALUES", "EXPLAIN", "PRAGMA", "ANALYZE")
    + ("LISTEN", "NOTIFY", "DEALLOCATE", "PREPARE", "EXECUTE", "DISCARD", "LOCK", "VACUUM")
)
_COPY_KELUAR = re.compile(r"\bTO\s+(?:STDOUT|PROGRAM|')", re.IGNORECASE)
_KATA_PERTAMA = re.compile(r"\s*\(*\s*([A-Za-z]+)")
_TURUNAN: dict[str, set[str]] = {}  # table -> tables a trigger writes with it
_BAGIAN: set[str] = set()  # tables numbered per desa too (daftarkan_bagian)
UTUH = ":utuh"  # suffix: a write to the table that said no desa
BATAS_WILAYAH = 60  # a page that spans more desas depends on the whole tables
# The numbers of a page that is never current (a key never set): served only late.
_SELALU_USANG: dict[str, object] = {f"{_AWALAN}:*usang": -1}
TANDA_BASI = "<!--imp:data-per-->"  # where a late page says when it was built (base.html)
_CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=")([^"]*)(")')
PENGGANTI_CSRF = "\ue000imp-csrf\ue000"


@lru_cache(maxsize=1)
def aktif() -> bool:
    """Pages are kept: switched on (the default) and a cache every process shares. Asked on
    every write statement: worked out once per process (again when a setting changes)."""
    from imp_smart import tembolok  # noqa: PLC0415 (tembolok notes its generations here)

    return bool(getattr(settings, "IMP_HALAMAN_SIMPAN", True) and tembolok.bersama())


@receiver(setting_changed)
def _pengaturan_berubah(*, setting, **kwargs):
    if setting in ("CACHES", "IMP_HALAMAN_SIMPAN", "IMP_CACHE_BERSAMA"):
        aktif.cache_clear()


def daftarkan_turunan(sumber: str, *tujuan: str) -> None:
    """A database trigger writes the tables `tujuan` whenever `sumber` is written (db_table
    names): a write to `sumber` renews their numbers too. Called from the apps' ready()."""
    _TURUNAN.setdefault(sumber, set()).update(tujuan)


def daftarkan_bagian(*tabel: str) -> None:
    """These tables (db_table names) are numbered per desa too: writes that say their desas
    (`tulis_wilayah`) leave the pages of other desas standing. Called from the apps' ready()."""
    _BAGIAN.update(t.lower() for t in tabel)


_LUAS: list[Callable[[object], bool]] = []


def daftarkan_luas(fungsi: Callable[[object], bool]) -> None:
    """`fungsi(user)`: the user sees more than pages can follow desa by desa (the Dinas); such a
    user's pages may be served late (`IMP_HALAMAN_BASI`). Called from the apps' ready()."""
    _LUAS[:] = [fungsi]


def pengguna_luas(user) -> bool:
    """The user's pages may be served late (daftarkan_luas; IMP_HALAMAN_BASI above 0)."""
    return bool(basi_detik() and _LUAS and _LUAS[0](user))


def basi_detik() -> int:
    """How late a wide page may be served, in seconds (0: never)."""
    return max(int(getattr(settings, "IMP_HALAMAN_BASI", 0) or 0), 0)


def kunci_tulis_oleh(user_pk) -> str:
    """The clock as it was after the user's last request that wrote something."""
    return f"{_AWALAN}:oleh:{user_pk}"


def kunci_tabel(tabel: str) -> str:
    return f"{_AWALAN}:{tabel}"


def kunci_bagian(tabel: str, wilayah: int) -> str:
    """The number of the rows of `tabel` seen from desa `wilayah`."""
    return f"{_AWALAN}:{tabel}@{wilayah}"


_WILAYAH_TULIS: ContextVar[dict[str, frozenset[int]] | None] = ContextVar(
    "imp_halaman_wilayah_tulis", default=None
)


@contextmanager
def tulis_wilayah(tabel: str, wilayah: Iterable[int] | None) -> Iterator[None]:
    """Every write to `tabel` (a db_table registered with daftarkan_bagian) inside the block
    touches only rows that pages see from the desas `wilayah` (ids of desas: the desa a row is
    in, and the desa it was in before the write when the write moves it). The caller answers for
    it: a row of another desa written here would stay stale on that desa's pages. None: the
    desas are not known (the write renews every page of the table)."""
    if wilayah is None or tabel not in _BAGIAN:
        yield
        return
    kini = _WILAYAH_TULIS.get() or {}
    baru = {**kini, tabel: kini.get(tabel, frozenset()) | frozenset(wilayah)}
    token = _WILAYAH_TULIS.set(baru)
    try:
        yield
    finally:
        _WILAYAH_TULIS.reset(token)


def _nama(cocok: re.Match) -> str:
    """The table of a match of _NAMA_SKEMA (groups 1–2: the schema, dropped; 3–4: the table)."""
    return (cocok.group(3) or cocok.group(4) or "").lower()


def tabel_ditulis(sql: str) -> str | None | bool:
    """What the statement writes: a table name, None when it writes something whose table it
    does not say (TRUNCATE, DDL, a CTE that writes), False when it writes nothing."""
    awal = _KATA_PERTAMA.match(sql)
    kata = awal.group(1).upper() if awal else ""
    if kata in _BACA_SAJA:
        return False
    if kata == "WITH":
        return None if _TULIS_DALAM.search(sql) else False
    if kata == "COPY" and _COPY_KELUAR.search(sql):
        return False  # COPY … TO: an export
    cocok = _TULIS.match(sql)
    if cocok is not None:
        return _nama(cocok)
    return None


def tabel_dibaca(sql: str) -> set[str]:
    """The tables in a statement's FROM and JOIN clauses (lower case, without schema)."""
    return {_nama(c) for c in _BACA_TABEL.finditer(sql)} - {""}


# What a request notes ---------------------------------------------------------------------------


@dataclass
class Rekaman:
    """What one request read and wrote, noted while `tabel` is on (from HalamanMiddleware)."""

    sql: list[str] = field(default_factory=list)
    tabel: set[str] = field(default_factory=set)  # read through caches (saringan's options)
    generasi: dict[str, object] = field(default_factory=dict)  # cache key -> generation used
    menulis: bool = False
    catat_sql: bool = False
    jam: int | None = None  # the clock read before the page was built (mulai)
    mulai_detik: float = 0.0  # the wall clock then: what a page served late says it shows


_REKAMAN: ContextVar[Rekaman | None] = ContextVar("imp_halaman_rekaman", default=None)


def catat_generasi(kunci: str, nilai: object) -> None:
    """The request used what a cache keeps under generation `nilai` of `kunci`."""
    rekaman = _REKAMAN.get()
    if rekaman is not None:
        rekaman.generasi[kunci] = nilai


def catat_tabel(*tabel: str) -> None:
    """The request used rows of these tables that a cache gave instead of a query."""
    rekaman = _REKAMAN.get()
    if rekaman is not None and rekaman.catat_sql:
        rekaman.tabel.update(t.lower() for t in tabel)


class HalamanMiddleware:
    """Notes what each request reads and writes (after the user is known: loading the user and
    the session is not part of any page's content, the key has what the page shows of them)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        rekaman = Rekaman()
        token = _REKAMAN.set(rekaman)
        try:
            user = getattr(request, "user", None)
            getattr(user, "pk", None)  # loaded now, not noted as part of a page
            rekaman.catat_sql = True
            response = self.get_response(request)
        finally:
            _REKAMAN.reset(token)
        user = getattr(request, "user", None)  # after a login: the user who logged in
        if rekaman.menulis and getattr(user, "is_authenticated", False) and pengguna_luas(user):
            catat_tulis_oleh(user.pk)
        return response


def catat_tulis_oleh(user_pk) -> None:
    """The user (id) wrote something — in a request, or a job the user asked for: none of the
    user's pages built before it committed is served late (IMP_HALAMAN_BASI). Inside a
    transaction: noted when it commits."""
    lama = basi_detik()
    if not lama or not aktif() or user_pk is None:
        return

    def catat() -> None:
        try:
            cache = caches["default"]
            jam = _bacaan_jam(cache, cache.get(KUNCI_JAM))
            if jam is not None:
                cache.set(kunci_tulis_oleh(user_pk), jam, lama + 60)
        except Exception:
            log.exception("halaman: tulisan pengguna tidak tercatat")

    transaction.on_commit(catat)


# Writes -----------------------------------------------------------------------------------------


class BagianWilayahMixin:
    """For a model whose table is numbered per desa (daftarkan_bagian): its own saves (INSERT or
    UPDATE of one row by `save()`) say their desas, from `wilayah_halaman()`. A row with a desa
    column of its own names it in `kolom_desa` (the attname): the desa it is in, and the one it
    leaves when it moves. Otherwise the model writes `wilayah_halaman`, given in `awal` the
    values of `medan_wilayah` (attnames) as loaded or as last saved. Deletes,
    `QuerySet.update()`, bulk writes and raw SQL say nothing (every page of the table is
    renewed) unless wrapped in `tulis_wilayah`.

    A concurrent move of the same row by another transaction between this one's read and its
    write is not seen: pages of the third desa wait for its next write or IMP_HALAMAN_UMUR."""

    kolom_desa: str | None = None
    medan_wilayah: tuple[str, ...] = ()

    def wilayah_halaman(self, awal: dict | None, baru: bool) -> Iterable[int] | None:
        """The desas the row is seen from, before (`awal`: None when not known) and after the
        write; `baru`: an INSERT. None: not known (the whole table's pages are renewed)."""
        if self.kolom_desa is None:
            return None
        kini = getattr(self, self.kolom_desa)
        if baru:
            return {kini}
        if awal is None:
            return None
        return {kini, awal[self.kolom_desa]}

    def _awal_wilayah(self) -> dict | None:
        nilai = self.__dict__
        medan = self.medan_wilayah or ((self.kolom_desa,) if self.kolom_desa else ())
        if not all(f in nilai for f in medan):
            return None  # a deferred field
        return {f: nilai[f] for f in medan}

    @classmethod
    def from_db(cls, db, field_names, values):
        obj = super().from_db(db, field_names, values)  # type: ignore[misc]
        obj._imp_awal_wilayah = obj._awal_wilayah()
        return obj

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)  # type: ignore[misc]
        self._imp_awal_wilayah = self._awal_wilayah()  # what the row is now, not when loaded

    def _tulis_dengan_wilayah(self, baru: bool, tulis):
        awal = getattr(self, "_imp_awal_wilayah", None)
        wilayah = self.wilayah_halaman(awal, baru)
        with tulis_wilayah(self._meta.db_table, wilayah):  # type: ignore[attr-defined]
            hasil = tulis()
        self._imp_awal_wilayah = self._awal_wilayah()
        return hasil

    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update):
        return self._tulis_dengan_wilayah(
            False,
            lambda: super(BagianWilayahMixin, self)._do_update(  # type: ignore[misc]
                base_qs, using, pk_val, values, update_fields, forced_update
            ),
        )

    def _do_insert(self, manager, using, fields, returning_fields, raw):
        return self._tulis_dengan_wilayah(
            True,
            lambda: super(BagianWilayahMixin, self)._do_insert(  # type: ignore[misc]
                manager, using, fields, returning_fields, raw
            ),
        )


class _Tertunda:
    """The commit callback of one transaction: the tables its statements wrote."""

    def __init__(self) -> None:
        self.tabel: set[str | None] = set()
        self.bagian: dict[str, set[int]] = {}  # table -> desas (writes that said them)

    def __call__(self) -> None:
        naikkan(self.tabel, self.bagian)


def panggilan_commit(koneksi, nama: str, buat=None):
    """The commit callback kept as attribute `nama` of the connection for its current
    transaction: the one registered earlier in this transaction, or — with `buat` — a new one
    (`buat()`) registered now; None when there is none and no `buat`. A rollback to a savepoint
    drops the callbacks registered after it. Django replaces `run_on_commit` by a new list
    whenever it removes callbacks (commit, rollback, savepoint rollback) and only appends to it
    otherwise: while the list is the one the callback was appended to, the callback is there —
    an import's thousands of statements do not search its thousands of callbacks."""
    simpanan = getattr(koneksi, nama, None)
    if simpanan is not None:
        fungsi, daftar = simpanan
        if koneksi.run_on_commit is daftar:
            return fungsi
        if any(f is fungsi for _, f, _ in koneksi.run_on_commit):
            setattr(koneksi, nama, (fungsi, koneksi.run_on_commit))
            return fungsi
        setattr(koneksi, nama, None)
    if buat is None:
        return None
    fungsi = buat()
    transaction.on_commit(fungsi, using=koneksi.alias)
    setattr(koneksi, nama, (fungsi, koneksi.run_on_commit))
    return fungsi


def _tandai(koneksi, tabel: str | None) -> None:
    """A statement on `koneksi` wrote `tabel` (None: unknown), in the desas of the
    `tulis_wilayah` block around it when it is in one for that table."""
    rekaman = _REKAMAN.get()
    if rekaman is not None:
        rekaman.menulis = True
    if not aktif():
        return
    wilayah = None
    if tabel in _BAGIAN:
        wilayah = (_WILAYAH_TULIS.get() or {}).get(tabel)
    if not koneksi.in_atomic_block:
        if wilayah is None:
            naikkan({tabel})
        else:
            naikkan(set(), {tabel: wilayah})  # type: ignore[dict-item]
        return
    tertunda = panggilan_commit(koneksi, "_imp_halaman_tertunda", _Tertunda)
    if wilayah is None:
        tertunda.tabel.add(tabel)
    else:
        tertunda.bagian.setdefault(tabel, set()).update(wilayah)  # type: ignore[arg-type]


def lupakan_semua() -> None:
    """No page kept so far is served again (when the current transaction commits, and now):
    for what pages read from a cache that notes no table (the office's identity)."""
    naikkan({None})
    if transaction.get_connection().in_atomic_block:
        _tandai(transaction.get_connection(), None)


def transaksi_menulis(koneksi) -> bool:
    """The connection's current transaction has written something not yet committed."""
    return (
        koneksi.in_atomic_block and panggilan_commit(koneksi, "_imp_halaman_tertunda") is not None
    )


def _awal_jam() -> int:
    """A start for a clock the cache lost: above any number it gave before (microseconds)."""
    return time.time_ns() // 1000


def _jam(cache) -> int:
    try:
        return cache.incr(KUNCI_JAM)
    except ValueError:  # no clock yet, or the cache was emptied
        cache.add(KUNCI_JAM, _awal_jam(), None)
        return cache.incr(KUNCI_JAM)


def _kunci_tulis(tabel, bagian) -> set[str]:
    """The numbers a commit renews: each table written (and what its triggers write); for a
    table numbered per desa, its whole number when the write said no desa, else the desas'."""
    ditulis = [(t, None) for t in tabel if t is not None] + list((bagian or {}).items())
    kunci: set[str] = set()
    for t, wilayah in ditulis:
        for u in (t, *_TURUNAN.get(t, ())):
            kunci.add(kunci_tabel(u))
            if u not in _BAGIAN:
                continue
            if wilayah is None:
                kunci.add(kunci_tabel(u) + UTUH)
            else:
                kunci.update(kunci_bagian(u, w) for w in wilayah)
    return kunci


def naikkan(tabel, bagian: dict[str, set[int]] | None = None) -> None:
    """These tables were written (None in the set: something unknown was), and these tables in
    these desas (`bagian`): new numbers."""
    if not aktif():
        return
    semua = _kunci_tulis(tabel, bagian)
    try:
        cache = caches["default"]
        jam = _jam(cache)
        nilai = dict.fromkeys(semua, jam)
        if None in tabel:
            nilai[KUNCI_ZAMAN] = jam
        cache.set_many(nilai, None)
    except Exception:  # the cache is down: a write never fails for it (pages age out)
        log.exception("halaman: nomor tabel tidak tercatat")


def _bungkus(execute, sql, params, many, context):
    """The execute wrapper of every connection (see the module's doc)."""
    rekaman = _REKAMAN.get()
    if rekaman is not None and rekaman.catat_sql:
        rekaman.sql.append(sql)
    ditulis = tabel_ditulis(sql)
    if ditulis is False:
        return execute(sql, params, many, context)
    hasil = execute(sql, params, many, context)
    _tandai(context["connection"], ditulis)
    return hasil


def pasang_pengamat(sender, connection, **kwargs) -> None:
    """connection_created: the wrapper on each new connection."""
    if _bungkus not in connection.execute_wrappers:
        connection.execute_wrappers.append(_bungkus)


connection_created.connect(pasang_pengamat, dispatch_uid="imp_halaman_pengamat")


# Pages ------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def versi_kode() -> str:
    """A digest of the project's code, templates and static files (path, size, time): a
    deployment that changes any of them does not serve pages rendered by the one before."""
    akar = Path(settings.BASE_DIR)
    h = hashlib.blake2b(digest_size=8)
    for dasar, folder, berkas in os.walk(akar):
        folder[:] = sorted(
            f for f in folder if not f.startswith(".") and f not in ("node_modules", "__pycache__")
        )
        if dasar == str(akar):
            folder[:] = [f for f in folder if f not in ("tests", "bench", "artifacts", "media")]
        for nama in sorted(berkas):
            if nama.endswith((".py", ".html", ".js", ".css", ".json", ".txt")):
                p = Path(dasar, nama)
                try:
                    st = p.stat()
                except OSError:
                    continue
                h.update(f"{p.relative_to(akar)}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def _identitas(request) -> list[str] | None:
    """What a kept page or piece shows of its user and request besides its own URL: the code's
    version, the user (id, name, flags, permissions), the host, the language and the day; None
    when nothing may be kept now (no notes, no user, a message to show, a transaction that has
    written)."""
    if request.method != "GET" or not aktif():
        return None
    rekaman = _REKAMAN.get()
    user = getattr(request, "user", None)
    if rekaman is None or user is None or not user.is_authenticated:
        return None
    storage = getattr(request, "_messages", None)
    if storage is not None and len(storage):  # a message to show once
        return None
    if transaksi_menulis(transaction.get_connection()):
        return None
    izin = getattr(user, "_perm_cache", None)
    if izin is None:
        izin = user.get_all_permissions()
    return [
        versi_kode(),
        str(user.pk),
        user.get_username(),
        user.get_full_name(),
        f"{int(user.is_staff)}{int(user.is_superuser)}",
        ",".join(sorted(izin)),
        request.get_host(),
        getattr(request, "LANGUAGE_CODE", ""),
        timezone.localdate().isoformat(),
    ]


def _kunci(awalan: str, bagian: Iterable[str]) -> str:
    return awalan + hashlib.sha256("\x1f".join(bagian).encode()).hexdigest()


def teks_kueri(request, kecuali: Iterable[str] = ()) -> str:
    """The request's query string in one order (`kecuali`: parameters left out), for a key."""
    return "&".join(f"{k}={v}" for k, v in sorted(request.GET.lists()) if k not in kecuali)


def kunci_halaman(request, view) -> str | None:
    """The cache key of this GET for this user, or None when the page may not be kept now."""
    identitas = _identitas(request)
    if identitas is None:
        return None
    return _kunci(
        "imp:halaman:",
        [
            *identitas,
            f"{type(view).__module__}.{type(view).__qualname__}",
            request.path,
            teks_kueri(request),
        ],
    )


def _sandaran_kini(sandaran: dict) -> bool:
    """Every number and generation a kept entry was built from is still the current one."""
    return not _sandaran_usang(sandaran)


def _sandaran_usang(sandaran: dict) -> list[str]:
    """The numbers and generations a kept entry was built from that have been renewed since."""
    kini = caches["default"].get_many(list(sandaran))
    return [k for k, v in sandaran.items() if kini.get(k) != v]


def _hanya_tabel(usang: list[str]) -> bool:
    """Only table numbers were renewed — rows others wrote —, not a cache generation (the user's
    areas, permissions, filter options) nor the epoch: what a page may be served late over."""
    return all(k.startswith(_AWALAN + ":") and k != KUNCI_ZAMAN for k in usang)


def ambil(request, kunci: str) -> tuple[HttpResponse | None, int | None]:
    """The kept page for this key while everything it read is unchanged — or, for a wide page
    (`simpan(luas=True)`), up to IMP_HALAMAN_BASI seconds after it was built unless the user
    wrote since, saying when it was built — its CSRF token fresh; and the clock, read with it
    (a page built instead is built after that reading: `mulai`). The clock is None when the
    cache cannot be read."""
    try:
        cache = caches["default"]
        kunci_oleh = kunci_tulis_oleh(request.user.pk)
        nilai = cache.get_many([kunci, KUNCI_JAM, kunci_oleh])
        jam = _bacaan_jam(cache, nilai.get(KUNCI_JAM))
        isi = nilai.get(kunci)
        if not (isinstance(isi, tuple) and len(isi) == 6):
            return None, jam
        sandaran, padat, jenis, jam_bangun, dibuat, luas = isi
        basi = None
        if usang := _sandaran_usang(sandaran):
            if not (
                luas
                and _hanya_tabel(usang)
                and _boleh_basi(dibuat, jam_bangun, nilai.get(kunci_oleh))
            ):
                return None, jam
            basi = dibuat
    except Exception:
        log.exception("halaman: cache tidak terbaca")
        return None, None
    html = _dengan_csrf(request, zlib.decompress(padat).decode())
    if basi is None:
        return HttpResponse(html, content_type=jenis), jam
    html = html.replace(TANDA_BASI, _pemberitahuan_basi(basi), 1)
    return HttpResponse(html, content_type=jenis, headers={"X-IMP-Data-Per": int(basi)}), jam


def _boleh_basi(dibuat, jam_bangun, jam_tulis_oleh) -> bool:
    """A wide page built at `dibuat` (wall clock) after clock reading `jam_bangun` may be served
    although something it read was written since: it is at most IMP_HALAMAN_BASI seconds old,
    and built after the user's last write (`jam_tulis_oleh`: the clock then, None: none lately)."""
    lama = basi_detik()
    if not lama or time.time() - dibuat > lama:
        return False
    return jam_tulis_oleh is None or jam_bangun >= jam_tulis_oleh


def _pemberitahuan_basi(dibuat: float) -> str:
    """The line a page served late shows above its content."""
    pukul = timezone.localtime(datetime.fromtimestamp(dibuat, tz=UTC)).strftime("%H.%M.%S")
    return format_html(
        '<p class="small text-body-secondary mb-2" role="status" data-imp-data-per>'
        '<i class="bi bi-arrow-clockwise" aria-hidden="true"></i> Data per pukul {} · simpanan '
        "pengguna lain tampil paling lambat {} detik kemudian.</p>",
        pukul,
        basi_detik(),
    )


def _bacaan_jam(cache, jam) -> int | None:
    """The clock's value as read (`jam`), or a new clock's first number when there was none."""
    if jam is None:  # no clock yet: start one (the number it gives is the reading)
        jam = _jam(cache)
    return jam if isinstance(jam, int) else None


def _jam_kini() -> int | None:
    """The clock now; None when the cache cannot be read."""
    try:
        cache = caches["default"]
        return _bacaan_jam(cache, cache.get(KUNCI_JAM))
    except Exception:
        log.exception("halaman: cache tidak terbaca")
        return None


def mulai(request, jam: int | None) -> int | None:
    """Before a page is built: the notes so far set aside (a write or a read before this point
    belongs to the request, not the page); the clock `jam` read before (by `ambil`), or None:
    do not store."""
    rekaman = _REKAMAN.get()
    if rekaman is None:
        return None
    rekaman.sql.clear()
    rekaman.tabel.clear()
    rekaman.jam = jam
    rekaman.mulai_detik = time.time()
    return jam


def kunci_baca(tabel: Iterable[str], wilayah: frozenset[int] | None) -> list[str]:
    """The numbers a page that read `tabel` depends on: each table's, or — for a table numbered
    per desa, on a page whose rows of it all lie in the desas `wilayah` — the whole number and
    those desas'; and the epoch."""
    kunci: set[str] = set()
    for t in tabel:
        if wilayah is not None and t in _BAGIAN:
            kunci.add(kunci_tabel(t) + UTUH)
            kunci.update(kunci_bagian(t, w) for w in wilayah)
        else:
            kunci.add(kunci_tabel(t))
    return [*sorted(kunci), KUNCI_ZAMAN]


def tabel_rekaman(rekaman: Rekaman) -> set[str]:
    """The tables a request (or a piece of it) read: its statements' and its caches'."""
    tabel = set(rekaman.tabel)
    for sql in rekaman.sql:
        tabel |= tabel_dibaca(sql)
    return tabel


def _sandaran(
    rekaman: Rekaman, wilayah: frozenset[int] | None, jam: int, generasi: dict[str, object]
) -> dict[str, object] | None:
    """The numbers (and cache generations) of what `rekaman` read, or None when one of them
    was renewed after the clock reading `jam`: what was built may already be stale."""
    kunci_dep = kunci_baca(tabel_rekaman(rekaman), wilayah)
    cache = caches["default"]
    dibaca = cache.get_many([*kunci_dep, *generasi])  # one round trip for both
    if any(dibaca.get(k) != v for k, v in generasi.items()):
        return None
    kini = {k: dibaca[k] for k in kunci_dep if k in dibaca}
    hilang = [k for k in kunci_dep if k not in kini]
    for k in hilang:  # never written since the cache began: from now on, at `jam`
        cache.add(k, jam, None)
    if hilang:
        kini.update(cache.get_many(hilang))
    if len(kini) < len(kunci_dep) or any(not isinstance(v, int) or v > jam for v in kini.values()):
        return None
    return {**kini, **generasi}


def _tanpa_csrf(html: str) -> str:
    """The HTML with each form's CSRF token replaced by a mark (a fresh token on each serve)."""
    return _CSRF.sub(lambda m: m.group(1) + PENGGANTI_CSRF + m.group(3), html)


def _dengan_csrf(request, html: str) -> str:
    if PENGGANTI_CSRF in html:
        html = html.replace(PENGGANTI_CSRF, get_token(request))
    return html


def simpan(
    request,
    kunci: str,
    jam: int | None,
    response,
    umur: int,
    wilayah: frozenset[int] | None = None,
    luas: bool = False,
) -> None:
    """Keep the response if it may be kept: 200 HTML, no write in the request, no message
    shown, and none of the tables it read written after `jam`. `wilayah`: the desas the page's
    rows of the tables numbered per desa lie in (None: anywhere). `luas`: the page may be served
    late (`ambil`)."""
    rekaman = _REKAMAN.get()
    if (
        jam is None
        or rekaman is None
        or rekaman.menulis
        or response.status_code != 200
        or response.streaming
        or not response.get("Content-Type", "").startswith("text/html")
        or response.cookies  # a cookie the view set would not be set again
    ):
        return
    storage = getattr(request, "_messages", None)
    if storage is not None and storage.used:  # the page showed a message
        return
    if wilayah is not None and len(wilayah) > BATAS_WILAYAH:
        wilayah = None  # a coordinator of a large kecamatan: fewer numbers to read per serve
    try:
        sandaran = _sandaran(rekaman, wilayah, jam, rekaman.generasi)
        if sandaran is None:
            if not luas:
                return  # a table was written while the page was built
            # A wide page is as recent as what it read when it began: it may be served late,
            # unless a cache generation it read (areas, permissions) was renewed meanwhile.
            sandaran = {**_SELALU_USANG, **rekaman.generasi}
        html = _tanpa_csrf(response.content.decode(response.charset or "utf-8"))
        # Compressed: a list page of 60 kB keeps in about 8 kB (the PUS page: 190 → 15 kB).
        padat = zlib.compress(html.encode(), 1)
        isi = (sandaran, padat, response["Content-Type"], jam, rekaman.mulai_detik, luas)
        caches["default"].set(kunci, isi, umur)
    except Exception:
        log.exception("halaman: halaman tidak tersimpan")


def potongan(request, nama: str, bagian: Iterable[str], bangun: Callable[[], str]) -> str:
    """A piece of a page (`bangun()`: its HTML) kept like a page, for the pages that are built:
    a list rebuilt after a write to its rows still finds its filter form kept, since the form's
    options read other tables. The key is what a page's key has of the user and the request,
    `nama` and `bagian` (what else the piece shows: the caller answers for it); the piece is
    served while every table and cache generation it read — and every cache generation the
    request read before it (permissions, areas) — is unchanged, and the page that shows it
    depends on them too (what the page's `halaman_wilayah()` says of its reads holds for its
    pieces' reads). Built without notes (outside HalamanMiddleware, pages off, a message to
    show): built every time."""
    identitas = _identitas(request)
    luar = _REKAMAN.get()
    if identitas is None or luar is None:
        return bangun()
    kunci = _kunci("imp:potongan:", [*identitas, nama, *bagian])
    try:
        isi = caches["default"].get(kunci)
        if isinstance(isi, tuple) and len(isi) == 4 and _sandaran_kini(isi[0]):
            _, tabel, generasi, html = isi
            luar.tabel.update(tabel)
            luar.generasi.update(generasi)
            return _dengan_csrf(request, html)
    except Exception:
        log.exception("halaman: cache tidak terbaca")
    jam = luar.jam if luar.jam is not None else _jam_kini()  # the page's: read before it
    dalam = Rekaman(catat_sql=True)
    token = _REKAMAN.set(dalam)
    try:
        html = bangun()
    finally:
        _REKAMAN.reset(token)
        generasi = {**luar.generasi, **dalam.generasi}
        luar.sql.extend(dalam.sql)
        luar.tabel.update(dalam.tabel)
        luar.generasi.update(dalam.generasi)
        luar.menulis = luar.menulis or dalam.menulis
    if jam is None or dalam.menulis:
        return html
    try:
        sandaran = _sandaran(dalam, None, jam, generasi)
        if sandaran is not None:
            isi = (sandaran, tabel_rekaman(dalam), generasi, _tanpa_csrf(str(html)))
            umur = getattr(settings, "IMP_HALAMAN_UMUR", UMUR_BAWAAN)
            caches["default"].set(kunci, isi, umur)
    except Exception:
        log.exception("halaman: potongan tidak tersimpan")
    return html


class HalamanTersimpanMixin:
    """For a view's GET whose HTML depends only on the user, the URL, the day and the rows and
    caches it reads (see the module's doc). Put it before the view's own classes; the login
    and permission checks of dispatch() run on every request. A GET that must run every time
    (it records something, or shows what must never sit in the cache, such as a full NIK) says
    so in `halaman_boleh_disimpan()`."""

    def halaman_boleh_disimpan(self) -> bool:
        return True

    def halaman_boleh_basi(self) -> bool:
        """For a user who sees more than pages can follow desa by desa, the page may be served
        up to IMP_HALAMAN_BASI seconds late (see the module's doc). Not a page with a form
        that saves what it shows (it would be saved over what others wrote since)."""
        return True

    def halaman_wilayah(self) -> frozenset[int] | None:
        """The desas in which lie all the rows this page reads of the tables numbered per desa
        (daftarkan_bagian), or None (the default: anywhere). Say it only for a page that reads
        those tables through the user's area and nothing else of them — not a family's history,
        which may lie in the desa it came from."""
        return None

    def get(self, request, *args, **kwargs):
        kunci = kunci_halaman(request, self) if self.halaman_boleh_disimpan() else None
        if kunci is None:
            return super().get(request, *args, **kwargs)  # type: ignore[misc]
        tersimpan, jam = ambil(request, kunci)
        if tersimpan is not None:
            return tersimpan
        wilayah = self.halaman_wilayah()  # before the page's notes start: not part of them
        jam = mulai(request, jam)
        response = super().get(request, *args, **kwargs)  # type: ignore[misc]
        if isinstance(response, SimpleTemplateResponse):
            response.render()
        simpan(
            request,
            kunci,
            jam,
            response,
            getattr(settings, "IMP_HALAMAN_UMUR", UMUR_BAWAAN),
            wilayah,
            luas=self.halaman_boleh_basi() and pengguna_luas(request.user),
        )
        return response
