"""The dashboard in headless Chromium: `streamlit run app.py` on a seeded demo database, the
overview and an area page at two screen sizes (screenshots in tests/browser/screenshots/), a map
click and a download. Skipped where /usr/bin/chromium is absent."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from lib import db, demo

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(__file__).resolve().parent / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SIZES = [(1920, 1080), (1280, 720)]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="no Chromium at /usr/bin/chromium"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("browser") / "demo.db"
    url = f"sqlite:///{path}"
    demo.seed_demo(db.get_engine(url))
    db.get_engine(url).dispose()
    port = free_port()
    log = open(path.parent / "streamlit.log", "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env={**os.environ, "DATABASE_URL": url, "CCHC_COOKIE_KEY": "browser-test-key-0123456789abcdef-xyz"},
        stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                if urllib.request.urlopen(f"{base}/_stcore/health", timeout=1).status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("streamlit did not start: " + (path.parent / "streamlit.log").read_text())
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


COOKIE = "cchc_dang_nhap"


@pytest.fixture(scope="module")
def signed_in(server, browser):
    """A browser context signed in as the demo secretariat (the login cookie is set)."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{server}/area_3")  # a deep link straight after the start: the login form first
    page.get_by_text("demo-noivu").first.wait_for(timeout=30_000)  # demo mode lists its accounts
    page.get_by_label("Tên đăng nhập").fill("noivu")
    page.get_by_label("Mật khẩu").fill("demo-noivu")
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
    yield context
    context.close()


def open_page(context, url: str, width: int = 1920, height: int = 1080, nav: str | None = None):
    """A new tab (signed in by the cookie) at `url`, then, if given, the sidebar link `nav`."""
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url)
    if nav:
        page.get_by_role("link", name=nav).first.click()
    return page


AREA_3 = "3. Cải cách thủ tục hành chính"


def settle(page, title: str, charts: int) -> None:
    """Wait until the page's title, its charts and its tables are drawn and the run is over."""
    page.get_by_role("heading", name=title).first.wait_for(timeout=30_000)
    page.wait_for_function(
        f"document.querySelectorAll(\"[data-testid='stVegaLiteChart'] svg\").length >= {charts}", timeout=30_000)
    page.wait_for_function("!document.querySelector(\"[data-testid='stStatusWidget']\")", timeout=30_000)
    page.wait_for_timeout(800)  # fonts and the last layout pass


def check(page) -> None:
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.get_by_text("DỮ LIỆU MẪU").first.is_visible()
    assert page.get_by_text("Số liệu đến hết tháng").first.is_visible()


@pytest.mark.parametrize("width,height", SIZES)
def test_overview(server, signed_in, width, height):
    page = open_page(signed_in, server, width, height)
    settle(page, "Kết quả cải cách hành chính năm", charts=1)
    check(page)
    assert page.get_by_text("1. Công tác chỉ đạo, điều hành").first.is_visible()
    assert page.get_by_text("✔ Đạt:").first.is_visible()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / f"overview_{width}x{height}.png")
    page.close()


@pytest.mark.parametrize("width,height", SIZES)
def test_area_page(server, signed_in, width, height):
    page = open_page(signed_in, server, width, height, nav=AREA_3)
    settle(page, "Lĩnh vực 3: Cải cách thủ tục hành chính", charts=3)
    check(page)
    assert page.get_by_text("3.1a · TTHC đủ điều kiện").first.is_visible()
    assert page.get_by_role("button", name="Tải CSV").is_visible()
    assert page.get_by_text("Năm").first.is_visible()  # the sidebar of app.py
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / f"area_3_{width}x{height}.png")
    # further down: the first commune map and its trend
    page.get_by_text("3.1b · Tỷ lệ hồ sơ trực tuyến").first.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    page.screenshot(path=SHOTS / f"area_3_map_{width}x{height}.png")
    page.close()


def test_a_tile_click_shows_that_communes_trend(server, signed_in):
    page = open_page(signed_in, server, nav=AREA_3)
    settle(page, "Lĩnh vực 3: Cải cách thủ tục hành chính", charts=3)
    tile = page.locator("[data-testid='stVegaLiteChart'] svg g.mark-rect path").nth(1)  # the second commune by code
    tile.evaluate("e => e.scrollIntoView({block: 'center'})")
    page.wait_for_timeout(300)
    box = tile.bounding_box()
    # a click where a user clicks: the middle of the tile, on its name
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    # the trend's legend now names the commune (it was only in the tables before)
    page.locator(".cchc-legend", has_text="Xã Bắc Sơn").first.wait_for(timeout=15_000)
    assert page.locator("[data-testid='stException']").count() == 0
    # then English, and back: every choice survives the relabelled widgets
    page.get_by_text("English", exact=True).click()
    page.get_by_role("heading", name="Area 3: Administrative procedures").first.wait_for(timeout=30_000)
    page.get_by_text("Figures up to the end of").first.wait_for()
    page.get_by_text("Tiếng Việt", exact=True).click()
    page.get_by_role("heading", name="Lĩnh vực 3: Cải cách thủ tục hành chính").first.wait_for(timeout=30_000)
    page.wait_for_timeout(500)
    assert page.locator("[data-testid='stException']").count() == 0
    page.close()


def test_the_csv_download_is_the_export(server, signed_in):
    page = open_page(signed_in, server, nav=AREA_3)
    settle(page, "Lĩnh vực 3: Cải cách thủ tục hành chính", charts=3)
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name="Tải CSV").click()
    content = Path(info.value.path()).read_bytes()
    assert content.startswith("\ufeffLĩnh vực,Mã chỉ tiêu,Chỉ tiêu,Mã đơn vị".encode("utf-8"))
    assert info.value.suggested_filename.endswith(".csv")
    page.close()
