"""Browser tests: Debian's Chromium, driven by Playwright, against pytest-django's live server.

Run them with `pytest -m e2e` (every test in this folder carries the mark). They need
/usr/bin/chromium (`apt-get install chromium`) and axe-core (`npm ci`). When either is missing the
tests are skipped on a workstation, and fail when the CI environment variable is set: CI must
never pass by skipping them.

Screenshots of failing tests land in test-artifacts/ (git-ignored); set E2E_SCREENSHOTS=1 to keep
one of every page a test opened, failing or not.
"""

import os
import time
import warnings
from pathlib import Path

# Playwright's sync API runs an asyncio loop in this thread; without this Django refuses ORM calls
# made by the tests and fixtures (loading the demo province) from a thread with a running loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402
from browser_helpers import (  # noqa: E402
    CHROMIUM,
    DESKTOP,
    E2E_DIR,
    PHONE,
    require_chromium,
    save_screenshot,
)

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DEFAULT_TIMEOUT_MS = 15_000

_reports = pytest.StashKey[dict]()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    # tryfirst: the mark must be there before `-m e2e` / `-m "not e2e"` deselects.
    for item in items:
        if E2E_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    item.stash.setdefault(_reports, {})[report.when] = report
    return report


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, started without WhiteNoise's "No directory at" warning.

    The live server serves static files from the source folders (StaticFilesHandler); WhiteNoise
    warns, as an error under `filterwarnings = error`, that STATIC_ROOT was never collected.
    """
    from pytest_django.live_server_helper import LiveServer

    addr = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="No directory at: ", category=UserWarning)
        server = LiveServer(addr)
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _no_session_activity_writes_on_sqlite(settings):
    """With SQLite the live server's threads share one in-memory database, which has no busy
    timeout: the parallel requests of an admin page (icon sprite, jsi18n) each writing the
    user-session row fail with "table is locked". PostgreSQL, in CI and production, keeps the
    activity tracking on; the tests on SQLite do without it."""
    from django.db import connection

    if connection.vendor == "sqlite":
        settings.USERSESSIONS_TRACK_ACTIVITY = False


def wait_for_live_server_requests(server, timeout=10):
    """Wait until the live server has answered every request the closed browser contexts made.

    With SQLite the server threads share the test's in-memory connection: a request still being
    answered (a late favicon, a keep-alive connection) must not run while pytest-django flushes
    and restores the database between tests.
    """
    httpd = getattr(server.thread, "httpd", None)
    deadline = time.monotonic() + timeout
    quiet_checks = 0
    # A connection the browser opened just before closing may still wait in the listen queue:
    # the server is idle only when no request thread has been alive for a few checks in a row.
    while quiet_checks < 3 and time.monotonic() < deadline:
        alive = [t for t in list(getattr(httpd, "_threads", None) or []) if t.is_alive()]
        for thread in alive:
            thread.join(max(0.0, deadline - time.monotonic()))
        quiet_checks = 0 if alive else quiet_checks + 1
        time.sleep(0.05)


class _Chromium:
    """One Chromium for the session, stopped as soon as the run has no browser test left.

    Playwright's sync API leaves an asyncio loop marked as running in the main thread for as long
    as it runs; the tests that run after the browser tests (pytest-django puts tests without a
    database last) must not inherit it.
    """

    def __init__(self):
        self._playwright = None
        self._browser = None

    @property
    def running(self):
        return self._browser is not None

    def get(self):
        if self._browser is None:
            from django.db import connections
            from playwright.sync_api import sync_playwright

            # With that loop running, asgiref hands Django a second, context-local set of
            # database connections: new wrappers that lack the test database's serialized
            # contents (so the rollback between tests restores nothing) and, with SQLite, a
            # second connection that fights the live server's for table locks. Keep using the
            # connections the test database was set up with.
            originals = {alias: connections[alias] for alias in connections}
            playwright = sync_playwright().start()
            for alias, connection in originals.items():
                connections[alias] = connection
            try:
                browser = playwright.chromium.launch(
                    executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
                )
            except Exception:
                playwright.stop()
                raise
            self._playwright, self._browser = playwright, browser
        return self._browser

    def stop(self):
        if self._browser is None:
            return
        try:
            self._browser.close()
        finally:
            self._playwright.stop()
            self._playwright = self._browser = None


_chromium = _Chromium()


def _is_browser_test(item):
    return item.get_closest_marker("e2e") is not None


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item, nextitem):
    """Stop Chromium after the last browser test, once its fixtures are torn down."""
    if not _chromium.running or (nextitem is not None and _is_browser_test(nextitem)):
        return
    items = item.session.items
    later = items[items.index(item) + 1 :] if item in items else []
    if not any(_is_browser_test(other) for other in later):
        _chromium.stop()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium (headless), shared by the session's browser tests."""
    require_chromium()
    yield _chromium.get()
    _chromium.stop()


