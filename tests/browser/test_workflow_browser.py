"""A period goes through the whole reporting workflow in headless Chromium: a commune's officer types
two figures and submits them, the secretariat accepts one and returns the other with a comment, the
officer sees the comment beside the field, fixes the figure and submits it again, the secretariat
approves it, and the chairman's area page shows the figure approved with its provenance."""
from __future__ import annotations

from browser_kit import (BROWSER, SHOTS, choose, choose_in_cell, grid_row, no_exception, open_page, shows, sign_in,
                         steady, type_in_cell, wait_for_cells)
from browser_kit import browser, demo_server  # noqa: F401 - fixtures

from lib.core import clock
from lib.store import auth, db

pytestmark = BROWSER

ENTRY, WORKFLOW = "Nhập số liệu", "Gửi và thẩm định"
UNIT = "Thị trấn Sóc Sơn (00376)"
COMMENT = "Mẫu số 100 không khớp sổ theo dõi: kiểm tra lại"
SAID = COMMENT.split(":")[0]  # the page's text has a word joiner after each colon it shows (lib.web.text.md)
# the entry form's columns (ma_chi_tieu, ten_chi_tieu, tu_so, mau_so, ghi_chu, trang_thai, nhan_xet, ...)
NUMERATOR, DENOMINATOR, STATE, REMARK = 2, 3, 5, 6
# the appraisal sheet's (indicator, numerator, denominator, decision, comment)
DECISION, APPRAISAL_COMMENT = 3, 4


def shot(page, name: str, at=None) -> None:
    """The page as a 1280x720 screen sees it (scrolled to `at`, a locator), then back to the tall
    window the clicks use."""
    page.set_viewport_size({"width": 1280, "height": 720})
    steady(page)
    if at is not None:
        at.scroll_into_view_if_needed()
        steady(page)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / f"workflow_{name}_1280x720.png")
    page.set_viewport_size({"width": 1920, "height": 1600})
    steady(page)


def pick_period(page, month: str) -> None:
    page.get_by_test_id("stMain").get_by_test_id("stRadio").get_by_text("Tháng", exact=True).click()
    choose(page, "Tháng", month)


def open_workflow(context, server: str, month: str, unit: str | None = None):
    page = open_page(context, f"{server}/workflow", 1920, 1600)  # (the sidebar's link: the entry page's)
    page.get_by_role("heading", name=WORKFLOW).first.wait_for(timeout=30_000)
    if unit:
        choose(page, "Đơn vị", unit)
    pick_period(page, month)
    return page


def appraise(page, decisions: dict[str, tuple[str, str]]) -> None:
    """The secretariat's decision (and comment) on each listed figure, saved."""
    page.get_by_role("heading", name="Thẩm định", exact=True).wait_for(timeout=30_000)
    sheet = page.get_by_test_id("stDataFrame").nth(1)  # after the unit's figures
    for code, (decision, comment) in decisions.items():
        row = grid_row(sheet, code)
        choose_in_cell(page, sheet, row, DECISION, decision)
        if comment:
            type_in_cell(page, sheet, row, APPRAISAL_COMMENT, comment)
    page.get_by_role("button", name="Lưu kết quả thẩm định").click()
    shows(page, f"Đã thẩm định {len(decisions)} số liệu")
    no_exception(page)


