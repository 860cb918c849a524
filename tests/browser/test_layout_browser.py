"""Pages fit their screens, in headless Chromium on the demo district: the commune officer's pages
on a phone (390x844: the entry page and the commune page, signed in as the demo commune officer)
and the ranking's table beside the sidebar at 1280x720 and 1920x1080. Nothing scrolls sideways or
leaves the window, no text is cut or drawn over another, and what the page is for can be done:
a figure typed on the phone shows in the interface's number form (1.763), the commune's trends
stand one under another, every ranked unit's name fits its cell. Screenshots in CCHC_SHOTS."""
from __future__ import annotations

import pytest

from browser_kit import BROWSER, CELL_WIDTHS, GRIDS, SHOTS, SIZES, check_fits, open_page, settle, settled
from browser_kit import browser, server, signed_in  # noqa: F401 - fixtures
from browser_kit import show_tab, sign_in, table_drawn, whole_screenshot

from lib.present import ranking as ranking_view

pytestmark = BROWSER

PHONE = (390, 844)
OFFICER = ("xa00376", "demo-xa00376")  # the demo's officer of Thị trấn Sóc Sơn (lib.store.demo)


@pytest.fixture(scope="module")
def officer(server, browser):  # noqa: F811
    context = sign_in(browser, server, *OFFICER)
    yield context
    context.close()


def on_the_screen(box: dict, width: int) -> bool:
    return box["x"] >= 0 and box["x"] + box["width"] <= width


def test_the_entry_page_on_a_phone(server, officer):  # noqa: F811
    page = open_page(officer, f"{server}/entry", *PHONE)
    try:
        page.get_by_role("heading", name="Nhập số liệu").first.wait_for(timeout=30_000)
        page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=30_000)
        settled(page)
        check_fits(page)
        page.screenshot(path=SHOTS / "phone_entry_390x844.png")
        # the unit, the period and the table within the screen's width; the save button within reach
        for testid in ("stSelectbox", "stRadio", "stDataFrame"):
            for element in page.locator(f"[data-testid='stMain'] [data-testid='{testid}']").all():
                assert on_the_screen(element.bounding_box(), PHONE[0]), testid
        save = page.get_by_role("button", name="Lưu số liệu")
        save.scroll_into_view_if_needed()
        assert on_the_screen(save.bounding_box(), PHONE[0]) and save.is_enabled()
        # a figure typed on the phone: from the code (pinned, it stays in view) two cells right is the
        # numerator; the grid draws it as 1.763 (its format: tests/app/test_data_pages.py), its
        # accessible copy keeps the number typed
        grid = page.locator("[data-testid='stDataFrame']").first
        grid.scroll_into_view_if_needed()
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 30, box["y"] + 35 + 17)  # the first row's code, under the header
        selected = "#glide-cell-{}-0[aria-selected='true']"  # (its accessible copy says which cell is)
        grid.locator(selected.format(0)).wait_for(state="attached", timeout=15_000)
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        grid.locator(selected.format(2)).wait_for(state="attached", timeout=15_000)
        page.keyboard.press("Enter")
        typed = page.locator("#portal input.gdg-input")  # the cell's editor, over the grid
        typed.wait_for(timeout=15_000)
        typed.fill("1763")
        typed.press("Enter")
        page.wait_for_function("""() => [...document.querySelectorAll('[data-testid="stDataFrame"] tr')]
            .some(tr => [...tr.children].map(c => c.textContent).join('|').startsWith('1.1|') &&
                        tr.children[2] && tr.children[2].textContent === '1763')""", timeout=15_000)
        rows = page.evaluate(GRIDS)[0]["rows"]
        assert rows[0][:4] == ["Mã", "Chỉ tiêu", "Tử số", "Mẫu số"], rows[0]
        assert rows[1][0] == "1.1" and rows[1][2] == "1763", rows[1]
        grid.screenshot(path=SHOTS / "phone_entry_typed_390x844.png")
        whole_screenshot(page, SHOTS / "phone_entry_390x844_whole.png")
        assert page.locator("[data-testid='stException']").count() == 0
    finally:
        page.close()


def test_the_commune_page_on_a_phone(server, officer):  # noqa: F811
    page = open_page(officer, f"{server}/commune", *PHONE)
    try:
        settle(page, "Thị trấn Sóc Sơn", charts=1)
        check_fits(page)
        page.screenshot(path=SHOTS / "phone_commune_390x844.png")
        # the trends one under another, as wide as the screen at most; the three-a-row chart not drawn
        phone = page.locator("[class*='st-key-phone_only_'] [data-testid='stVegaLiteChart']").first
        assert page.locator("[class*='st-key-wide_only_'] [data-testid='stVegaLiteChart']").first.is_hidden()
        phone.scroll_into_view_if_needed()
        box = phone.bounding_box()
        assert on_the_screen(box, PHONE[0]) and box["width"] >= 0.8 * PHONE[0]
        assert box["height"] > 10 * 100  # fourteen panels, one under another
        # the search and the commune's list, stacked and usable
        search = page.get_by_label("Tìm theo tên (gõ có dấu hay không dấu)")
        search.fill("phu linh")
        page.keyboard.press("Enter")
        settled(page)
        page.locator("[data-testid='stSelectbox']").filter(has_text="Chọn xã").first.click()
        page.get_by_role("option", name="Xã Phù Linh").click()
        page.get_by_role("heading", name="Xã Phù Linh").first.wait_for(timeout=30_000)
        settled(page)
        check_fits(page)
        whole_screenshot(page, SHOTS / "phone_commune_390x844_whole.png")
        assert page.locator("[data-testid='stException']").count() == 0
    finally:
        page.close()


@pytest.mark.parametrize("width,height", SIZES)
def test_the_ranking_fits_beside_the_sidebar(server, signed_in, width, height):  # noqa: F811
    page = open_page(signed_in, f"{server}/ranking", width, height)
    try:
        page.get_by_role("heading", name="Xếp hạng thi đua").first.wait_for(timeout=30_000)
        page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=30_000)
        settled(page)
        table_drawn(page)
        check_fits(page)
        grid = page.evaluate(GRIDS)[0]
        assert grid["sideways"] <= 1, grid["sideways"]  # every column on the screen
        assert grid["box"][2] <= width
        header, *rows = [row for row in grid["rows"] if row]
        assert header[:2] == ["Hạng", "Đơn vị"] and len(rows) >= 20, header
        names = [row[1] for row in rows]
        widest = max(zip(page.evaluate(CELL_WIDTHS, names), names))
        assert widest[0] <= ranking_view.VIEW_WIDTHS["unit"], widest  # no name cut
        page.screenshot(path=SHOTS / f"ranking_{width}x{height}.png")
        show_tab(page, "Cơ quan chuyên môn", 1)
        grid = page.evaluate(GRIDS)[1]
        names = [row[1] for row in grid["rows"][1:] if row]
        assert len(names) == 12 and grid["sideways"] <= 1
        widest = max(zip(page.evaluate(CELL_WIDTHS, names), names))
        assert widest[0] <= ranking_view.VIEW_WIDTHS["unit"], widest
        whole_screenshot(page, SHOTS / f"ranking_agencies_{width}x{height}_whole.png")
    finally:
        page.close()
