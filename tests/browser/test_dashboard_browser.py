"""The dashboard in headless Chromium: `streamlit run app.py` on a seeded demo database, the
overview and an area page at two screen sizes (screenshots in tests/browser/screenshots/), a map
click and a download, nothing fetched from outside the server, and the real-boundary map (with
../shared/geo's Sóc Sơn loaded) filling its column with its names inside their shapes, on the
page and on a slide. Skipped where /usr/bin/chromium is absent."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browser_kit import (BROWSER, RUN_OVER, SHOTS, SIZES, check_map, open_page, ran, runs, serving, settle, settled,
                         steady)
from browser_kit import browser, server, signed_in, tabs  # noqa: F401 - fixtures
from browser_kit import sign_in
from tests.conftest import SHARED

from lib.io import boundaries
from lib.web import browser_times
from lib.store import db

pytestmark = BROWSER

AREA_3 = "3. Cải cách thủ tục hành chính"


def check(page) -> None:
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.get_by_text("DỮ LIỆU MẪU").first.is_visible()
    assert page.get_by_text("Số liệu đến hết tháng").first.is_visible()


@pytest.mark.parametrize("width,height", SIZES)
def test_overview(server, signed_in, tabs, width, height):
    page = tabs.at(signed_in, server, width, height)  # one tab, resized
    settle(page, "Kết quả cải cách hành chính năm", charts=1)
    check(page)
    assert page.get_by_text("1. Công tác chỉ đạo, điều hành").first.is_visible()
    assert page.get_by_text("✔ Đạt:").first.is_visible()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / f"overview_{width}x{height}.png")


@pytest.mark.parametrize("width,height", SIZES)
def test_area_page(server, signed_in, tabs, width, height):
    page = tabs.at(signed_in, server, width, height, nav=AREA_3)  # one tab, resized
    settle(page, "Lĩnh vực 3: Cải cách thủ tục hành chính", charts=3)
    check(page)
    assert page.get_by_text("3.1a · TTHC đủ điều kiện").first.is_visible()
    assert page.get_by_role("button", name="Tải CSV").is_visible()
    assert page.get_by_text("Năm").first.is_visible()  # the sidebar of app.py
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / f"area_3_{width}x{height}.png")
    # further down: the first commune map and its trend
    page.get_by_text("3.1b · Tỷ lệ hồ sơ trực tuyến").first.scroll_into_view_if_needed()
    steady(page)
    page.screenshot(path=SHOTS / f"area_3_map_{width}x{height}.png")


def test_a_tile_click_shows_that_communes_trend(server, signed_in):
    page = open_page(signed_in, server, nav=AREA_3)
    settle(page, "Lĩnh vực 3: Cải cách thủ tục hành chính", charts=3)
    tile = page.locator("[data-testid='stVegaLiteChart'] svg g.mark-rect path").nth(1)  # the second commune by code
    tile.evaluate("e => e.scrollIntoView({block: 'center'})")
    steady(page)
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
    before = runs(page)
    page.get_by_text("Tiếng Việt", exact=True).click()
    page.get_by_role("heading", name="Lĩnh vực 3: Cải cách thủ tục hành chính").first.wait_for(timeout=30_000)
    ran(page, before)
    assert page.locator("[data-testid='stException']").count() == 0
    page.close()



def bench_tab(context, url: str, title: str):
    """A new tab at `url` with lib.web.browser_times' page script (armed for the first screen of `title`)."""
    page = context.new_page()
    page.add_init_script(browser_times.PAGE_SCRIPT + f"\nwindow.__bench.arm({title!r}, 0);")
    page.goto(url)
    return page


def test_the_first_screen_shows_the_title_the_counts_and_what_needs_attention(server, signed_in):
    page = bench_tab(signed_in, f"{server}/area_3", "Lĩnh vực 3: Cải cách thủ tục hành chính")
    page.wait_for_function("window.__bench.first !== null", timeout=60_000)
    # drawn by then, inside the 1920x1080 window: the title, the counts and what needs attention
    for text in ("Lĩnh vực 3: Cải cách thủ tục hành chính", "Tình hình các chỉ tiêu của lĩnh vực", "Cần chú ý"):
        box = page.get_by_text(text).first.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 1080, text
    page.close()


