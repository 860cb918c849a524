"""A 2025 two-tier province in headless Chromium: Hà Nội from the 2025 list (126 communes and wards,
12 departments; `setup-province 01 --list-2025`) with a year of synthetic monthly figures, its
overview, area 3 (maps of 126 tiles), the ranking and the commune page at 1920x1080 and 1280x720:
nothing scrolls sideways or leaves the window, no text is cut or drawn over another, the maps fill
their columns with every label inside the map. Needs the vietnam-provinces 2025 wheel
(CCHC_VP2025_WHEEL); skipped without it. Screenshots in CCHC_SHOTS."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from browser_kit import BROWSER, CELL_WIDTHS, GRIDS, SHOTS, SIZES, check_fits, check_map, open_page, serving
from browser_kit import browser, tabs  # noqa: F401 - fixtures
from browser_kit import no_exception, settle, settled, show_tab, sign_in, table_drawn, whole_screenshot

from lib.core.periods import last_full_month
from lib.io import official, synthetic
from lib.present import ranking as ranking_view
from lib.store import auth, db, queries
from lib.store.units import setup_province
from tests.conftest import add_figures

WHEEL_2025 = os.environ.get("CCHC_VP2025_WHEEL", "")
pytestmark = [*BROWSER, pytest.mark.skipif(not Path(WHEEL_2025).is_file(),
                                           reason="no vietnam-provinces 2025 wheel (CCHC_VP2025_WHEEL)")]

HA_NOI = "01"
ACCOUNT = ("sonoivu", "so-noi-vu-mat-khau")  # the province's secretariat, the only account
AREA_3 = "Lĩnh vực 3: Cải cách thủ tục hành chính"


def build_province(url: str) -> int:
    """Hà Nội of the 2025 list in the migrated database at `url`, every commune's and department's
    figures monthly up to the last full month (lib.io.synthetic), and one account; returns the
    number of communes and wards."""
    engine = db.get_engine(url)
    try:
        result = setup_province(engine, official.find_province_2025(HA_NOI, official.read_2025_list(WHEEL_2025)))
        with engine.connect() as conn:
            units = queries.all_units(conn)
        year, month = last_full_month()
        figures = synthetic.monthly_figures(units, year, month)
        add_figures(engine, figures[["ma_don_vi", "ma_chi_tieu", "ky", "tu_so", "mau_so"]].itertuples(index=False))
        rounds, auth.BCRYPT_ROUNDS = auth.BCRYPT_ROUNDS, 4  # hashing cost is not behaviour
        try:
            auth.add_user(engine, *ACCOUNT[:1], "Sở Nội vụ", auth.NOI_VU, ACCOUNT[1])
        finally:
            auth.BCRYPT_ROUNDS = rounds
        return result.communes
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def province_server(databases, tmp_path_factory):
    folder = tmp_path_factory.mktemp("province_2025")
    url = databases.sqlite("migrated", folder / "province.db")
    assert 110 <= build_province(url) <= 140
    with serving(url, folder / "streamlit.log") as base:
        yield base


@pytest.fixture(scope="module")
def province_signed_in(province_server, browser):  # noqa: F811
    context = sign_in(browser, province_server, *ACCOUNT)
    yield context
    context.close()


@pytest.mark.parametrize("width,height", SIZES)
def test_the_overview(province_server, province_signed_in, tabs, width, height):
    page = tabs.at(province_signed_in, province_server, width, height)  # one tab, resized
    settle(page, "Kết quả cải cách hành chính năm", charts=1)
    no_exception(page)
    assert page.get_by_text("Thành phố Hà Nội").first.is_visible()
    check_fits(page)
    page.screenshot(path=SHOTS / f"province_overview_{width}x{height}.png")
    whole_screenshot(page, SHOTS / f"province_overview_{width}x{height}_whole.png")


@pytest.mark.parametrize("width,height", SIZES)
def test_area_3_and_its_maps_of_126_tiles(province_server, province_signed_in, tabs, width, height):
    page = tabs.at(province_signed_in, f"{province_server}/area_3", width, height)  # one tab, resized
    settle(page, AREA_3, charts=3)
    no_exception(page)
    check_fits(page)
    page.screenshot(path=SHOTS / f"province_area_3_{width}x{height}.png")
    maps = page.locator("[data-testid='stVegaLiteChart']").filter(has=page.locator("g.mark-rect"))
    assert maps.count() >= 5  # one for each commune-level indicator of area 3
    chart = maps.first
    found = check_map(page, chart, min_size=9, shapes="g.mark-rect path")
    tiles = chart.locator("g.mark-rect path").count()
    assert 110 <= tiles <= 140, tiles
    # every tile's value whole ("◐ 27,74%", never "◐ 27…"): a narrow column lays fewer tiles a row
    values = [t["text"] for t in found["texts"] if any(c.isdigit() for c in t["text"])]
    assert len(values) >= 100 and [v for v in values if not v.endswith("%")] == []
    if width == 1920:  # the near-square grid: names shortened at most
        assert len({round(t["box"][0]) for t in found["texts"]}) >= 2 * 11
    chart.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.screenshot(path=SHOTS / f"province_area_3_map_{width}x{height}.png")


@pytest.mark.parametrize("width,height", SIZES)
def test_the_ranking(province_server, province_signed_in, width, height):
    page = open_page(province_signed_in, f"{province_server}/ranking", width, height)
    try:
        page.get_by_role("heading", name="Xếp hạng thi đua").first.wait_for(timeout=30_000)
        page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=30_000)
        settled(page)
        table_drawn(page)
        no_exception(page)
        check_fits(page)
        grid = page.evaluate(GRIDS)[0]
        assert grid["sideways"] <= 1 and grid["box"][2] <= width
        names = [row[1] for row in grid["rows"][1:] if row]
        assert len(names) >= 20
        widest = max(zip(page.evaluate(CELL_WIDTHS, names), names))
        assert widest[0] <= ranking_view.VIEW_WIDTHS["unit"], widest
        page.screenshot(path=SHOTS / f"province_ranking_{width}x{height}.png")
        whole_screenshot(page, SHOTS / f"province_ranking_{width}x{height}_whole.png")
        # the departments, named as a two-tier province names them
        show_tab(page, "Sở, ban, ngành", 1)
        departments = [row[1] for row in page.evaluate(GRIDS)[1]["rows"][1:] if row]
        assert len(departments) == 12 and "Sở Nội vụ" in departments
        widest = max(zip(page.evaluate(CELL_WIDTHS, departments), departments))
        assert widest[0] <= ranking_view.VIEW_WIDTHS["unit"], widest
    finally:
        page.close()


@pytest.mark.parametrize("width,height", SIZES)
def test_the_commune_page(province_server, province_signed_in, tabs, width, height):
    page = tabs.at(province_signed_in, f"{province_server}/commune", width, height)  # one tab, resized
    page.locator("[data-testid='stVegaLiteChart'] svg").first.wait_for(timeout=30_000)
    settled(page)
    no_exception(page)
    check_fits(page)
    # the trends three a row, within the column; the phone's chart not drawn
    chart = page.locator("[class*='st-key-wide_only_'] [data-testid='stVegaLiteChart']").first
    box = chart.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    assert page.locator("[class*='st-key-phone_only_'] [data-testid='stVegaLiteChart']").first.is_hidden()
    page.screenshot(path=SHOTS / f"province_commune_{width}x{height}.png")
    whole_screenshot(page, SHOTS / f"province_commune_{width}x{height}_whole.png")
