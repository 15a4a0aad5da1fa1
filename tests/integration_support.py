"""Fixtures for tests that leave the process: a real Celery worker, and a real browser.

Imported by tests/conftest.py (`from tests.integration_support import *`); not a conftest itself.

- `celery_real_worker`: an in-process Celery worker thread consuming from Redis, for tests marked
  `@pytest.mark.integration`. It requests `transactional_db` itself, so the whole test runs
  without the wrapping transaction: the worker thread has its own database connection and only
  sees committed rows.
- `browser` (session) and `page_360` (per test): Playwright's sync API driving Debian's
  /usr/bin/chromium, for tests marked `@pytest.mark.browser`. `page_360` is a phone-sized page
  whose relative URLs resolve against pytest-django's `live_server`.
- `screenshot(page, name)`: full-page PNG into `$ARTIFACTS_DIR` (default `artifacts/`).
- axe-core (issue 9 §4): every page a browser test visits is scanned with the vendored
  `tests/vendor/axe-core/axe.min.js` (rules tagged wcag2a/wcag2aa) just before the page is left
  (a navigation of its main frame), and the pages still open when their context closes. A
  test with a critical or serious violation errors at teardown, listing rule, impact, selectors
  and URL. Pages under /admin/ are not scanned (the Django admin keeps its own markup). This is
  wired into every context made by the `browser` fixture (`browser.new_context`, also the ones
  tests make themselves). axe is evaluated through the DevTools protocol, which the app's
  Content-Security-Policy does not block, so every browser test runs under the real policy
  (a page that needs inline code breaks in the test as it would for a user).
  `periksa_axe(page)` scans the current state at once (e.g. with a menu opened).
  Each scan is appended to `$ARTIFACTS_DIR/axe.jsonl` (URL, width, every violation).

Example::

    @pytest.mark.integration
    def test_submit_renders_pdf_in_worker(celery_real_worker, laporan_draft):
        ...

    @pytest.mark.browser
    def test_login_page_fits_a_phone(page_360):
        page_360.goto("/login/")          # resolved against live_server.url
        screenshot(page_360, "login-360")
"""

import functools
import json
import os
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

__all__ = [
    "AXE_PATH",
    "CHROMIUM_ARGS",
    "CHROMIUM_PATH",
    "axe_otomatis",
    "browser",
    "celery_real_worker",
    "page_360",
    "periksa_axe",
    "screenshot",
    "server_tenang",
]

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# The machine has no outside network: without the background-networking flags Chromium keeps
# trying to reach Google's hosts. --no-sandbox because CI runs as root.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]
PAGE_TIMEOUT_MS = 15_000


def _require_marker(request, name: str) -> None:
    if request.node.get_closest_marker(name) is None:
        pytest.fail(
            f"{request.fixturename} is only for tests marked @pytest.mark.{name} "
            f"(so that `-m 'not {name}'` can leave them out)",
            pytrace=False,
        )


# --- Celery -----------------------------------------------------------------------------------


def _require_redis(url: str) -> None:
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2).ping()
        return
    except (redis.RedisError, OSError) as exc:
        error = exc
    pytest.fail(
        f"Redis is not reachable at {url} ({error}). Start it with `scripts/setup.sh test` "
        "or set REDIS_URL.",
        pytrace=False,
    )


def url_basis_data(db: dict) -> str:
    """DATABASE_URL of the test database (pytest-django's, not the configured one), for
    processes started by a test."""
    from urllib.parse import quote

    masuk = quote(db.get("USER") or "", safe="")
    if db.get("PASSWORD"):
        masuk += ":" + quote(db["PASSWORD"], safe="")
    tempat = db.get("HOST") or "localhost"
    if db.get("PORT"):
        tempat += f":{db['PORT']}"
    return f"postgres://{masuk}@{tempat}/{quote(db['NAME'], safe='')}"


def bersihkan_redis(url: str) -> None:
    """Empty the queue and kombu's unacked set: a killed worker's message must not be handed to
    a later test (its id would name another row there)."""
    import redis

    r = redis.Redis.from_url(url)
    r.delete("celery", "unacked", "unacked_index", "unacked_mutex")