def test_a_period_is_submitted_returned_fixed_and_approved(demo_server, browser):
    server, url = demo_server
    engine = db.get_engine(url)
    # real accounts: the first real figures end the demo and its sample accounts
    auth.add_user(engine, "xa_376", "Cán bộ Thị trấn Sóc Sơn", auth.DON_VI, "mat-khau-xa-376", unit_code="00376")
    auth.add_user(engine, "thamdinh", "Tổ thẩm định Phòng Nội vụ", auth.NOI_VU, "mat-khau-tham-dinh")
    auth.add_user(engine, "chutich", "Chủ tịch UBND huyện", auth.LANH_DAO, "mat-khau-chu-tich")
    today = clock.today()  # the demo's figures end last month: this month is empty
    month, period = f"{today.month:02d}/{today.year}", f"{today.year}-{today.month:02d}"
    officer = sign_in(browser, server, "xa_376", "mat-khau-xa-376")
    secretariat = sign_in(browser, server, "thamdinh", "mat-khau-tham-dinh")
    chairman = sign_in(browser, server, "chutich", "mat-khau-chu-tich")
    try:
        # 1. the officer types two figures and saves them (drafts), then submits them
        page = open_page(officer, server, 1920, 1600, nav=ENTRY)
        page.get_by_role("heading", name=ENTRY).first.wait_for(timeout=30_000)
        pick_period(page, month)
        form = page.get_by_test_id("stDataFrame").first
        for code, numerator, denominator in (("3.4", 95, 100), ("3.1b", 40, 120)):
            row = grid_row(form, code)
            type_in_cell(page, form, row, NUMERATOR, numerator)
            type_in_cell(page, form, row, DENOMINATOR, denominator)
        page.get_by_role("button", name="Lưu số liệu").click()
        shows(page, "thêm mới 2")
        wait_for_cells(page, form, "3.4", {STATE: "Nháp"})
        no_exception(page)
        page.close()

        page = open_workflow(officer, server, month)
        page.get_by_role("button", name="Gửi", exact=True).click()
        shows(page, f"Đã gửi 2 số liệu của Thị trấn Sóc Sơn, kỳ {period}")
        shot(page, "1_submitted", page.get_by_test_id("stDataFrame").first)
        page.close()

        # 2. the secretariat accepts 3.1b and returns 3.4 with a comment
        page = open_workflow(secretariat, server, month, unit=UNIT)
        appraise(page, {"3.1b": ("Chấp nhận", ""), "3.4": ("Trả lại", COMMENT)})
        shot(page, "2_returned", page.get_by_test_id("stDataFrame").first)
        page.close()

        # 3. the officer sees the comment beside the field (and in full above the form), fixes the
        # denominator and submits again
        page = open_page(officer, f"{server}/entry", 1920, 1600)
        page.get_by_role("heading", name=ENTRY).first.wait_for(timeout=30_000)
        pick_period(page, month)
        shows(page, "Phòng Nội vụ trả lại 1 số liệu")
        shows(page, SAID)
        form = page.get_by_test_id("stDataFrame").first
        wait_for_cells(page, form, "3.4", {NUMERATOR: "95", DENOMINATOR: "100", STATE: "Bị trả lại",
                                           REMARK: COMMENT})
        wait_for_cells(page, form, "3.1b", {STATE: "Đã duyệt (khóa)"})
        shot(page, "3_comment_beside_the_field", page.get_by_test_id("stAlert").filter(has_text=SAID))
        type_in_cell(page, form, grid_row(form, "3.4"), DENOMINATOR, 98)
        page.get_by_role("button", name="Lưu số liệu").click()
        shows(page, "cập nhật 1")
        wait_for_cells(page, form, "3.4", {DENOMINATOR: "98", STATE: "Nháp"})
        page.close()

        page = open_workflow(officer, server, month)
        page.get_by_role("button", name="Gửi", exact=True).click()
        shows(page, f"Đã gửi 1 số liệu của Thị trấn Sóc Sơn, kỳ {period}")
        page.close()

        # 4. the secretariat approves the fixed figure: nothing waits any more for this unit
        page = open_workflow(secretariat, server, month, unit=UNIT)
        appraise(page, {"3.4": ("Chấp nhận", "")})
        figures = page.get_by_test_id("stDataFrame").first
        wait_for_cells(page, figures, "3.4", {2: "95", 3: "98", 4: "Đã duyệt (khóa)"})
        assert page.get_by_role("heading", name="Thẩm định", exact=True).count() == 0
        shot(page, "4_approved", figures)
        page.close()

        # 5. the chairman's area page: 3.4's provenance names how, who, when and the state
        page = open_page(chairman, f"{server}/area_3", 1920, 1600)
        heading = page.get_by_role("heading", name="3.4 ·")
        heading.wait_for(timeout=30_000)
        section = heading.locator("xpath=ancestor::div[@data-testid='stVerticalBlock'][1]")  # its bordered box
        section.get_by_text("Nguồn gốc số liệu").first.click()
        table = section.get_by_test_id("stDataFrame").last
        table.wait_for(timeout=30_000)
        # the communes by code, 00376 first, and its latest period first: unit, period, how, who, when,
        # state, evidence documents
        cells = wait_for_cells(page, table, "Thị trấn Sóc Sơn", {1: period})
        assert cells[2:] == ["Nhập trên biểu mẫu", "Cán bộ Thị trấn Sóc Sơn", cells[4], "Đã duyệt (khóa)", "0"]
        assert cells[4].endswith(today.strftime("%d/%m/%Y"))
        shot(page, "5_chairman_provenance", table)
        no_exception(page)
        page.close()
    except Exception:
        if not page.is_closed():  # (a step that failed opening the next page leaves the last one closed)
            SHOTS.mkdir(exist_ok=True)
            page.screenshot(path=SHOTS / "workflow_failed.png", full_page=True)  # the page the step was on
        raise
    finally:
        for context in (officer, secretariat, chairman):
            context.close()
