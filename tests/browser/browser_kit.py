"""What the browser tests share (a module, not a conftest.py: a second conftest module would
shadow tests/conftest.py's helpers): a Streamlit server on a seeded demo database, Debian's
headless Chromium (never a downloaded one), signing in through the login form, opening pages.
Test modules import the fixtures they use from here."""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from lib.web.login import COOKIE_NAME

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(__file__).resolve().parent / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SIZES = [(1920, 1080), (1280, 720)]
COOKIE = COOKIE_NAME


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sign_in(browser, server: str, username: str, password: str, url: str = ""):
    """A new browser context signed in through the login form (the login cookie is set)."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{server}{url}")
    page.get_by_label("Tên đăng nhập").wait_for(timeout=60_000)  # the form (demo mode or not)
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


def shows(page, text: str) -> None:
    """Wait until the page's text contains `text` (Streamlit redraws elements as it reruns)."""
    page.wait_for_function("t => document.body.innerText.includes(t)", arg=text, timeout=30_000)


def choose(page, label: str, option: str) -> None:
    """Pick `option` in the main area's select box labelled `label` (typed first: long lists are
    drawn only in part)."""
    box = page.get_by_test_id("stMain").get_by_test_id("stSelectbox").filter(
        has=page.get_by_text(label, exact=True))
    box.click()
    page.keyboard.type(option)
    page.get_by_role("option", name=option, exact=True).click()
    page.wait_for_timeout(1500)


# A table (st.dataframe, st.data_editor) is drawn on a canvas (Glide Data Grid); its cells are also
# in the page as an accessible table, `#glide-cell-COLUMN-ROW`, which says which one is selected.
GRID_HEADER, GRID_ROW = 36, 35  # pixels


def grid_row(grid, first_cell: str) -> int:
    """The row (from 0) of a drawn table whose first cell says `first_cell` (waited for up to 15 s:
    the table is drawn a moment after its heading)."""
    for _ in range(50):
        for row, cell in enumerate(grid.locator("td[id^='glide-cell-0-']").all()):
            if (cell.text_content() or "").strip() == first_cell:
                return row
        grid.page.wait_for_timeout(300)
    raise AssertionError(f"no row {first_cell!r} in the table")


def grid_cells(grid, row: int) -> list[str]:
    """The texts of a row of a drawn table (the columns on screen)."""
    return [cell.text_content() for cell in grid.locator(f"td[id^='glide-cell-'][id$='-{row}']").all()]


def wait_for_cells(page, grid, first_cell: str, expected: dict[int, str]) -> list[str]:
    """The cells of the row whose first cell says `first_cell`, once those at the `expected` columns
    say their texts (a table is redrawn a moment after its page's text); fails after 15 s."""
    cells = []
    for _ in range(50):
        cells = grid_cells(grid, grid_row(grid, first_cell))
        if cells and all(column < len(cells) and cells[column] == text for column, text in expected.items()):
            return cells
        page.wait_for_timeout(300)
    raise AssertionError(f"row {first_cell!r} says {cells}, not {expected}")


def open_cell(page, grid, row: int, column: int, editor: str | None = None):
    """Select the cell (its row's first cell clicked, then arrows) and open its editor: `editor` (a
    selector), once it shows. A click just after an editor closed may only close it, and a click
    while the page moves may land on the next row: tried again until the grid says the row's first
    cell is selected and the editor shows."""
    first = grid.locator(f"#glide-cell-0-{row}")
    for _ in range(6):
        grid.wait_for(timeout=30_000)
        box = grid.bounding_box()
        if box is None:  # redrawn just now
            page.wait_for_timeout(300)
            continue
        page.mouse.click(box["x"] + 20, box["y"] + GRID_HEADER + GRID_ROW * row + GRID_ROW // 2)
        page.wait_for_timeout(300)
        if first.get_attribute("aria-selected") != "true":
            continue
        for _ in range(column):
            page.keyboard.press("ArrowRight")
        page.wait_for_timeout(200)
        page.keyboard.press("Enter")
        if editor is None:
            return None
        opened = page.locator(editor).first
        try:
            opened.wait_for(timeout=3000)
            return opened
        except Exception:  # playwright's TimeoutError: not opened, once more
            page.keyboard.press("Escape")
    raise AssertionError(f"the cell at row {row}, column {column} of the table could not be opened")


def type_in_cell(page, grid, row: int, column: int, value) -> None:
    """Type `value` into an editable cell (its editor filled at once: keys typed before the editor
    is there are lost) and commit it."""
    open_cell(page, grid, row, column, editor="#portal input, #portal textarea").fill(str(value))
    page.keyboard.press("Enter")
    page.wait_for_timeout(1200)  # the edit's rerun


def choose_in_cell(page, grid, row: int, column: int, option: str) -> None:
    """Pick `option` in a select-box cell."""
    open_cell(page, grid, row, column, editor=f"role=option[name=\"{option}\"]").click()
    page.wait_for_timeout(1200)


class Server:
    """`streamlit run app.py` on a free port with DATABASE_URL and a cookie key; its log in `log_path`."""

    def __init__(self, url: str, log_path: Path, cookie_key: str = "browser-test-key-0123456789abcdef-xyz"):
        self.log_path = log_path
        self.log = open(log_path, "w")
        self.base = f"http://127.0.0.1:{free_port()}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
             "--server.port", self.base.rsplit(":", 1)[1], "--server.address", "127.0.0.1",
             "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env={**os.environ, "DATABASE_URL": url, "CCHC_COOKIE_KEY": cookie_key},
            stdout=self.log, stderr=subprocess.STDOUT)

    def wait_healthy(self) -> None:
        for _ in range(300):
            try:
                if urllib.request.urlopen(f"{self.base}/_stcore/health", timeout=1).status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        pytest.fail(f"streamlit at {self.base} did not start: " + self.log_path.read_text())

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


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