def lingkungan_proses(request, settings, tmp_path: Path, modul_setelan: str) -> tuple[dict, Path]:
    """For tests that start web or worker processes on the test database: skips unless the test
    is marked integration and Redis answers; gives this process and the children one media
    directory on disk; returns (environment for the children, media directory)."""
    from django.db import connection

    _require_marker(request, "integration")
    broker_url = settings.CELERY_BROKER_URL
    _require_redis(broker_url)
    media = tmp_path / "media"
    media.mkdir()
    settings.MEDIA_ROOT = str(media)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(media)},
        },
    }
    env = {
        **os.environ,
        "DATABASE_URL": url_basis_data(connection.settings_dict),
        "REDIS_URL": broker_url,
        "DJANGO_SETTINGS_MODULE": modul_setelan,
        "IMP_UJI_MEDIA_ROOT": str(media),
        "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
    }
    return env, media


@pytest.fixture
def celery_real_worker(request, transactional_db, settings):
    """A Celery worker thread consuming the project's queue over Redis (CELERY_BROKER_URL).

    For tests marked `@pytest.mark.integration`. Uses `transactional_db` (requested here, so the
    test gets it too): the worker's own connection sees only committed rows, so create data in
    the test, then enqueue (`.delay()` or a service using `delay_on_commit`), then poll the
    database for the outcome. Eager mode is off for the duration and restored afterwards; the
    queue is purged first so that leftovers of an earlier run are not executed.
    """
    from celery.contrib.testing.worker import start_worker
    from django.conf import settings

    from imp_smart import celery_app as app

    _require_marker(request, "integration")
    broker_url = settings.CELERY_BROKER_URL
    if not broker_url.startswith(("redis://", "rediss://")):
        pytest.fail(f"CELERY_BROKER_URL is {broker_url!r}, expected a Redis URL", pytrace=False)
    _require_redis(broker_url)

    # No once-a-minute job sweeper thread inside pytest (imp_smart/celery.py); tests that need
    # it run real worker processes (tests/jobs/conftest.py).
    settings.IMP_PEKERJAAN_SAPU_DI_PEKERJA = False
    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url")}
    app.conf.update(task_always_eager=False, broker_url=broker_url)
    try:
        app.control.purge()
        with start_worker(
            app,
            pool="solo",
            concurrency=1,
            perform_ping_check=False,
            loglevel="WARNING",
            shutdown_timeout=30,
        ) as worker:
            yield worker
    finally:
        app.conf.update(saved)


