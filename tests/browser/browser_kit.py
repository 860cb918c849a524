"""What the browser tests share (a module, not a conftest.py: a second conftest module would
shadow tests/conftest.py's helpers): a Streamlit server on a seeded demo database, Debian's
headless Chromium (never a downloaded one), signing in through the login form, opening pages.
Test modules import the fixtures they use from here."""
from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

from lib.web.login import COOKIE_NAME
from lib.web.served import CHROMIUM, Server  # noqa: F401 - the tests' names
from lib.web.served import CHROMIUM_ARGS as ARGS

SHOTS = Path(__file__).resolve().parent / "screenshots"
SIZES = [(1920, 1080), (1280, 720)]
COOKIE = COOKIE_NAME


def sign_in(browser, server: str, username: str, password: str, url: str = ""):
    """A new browser context signed in through the login form (the login cookie is set)."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{server}{url}")
    page.get_by_text("demo-noivu").first.wait_for(timeout=30_000)  # demo mode lists its accounts
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text("Đang đăng nhập").first.wait_for(timeout=30_000)
    for _ in range(100):  # the cookie is written by a small component, asynchronously
        if any(c["name"] == COOKIE for c in context.cookies()):
            break
        page.wait_for_timeout(100)
    else:
        pytest.fail("the login cookie was never set")
    if page.locator("[data-testid='stException']").count():
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=SHOTS / "login_exception.png", full_page=True)
    assert page.locator("[data-testid='stException']").count() == 0
    page.close()
    return context


def open_page(context, url: str, width: int = 1920, height: int = 1080, nav: str | None = None):
    """A new tab (signed in by the cookie) at `url`, then, if given, the sidebar link `nav`."""
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url)
    if nav:
        page.get_by_role("link", name=nav).first.click()
    return page


@contextlib.contextmanager
def running_demo(databases, tmp_path_factory):
    """(address, database URL) of a server on a new copy of the demo database, while it runs."""
    path = tmp_path_factory.mktemp("browser") / "demo.db"
    url = databases.sqlite("demo", path)
    running = Server(url, path.parent / "streamlit.log")
    try:
        running.wait_healthy()
        yield running.base, url
    finally:
        running.stop()


@pytest.fixture(scope="module")
def server(databases, tmp_path_factory):
    with running_demo(databases, tmp_path_factory) as (base, _):
        yield base


@pytest.fixture(scope="module")
def demo_server(databases, tmp_path_factory):
    with running_demo(databases, tmp_path_factory) as started:
        yield started


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def signed_in(server, browser):
    """Signed in as the demo secretariat, first from a deep link straight after the start."""
    context = sign_in(browser, server, "noivu", "demo-noivu", url="/area_3")
    yield context
    context.close()


# Every browser test module starts with: pytestmark = BROWSER
BROWSER = [pytest.mark.browser,
           pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="no Chromium at /usr/bin/chromium")]
