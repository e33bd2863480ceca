"""Browser tests: a real Chromium (Debian's /usr/bin/chromium, never a downloaded
one) driven by Playwright's sync API against pytest-django's live server.

Every test under tests/browser is marked `browser`. Without /usr/bin/chromium
they are skipped, unless FAZHI_REQUIRE_BROWSER=1 (CI), where that is a failure.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in the main thread and leaves it marked
# as running between its calls; Django refuses ORM calls from such a thread unless
# DJANGO_ALLOW_ASYNC_UNSAFE is set. The tests call the ORM only between browser
# actions, never concurrently with them, so that is safe here.
#
# The variable is set only while a browser test runs (see _django_beside_playwright),
# not for the whole session at import: other tests start `fazhi check --deploy` in
# a subprocess, which inherits the environment and fails with async.E001 when the
# variable is set (fazhi/core/tests/test_auth.py::test_deploy_check_is_clean_...).
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "Test#Pass2023"
TIMEOUT_MS = 15_000  # one action or expectation; generous for a loaded CI machine running two workers

HERE = Path(__file__).resolve().parent
ARTIFACTS = HERE.parent.parent / "test-artifacts"  # git-ignored; screenshots for humans


def pytest_collection_modifyitems(config, items):
    for item in items:
        if Path(str(item.path)).resolve().is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


@dataclass
class _Playwright:
    browser: Any
    loop: asyncio.AbstractEventLoop


@pytest.fixture(scope="session")
def _playwright():
    if not CHROMIUM.exists():
        if os.environ.get("FAZHI_REQUIRE_BROWSER") == "1":
            pytest.fail("FAZHI_REQUIRE_BROWSER=1 but /usr/bin/chromium is missing: apt-get install chromium")
        pytest.skip("浏览器测试需要 /usr/bin/chromium（apt-get install chromium）")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)
    with _async_unsafe():
        pw = sync_playwright().start()
        try:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        except BaseException:
            pw.stop()
            raise
        session = _Playwright(browser=browser, loop=asyncio.get_running_loop())
        asyncio._set_running_loop(None)
    try:
        yield session
    finally:
        with _async_unsafe():
            asyncio._set_running_loop(session.loop)
            try:
                browser.close()
            finally:
                pw.stop()
                asyncio._set_running_loop(None)


@pytest.fixture(scope="session")
def chromium(_playwright):
    """The one Chromium of the session (a fresh context per test)."""
    return _playwright.browser


@contextlib.contextmanager
def _async_unsafe():
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture(autouse=True)
def _django_beside_playwright(_playwright):
    """For the tests of this folder only (autouse in this conftest).

    Playwright's sync API marks its event loop as running in the main thread while
    it is alive. During a browser test (its fixtures and database flush included)
    the mark is set and Django's ORM is allowed beside it; between browser tests
    the mark and the variable are cleared, so that any other test that runs in the
    same process afterwards sees a plain thread and a clean environment."""
    with _async_unsafe():
        asyncio._set_running_loop(_playwright.loop)
        try:
            yield
        finally:
            asyncio._set_running_loop(None)


def _new_page(browser, **options):
    context = browser.new_context(accept_downloads=True, locale="zh-CN", **options)
    context.set_default_timeout(TIMEOUT_MS)
    return context, context.new_page()


@pytest.fixture
def page(chromium):
    context, pg = _new_page(chromium, viewport={"width": 1280, "height": 800})
    yield pg
    context.close()


@pytest.fixture
def phone_page(chromium):
    context, pg = _new_page(
        chromium,
        viewport={"width": 375, "height": 740},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    yield pg
    context.close()


def do_login(page, live_server, username: str, password: str = PASSWORD) -> None:
    """Log in through the login form and wait for the workbench."""
    from playwright.sync_api import expect

    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(re.compile(re.escape(live_server.url) + r"/$"))
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()


def save_screenshot(page, name: str) -> None:
    """Keep a picture of the page for people reading the run; never asserted."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


# The helpers are handed to tests as fixtures: two conftest.py files (the root one
# and this one) cannot both be imported as the module `conftest`.
@pytest.fixture
def login():
    """`login(page, live_server, username, password="Test#Pass2023")`."""
    return do_login


@pytest.fixture
def screenshot():
    """`screenshot(page, name)`: saves test-artifacts/<name>.png."""
    return save_screenshot