# --- Browser ----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright's sync API, one for the whole session.

    Never run `playwright install`: the downloads are blocked here. The sync API keeps an event
    loop in the main thread, so Django's async-safety check is switched off from the first
    browser test to the end of the session (DJANGO_ALLOW_ASYNC_UNSAFE).
    """
    from playwright.sync_api import sync_playwright

    if not os.access(CHROMIUM_PATH, os.X_OK):
        pytest.fail(
            f"{CHROMIUM_PATH} not found: install Debian's chromium (`scripts/setup.sh test`)",
            pytrace=False,
        )
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS
        )
        lepas_axe = _pasang_axe(chromium)
        try:
            yield chromium
        finally:
            lepas_axe()
            chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page_360(request, browser, live_server):
    """A page in a fresh 360×740 context (id-ID, Asia/Makassar) against `live_server`.

    For tests marked `@pytest.mark.browser`. `page_360.goto("/path/")` is relative to
    `live_server.url`. Each test gets its own context: no cookies carry over.
    """
    _require_marker(request, "browser")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        locale="id-ID",
        timezone_id="Asia/Makassar",
        base_url=live_server.url,
    )
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


SANDI_UJI = "rahasia-uji-123"  # tests.factories.UserFactory's password


def masuk_browser(page, username: str) -> None:
    """Log in through the login form and wait for the page it leads to (a wrong password stays
    on the form: the wait times out)."""
    page.goto("/akun/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", SANDI_UJI)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/akun/masuk/" not in url)
    page.wait_for_load_state()


def screenshot(page, name: str) -> Path:
    """Save a full-page PNG as `$ARTIFACTS_DIR/<name>.png` and return its path."""
    directory = Path(os.environ.get("ARTIFACTS_DIR") or "artifacts")
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# --- axe-core ---------------------------------------------------------------------------------

AXE_PATH = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa"]
AXE_DAMPAK = ("critical", "serious")  # what fails a test; moderate/minor only go to axe.jsonl
# A scan that loses the race against a navigation the page started itself: nothing to report.
_GALAT_NAVIGASI = ("Execution context was destroyed", "Target page, context or browser has been")
_JS_AXE = """async (tags) => {
  while (window.__axeJalan) { await window.__axeJalan; }  // one axe.run at a time
  window.__axeJalan = axe.run(document, {
    runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
  });
  try {
    const hasil = await window.__axeJalan;
    window.__axeSudah = true;
    return hasil.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ")),
      ringkasan: v.nodes.length ? v.nodes[0].failureSummary : "",
    }));
  } finally { window.__axeJalan = null; }
}"""


class _Catatan:
    """Scans of the running test: violations to fail on, errors, pages waiting for a scan."""

    def __init__(self):
        self.antrian, self.memindai = [], False
        self.reset()

    def reset(self):
        self.pelanggaran, self.galat, self.jumlah = [], [], 0
        self.antrian.clear()


_CATATAN = _Catatan()


@functools.cache
def _axe_sumber() -> str:
    return AXE_PATH.read_text(encoding="utf-8")


def _perlu_diperiksa(page) -> bool:
    if page.is_closed():
        return False
    bagian = urlsplit(page.url)
    return bagian.scheme in ("http", "https") and not bagian.path.startswith("/admin/")


def _pindai(page) -> list[dict]:
    """Run axe on the page as it is now; every violation (all impacts), logged to axe.jsonl."""
    mulai = time.monotonic()
    if page.evaluate("document.contentType") != "text/html":
        return []
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(_axe_sumber())  # not a <script> tag: the CSP would (rightly) block it
    temuan = page.evaluate(_JS_AXE, AXE_TAGS)
    lebar = (page.viewport_size or {}).get("width")
    for t in temuan:
        t.update(url=page.url, lebar=lebar)
    _CATATAN.jumlah += 1
    direktori = Path(os.environ.get("ARTIFACTS_DIR") or "artifacts")
    direktori.mkdir(parents=True, exist_ok=True)
    with open(direktori / "axe.jsonl", "a", encoding="utf-8") as berkas:
        detik = round(time.monotonic() - mulai, 2)
        baris = {"url": page.url, "lebar": lebar, "detik": detik, "pelanggaran": temuan}
        berkas.write(json.dumps(baris, ensure_ascii=False) + "\n")
    return temuan


def _pindai_dan_catat(page) -> None:
    """Scan for the automatic hooks, once per document: record, never raise."""
    _CATATAN.memindai = True
    try:
        if not _perlu_diperiksa(page) or page.evaluate("window.__axeSudah === true"):
            return
        temuan = _pindai(page)
    except Exception as exc:  # noqa: BLE001 - reported at teardown unless a navigation race
        if not any(pesan in str(exc) for pesan in _GALAT_NAVIGASI):
            _CATATAN.galat.append(f"{page.url}: {exc}")
        return
    finally:
        _CATATAN.memindai = False
    _CATATAN.pelanggaran += [t for t in temuan if t["impact"] in AXE_DAMPAK]


def _pindai_antrian() -> None:
    while _CATATAN.antrian:
        _pindai_dan_catat(_CATATAN.antrian.pop(0))


def _uraikan(pelanggaran: list[dict]) -> str:
    baris = []
    for t in pelanggaran:
        target = ", ".join(t["targets"][:5]) + (" …" if len(t["targets"]) > 5 else "")
        baris.append(
            f"- {t['id']} ({t['impact']}) at {t['url']} [{t['lebar']} px]: {t['help']}\n"
            f"    {len(t['targets'])} node(s): {target}\n    {t['ringkasan']}".rstrip()
        )
    return "\n".join(baris)


def periksa_axe(page) -> list[dict]:
    """Scan the page now with axe-core (wcag2a + wcag2aa) and fail on critical/serious findings.

    Returns the (empty) list of critical/serious violations. Pages under /admin/ are skipped.
    The automatic scans still run; call this to scan a state a page load does not show (an
    opened menu, a dialog).
    """
    if not _perlu_diperiksa(page):
        return []
    _CATATAN.memindai = True
    try:
        temuan = [t for t in _pindai(page) if t["impact"] in AXE_DAMPAK]
    finally:
        _CATATAN.memindai = False
    assert not temuan, "axe-core: critical/serious violations\n" + _uraikan(temuan)
    return temuan


def _awasi_konteks(context) -> None:
    """Queue every page load of the context for a scan; scan what is still open on close."""

    def halaman_dibuka(page):
        page.on("load", lambda: _CATATAN.antrian.append(page))

    context.on("page", halaman_dibuka)
    tutup_asli = context.close

    def tutup(*args, **kwargs):
        _pindai_antrian()
        for page in context.pages:
            _pindai_dan_catat(page)
        return tutup_asli(*args, **kwargs)

    context.close = tutup


def _pasang_axe(chromium):
    """Wire axe into every context of this browser (the CSP stays on: axe is evaluated).

    A page's load event only queues it: a scan run from the event handler would race the test,
    which goes on (and often navigates away) as soon as the load is reported. Every Playwright
    call of the test passes through `SyncBase._sync`, so the queue is scanned there first: each
    loaded document is scanned before the test's next action on the browser.
    """
    import greenlet
    from playwright._impl._sync_base import SyncBase

    sync_asli = SyncBase._sync

    def _sync(self, awaitable):
        # Only from the test's own (root) greenlet: an event handler (e.g. one accepting a
        # confirm() dialog) must not scan a page that the dialog is blocking.
        if _CATATAN.antrian and not _CATATAN.memindai and greenlet.getcurrent().parent is None:
            _pindai_antrian()
        return sync_asli(self, awaitable)

    SyncBase._sync = _sync
    konteks_baru_asli = chromium.new_context

    def konteks_baru(*args, **kwargs):
        context = konteks_baru_asli(*args, **kwargs)
        _awasi_konteks(context)
        return context

    def halaman_baru(*args, **kwargs):
        return konteks_baru(*args, **kwargs).new_page()

    chromium.new_context = konteks_baru
    chromium.new_page = halaman_baru

    def lepas():
        SyncBase._sync = sync_asli

    return lepas


@pytest.fixture(autouse=True)
def axe_otomatis(request):
    """For tests marked `browser`: fail at teardown on any critical/serious axe violation.

    Runs after the test's own fixtures have closed their contexts (their pages are scanned on
    close); contexts still open are scanned and closed here.
    """
    if request.node.get_closest_marker("browser") is None:
        yield
        return
    _CATATAN.reset()
    yield
    if "browser" in request.fixturenames:
        for context in list(request.getfixturevalue("browser").contexts):
            context.close()
    _pindai_antrian()
    pesan = []
    if _CATATAN.pelanggaran:
        pesan.append(
            f"axe-core: {len(_CATATAN.pelanggaran)} critical/serious violation(s) "
            f"in {_CATATAN.jumlah} scan(s)\n" + _uraikan(_CATATAN.pelanggaran)
        )
    if _CATATAN.galat:
        pesan.append("axe-core could not scan:\n" + "\n".join(_CATATAN.galat))
    if pesan:
        pytest.fail("\n".join(pesan), pytrace=False)


# --- a quiet live server before the database is emptied -----------------------------------------


class _Permintaan:
    """Requests the live server (threads of this process) is still serving."""

    def __init__(self):
        self.kunci = threading.Lock()
        self.jalan = 0

    def mulai(self, **kwargs):
        with self.kunci:
            self.jalan += 1

    def selesai(self, **kwargs):
        with self.kunci:
            self.jalan = max(0, self.jalan - 1)


_PERMINTAAN = _Permintaan()


def _pasang_hitung_permintaan():
    from django.core.signals import request_finished, request_started

    request_started.connect(_PERMINTAAN.mulai, dispatch_uid="uji_permintaan_mulai")
    request_finished.connect(_PERMINTAAN.selesai, dispatch_uid="uji_permintaan_selesai")


@pytest.fixture(autouse=True)
def server_tenang(request):
    """For tests on the live server: before the test database is emptied, close the browser's
    contexts and wait (≤ 20 s) until the server has answered every request already made.

    A page keeps asking after the test's last step: the service worker and pwa.js load a cadre's
    working pages ahead, in the background. A request still running when the test's data is
    flushed deadlocks with the flush (TRUNCATE waits for its reads, its reads wait for the
    TRUNCATE) and the next test starts on rows left behind. This fixture takes
    `transactional_db` itself, so pytest tears it down before the flush.
    """
    if "live_server" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("transactional_db")
    _pasang_hitung_permintaan()
    yield
    if "browser" in request.fixturenames:
        for context in list(request.getfixturevalue("browser").contexts):
            context.close()
    batas = time.monotonic() + 20
    while _PERMINTAAN.jalan and time.monotonic() < batas:
        time.sleep(0.05)