def test_a_map_click_reruns_only_its_indicator(server, signed_in):
    page = bench_tab(signed_in, f"{server}/area_3", "Lĩnh vực 3: Cải cách thủ tục hành chính")
    settle(page, "Lĩnh vực 3: Cải cách thủ tục hành chính", charts=3)
    # the click waits until no run has ended for a second and none runs, so that what follows it is its own
    page.wait_for_function(f"window.__bench.finished.length && performance.now() - "
                           f"window.__bench.finished.at(-1)[0] > 1000 && ({RUN_OVER})", timeout=30_000)
    # the page's own run: the delta messages up to its end since the run before (if any) ended
    finished, deltas = page.evaluate("[window.__bench.finished.map(f => f[0]), window.__bench.deltas]")
    # a new tab signed in by its cookie runs once: the cookie is read on the server, and the
    # library's cookie component, which asked for a second run of every new tab, is not drawn
    assert len(finished) == 1, finished
    start = finished[-2] if len(finished) > 1 else 0
    page_run = sum(start < t <= finished[-1] for t in deltas)
    tile = page.locator("[data-testid='stVegaLiteChart'] svg g.mark-rect path").nth(1)
    tile.evaluate("e => e.scrollIntoView({block: 'center'})")
    steady(page)
    box = tile.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.locator(".cchc-legend", has_text="Xã Bắc Sơn").first.wait_for(timeout=15_000)
    page.wait_for_function(f"window.__bench.finished.length > {len(finished)}", timeout=15_000)
    page.wait_for_timeout(500)  # time for a second run, which must not come: nothing shows an absence sooner
    after, deltas = page.evaluate("[window.__bench.finished.slice(%d), window.__bench.deltas]" % len(finished))
    # one run, a fragment's: the indicator's elements only, not the page's other indicators
    assert [status for _, status in after] == [browser_times.FRAGMENT_RUN]
    fragment_run = sum(finished[-1] < t <= after[0][0] for t in deltas)
    assert 0 < fragment_run < page_run / 3, (fragment_run, page_run)
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



@pytest.mark.parametrize("path,title", [("/area_3", "Lĩnh vực 3"), ("/completeness", "Tình hình báo cáo"),
                                        ("/audit", "Nhật ký thay đổi")])
def test_a_deep_link_in_a_new_tab_signed_in_by_the_cookie_opens_its_page(server, signed_in, path, title):
    page = open_page(signed_in, f"{server}{path}")
    try:
        page.locator("h1").filter(has_text=title).first.wait_for(timeout=30_000)
        assert page.url.endswith(path)
    finally:
        page.close()


LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# What a page loads by itself (an icon, a style sheet, a script, an image, a frame): where from.
LOADED_FROM = """() => [...document.querySelectorAll(
    'link[href], script[src], img[src], iframe[src], source[src], video[src], audio[src]')]
  .map(e => e.href || e.src)"""


