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

Example::

    @pytest.mark.integration
    def test_submit_renders_pdf_in_worker(celery_real_worker, laporan_draft):
        ...

    @pytest.mark.browser
    def test_login_page_fits_a_phone(page_360):
        page_360.goto("/login/")          # resolved against live_server.url
        screenshot(page_360, "login-360")
"""

import os
from pathlib import Path

import pytest

__all__ = [
    "CHROMIUM_ARGS",
    "CHROMIUM_PATH",
    "browser",
    "celery_real_worker",
    "page_360",
    "screenshot",
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
        try:
            yield chromium
        finally:
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


def screenshot(page, name: str) -> Path:
    """Save a full-page PNG as `$ARTIFACTS_DIR/<name>.png` and return its path."""
    directory = Path(os.environ.get("ARTIFACTS_DIR") or "artifacts")
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
