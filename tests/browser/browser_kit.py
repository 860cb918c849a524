"""What the browser tests share (a module, not a conftest.py: a second conftest module would
shadow tests/conftest.py's helpers): a Streamlit server on a seeded demo database, Debian's
headless Chromium (never a downloaded one), signing in through the login form, opening pages.
Test modules import the fixtures they use from here."""
from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

from lib.web import browser_times
from lib.web.login import COOKIE_NAME

CHROMIUM = browser_times.CHROMIUM
ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(__file__).resolve().parent / "screenshots"
ARGS = browser_times.ARGS
SIZES = [(1920, 1080), (1280, 720)]
COOKIE = COOKIE_NAME
free_port = browser_times.free_port


def sign_in(browser, server: str, username: str, password: str, url: str = ""):
    """A new browser context signed in through the login form (the login cookie is set)."""
    SHOTS.mkdir(exist_ok=True)
    try:
        return browser_times.sign_in(browser, server, username, password, url, shot=SHOTS / "login_exception.png")
    except RuntimeError as failed:
        pytest.fail(str(failed))


def open_page(context, url: str, width: int = 1920, height: int = 1080, nav: str | None = None):
    """A new tab (signed in by the cookie) at `url`, then, if given, the sidebar link `nav`."""
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url)
    if nav:
        page.get_by_role("link", name=nav).first.click()
    return page


class Server(browser_times.Server):
    """`streamlit run app.py` on a free port with DATABASE_URL and a cookie key; its log in `log_path`."""

    def __init__(self, url: str, log_path: Path, cookie_key: str = "browser-test-key-0123456789abcdef-xyz"):
        super().__init__("app.py", log_path, {"DATABASE_URL": url, "CCHC_COOKIE_KEY": cookie_key})

    def wait_healthy(self) -> None:
        if not self.healthy():
            pytest.fail(f"streamlit at {self.base} did not start: " + self.log_path.read_text())


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