def outside(url: str) -> bool:
    """Whether a request for `url` would leave the machine (data: and blob: never do)."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOOPBACK


def test_nothing_is_fetched_from_outside_the_server(server, browser, signed_in):
    """A district's network is often offline: every page works from the server alone. Every
    request to anywhere but the loopback address is blocked and fails the test, and nothing in a
    page (its icon included, which headless Chromium may never ask for) points outside."""
    attempts = []

    def block(route):
        if outside(route.request.url):
            attempts.append(route.request.url)
            route.abort()
        else:
            route.fallback()

    login = browser.new_context(viewport={"width": 1280, "height": 720})
    login.route("**/*", block)
    signed_in.route("**/*", block)
    try:
        page = login.new_page()
        page.goto(server)
        page.get_by_text("demo-noivu").first.wait_for(timeout=30_000)
        page.wait_for_load_state("networkidle")  # what the page asks for once drawn (none for 500 ms)
        pages = {"login": page.evaluate(LOADED_FROM)}
        for path, title in [("/", "Kết quả cải cách hành chính năm"), ("/area_3", "Lĩnh vực 3"),
                            ("/ranking", "Xếp hạng"), ("/commune", "Xã"), ("/upload", "Tải tệp lên"),
                            ("/?trinh_chieu=1", "Tổng quan cải cách hành chính")]:
            page = open_page(signed_in, f"{server}{path}", 1280, 720)
            page.get_by_text(title).first.wait_for(timeout=30_000)
            settled(page)
            page.wait_for_load_state("networkidle")  # what the page asks for once drawn (none for 500 ms)
            assert page.locator("[data-testid='stException']").count() == 0
            pages[path] = page.evaluate(LOADED_FROM)
            page.close()
    finally:
        signed_in.unroute("**/*", block)
        login.close()
    assert attempts == []
    assert {path: [url for url in urls if outside(url)] for path, urls in pages.items()} == {path: [] for path in pages}


# --- the real-boundary map ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def geo_server(databases, tmp_path_factory):
    """A server on the demo district with Sóc Sơn's real boundaries loaded."""
    path = SHARED / "geo" / "ha_noi_soc_son.geojson"
    if not path.is_file():
        pytest.skip("ha_noi_soc_son.geojson is not here (../shared/geo)")
    folder = tmp_path_factory.mktemp("geo")
    url = databases.sqlite("demo", folder / "demo.db")
    engine = db.get_engine(url)
    boundaries.import_boundaries(engine, path)
    engine.dispose()
    with serving(url, folder / "streamlit.log") as base:
        yield base


@pytest.fixture(scope="module")
def geo_signed_in(geo_server, browser):  # noqa: F811
    context = sign_in(browser, geo_server, "noivu", "demo-noivu")
    yield context
    context.close()


@pytest.mark.parametrize("width,height", SIZES)
def test_the_boundary_map_fills_its_column_with_names_inside_their_shapes(geo_server, geo_signed_in, tabs, width,
                                                                          height):
    page = tabs.at(geo_signed_in, f"{geo_server}/area_3", width, height)  # one tab, resized
    settle(page, "Lĩnh vực 3: Cải cách thủ tục hành chính", charts=3)
    chart = page.locator("[data-testid='stVegaLiteChart']").filter(has=page.locator("g.mark-shape")).first
    found = check_map(page, chart, min_size=12)
    SHOTS.mkdir(exist_ok=True)
    chart.screenshot(path=SHOTS / f"boundary_map_{width}x{height}.png")
    if width == 1920:  # a wide column has room for nearly every name
        assert len([t for t in found["texts"] if len(t["text"].strip()) > 1]) >= 20


@pytest.mark.parametrize("width,height", SIZES)
def test_on_a_slide_the_boundary_map_takes_half_the_screen_with_16_px_names(geo_server, geo_signed_in, width,
                                                                            height):
    page = open_page(geo_signed_in, f"{geo_server}/?trinh_chieu=1", width, height)
    try:
        page.get_by_text("Tổng quan cải cách hành chính").first.wait_for(timeout=30_000)
        page.get_by_role("button", name="Tạm dừng").click()
        page.get_by_role("button", name="Tự chạy").wait_for(timeout=30_000)
        for n in range(1, 4):
            page.get_by_role("button", name="Tiếp", exact=True).click()
            page.wait_for_function("n => document.body.innerText.includes('Trang ' + n + '/')", arg=n + 1,
                                   timeout=30_000)
        page.wait_for_function("document.querySelector('.present-title').innerText.startsWith('Lĩnh vực 3.')",
                               timeout=30_000)
        chart = page.locator("[data-testid='stVegaLiteChart']").filter(has=page.locator("g.mark-shape")).first
        chart.wait_for(timeout=30_000)
        settled(page)
        page.evaluate("window.scrollTo(0, 0)")
        found = check_map(page, chart, min_size=16)
        assert found["chart"][2] - found["chart"][0] >= 0.45 * width  # its half of the screen
        assert found["chart"][3] <= height  # the slide fits the screen
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=SHOTS / f"boundary_slide_{width}x{height}.png")
    finally:
        page.close()