@pytest.fixture
def new_page(browser, request):
    """Factory: new_page(viewport=DESKTOP) opens a page in a fresh context (no shared storage)."""
    contexts = []

    def make(viewport=DESKTOP):
        # _chromium.get(), not the `browser` value: it restarts Chromium if a browser test comes
        # after pytest_runtest_teardown stopped it (possible when pytest-xdist reorders).
        context = _chromium.get().new_context(viewport=viewport, locale="vi-VN")
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        page = context.new_page()
        # Every 5xx answer the page receives; check_screen() fails on any.
        page.server_errors = []
        page.on(
            "response",
            lambda r: r.status >= 500 and page.server_errors.append((r.request.method, r.url)),
        )
        contexts.append((context, page, viewport))
        return page

    yield make

    reports = request.node.stash.get(_reports, {})
    failed = any(report.failed for report in reports.values())
    keep_always = os.environ.get("E2E_SCREENSHOTS") not in (None, "", "0")
    for index, (context, page, viewport) in enumerate(contexts):
        if (failed or keep_always) and not page.is_closed():
            status = "FAILED" if failed else "ok"
            test_id = request.node.nodeid.replace("/", ".")
            label = f"failures/{test_id}-{index}-{viewport['width']}px-{status}"
            try:
                path = save_screenshot(page, label)
            except Exception as error:  # noqa: BLE001 - a screenshot must not hide the real failure
                print(f"Could not save a screenshot of {page.url}: {error}")  # noqa: T201
            else:
                print(f"Screenshot of {page.url}: {path}")  # noqa: T201
        context.close()
    if "live_server" in request.fixturenames:
        wait_for_live_server_requests(request.getfixturevalue("live_server"))


@pytest.fixture
def page(new_page):
    """A desktop page: 1280x800, Vietnamese browser locale."""
    return new_page(DESKTOP)


@pytest.fixture
def phone_page(new_page):
    """A phone-sized page, 320 px wide (the narrowest screen WCAG 1.4.10 reflow asks for)."""
    return new_page(PHONE)


@pytest.fixture
def demo_site(live_server, django_db_serialized_rollback):
    """The demo province in the live server's database; returns live_server.

    live_server runs tests on a transactional database, so what is saved here is committed and
    the server thread sees it. The database is flushed after each test; serialized rollback
    brings back what the migrations created (root page, locales, default site) for the next one.
    """
    from django.core.cache import cache

    from cms.demo import load_site

    load_site()
    # Wagtail caches the site root paths ("wagtail_site_root_paths"); stale ones break the
    # URLs of one language or the other.
    cache.clear()
    yield live_server

    # Restoring the database for the next test builds Wagtail's workflow tasks before their
    # content types, and Task.__init__ looks its content type up: with a cold ContentType cache
    # (load_site's sync_roles() clears it) that lookup inserts a row and the restore then fails
    # on a duplicate. Warm the cache while the rows still exist; the restore keeps their ids.
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.get_for_models(*apps.get_models())


@pytest.fixture
def procedures(demo_site):
    """A handful of catalogue rows: enough for the list page, far quicker than the 2,395 real ones."""
    from services.procedures.models import Procedure

    rows = [
        ("1.001612", "Đăng ký khai sinh", True, False, 900),
        ("1.000894", "Đăng ký kết hôn", True, False, 800),
        ("2.000046", "Cấp bản sao trích lục hộ tịch", True, False, 700),
        ("1.001612.BD", "Đăng ký thành lập doanh nghiệp tư nhân", False, True, 600),
        ("1.004227", "Cấp giấy phép xây dựng nhà ở riêng lẻ", True, True, 500),
    ]
    for code, name, citizens, businesses, popularity in rows:
        # Not bulk_create(): save() fills the folded search text. update_or_create(): the demo's
        # e-form procedures already hold some of these codes.
        Procedure.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "for_citizens": citizens,
                "for_businesses": businesses,
                "popularity": popularity,
            },
        )
    return demo_site
