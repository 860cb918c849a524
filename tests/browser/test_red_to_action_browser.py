"""From red to action in headless Chromium: the chairman (the demo leader) puts a directive on a red
cell of an area page, the responsible commune's officer signs in and sees it first, answers it with
a progress note, the secretariat closes it as done, and it shows as done; a commune attaches an
evidence document to a fix of the inspection register (a file that is not what its name says is
refused) and the secretariat downloads it."""
from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import delete, select

from browser_kit import BROWSER, SHOTS, no_exception, open_page, ran, runs, settled, shoot, shows, sign_in, steady
from browser_kit import browser, demo_server  # noqa: F401 - fixtures

from lib.core import clock
from lib.store import auth, db, inspections
from lib.store.models import Observation, Unit

pytestmark = BROWSER
expect = pytest.importorskip("playwright.sync_api").expect

TEXT = "Kiểm tra CCHC đủ các xã trước 31/12; Thị trấn Sóc Sơn chủ trì"
NOTE = "Đã lập kế hoạch kiểm tra 5 xã còn lại"
PDF = b"%PDF-1.7\n%%EOF\n"
DOCUMENT = "Chưa niêm yết đủ thủ tục · anh-niem-yet.pdf (1 KB)"  # a fix's document, as its download says
GIVE = ".st-key-area1_give_1-2a_open"  # the popover beside 1.2a's figure for the whole (a key's dot: -)


def test_a_directive_from_a_red_cell_to_done(demo_server, browser, tmp_path):
    server, _ = demo_server
    leader = sign_in(browser, server, "lanhdao", "demo-lanhdao")
    try:  # at 1280x720: the popover is drawn where it opened, so it is looked at in the size it is used in
        page = open_page(leader, f"{server}/area_1", 1280, 720)
        button = page.locator(GIVE).get_by_role("button", name="Giao chỉ đạo")
        button.wait_for(timeout=60_000)
        # a popover opened while the page still runs stays where the button was: the first run
        # over (the page's own signs of a run may not have shown yet), then the layout still
        ran(page, 0)
        settled(page)
        button.scroll_into_view_if_needed()
        steady(page)
        button.click()
        form = page.locator("[data-testid='stPopoverBody']")
        form.get_by_text("Gắn với: 1.2a · toàn huyện").wait_for(timeout=10_000)
        form.get_by_role("combobox").first.click()
        page.get_by_role("option", name="Thị trấn Sóc Sơn").click()
        form.get_by_role("textbox").first.fill(TEXT)
        # under the field: its character count, not Streamlit's English "Press Ctrl+Enter to submit form"
        expect(form.get_by_test_id("InputInstructions")).to_have_text(f"{len(TEXT)}/2000", use_inner_text=True)
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=SHOTS / "directive_give_1280x720.png")
        form.get_by_role("button", name="Giao ý kiến chỉ đạo").click()
        shows(page, "Đã giao ý kiến chỉ đạo số 1.")
        expect(form.get_by_role("textbox").first).to_have_value("", timeout=10_000)  # emptied: given once
        shows(page, "Đang thực hiện · hạn")  # listed beside its cell (a word joiner follows the colon)
        shows(page, "1.2a · toàn huyện · Thị trấn Sóc Sơn:")
        shows(page, TEXT)
        page.screenshot(path=SHOTS / "directive_given_1280x720.png")
        no_exception(page)
        page.close()
    finally:
        leader.close()

    officer = sign_in(browser, server, "xa00376", "demo-xa00376")
    try:
        page = open_page(officer, server)
        yours = page.locator("[class*='st-key-directives_yours']")
        yours.get_by_text(TEXT, exact=False).wait_for(timeout=60_000)
        main = page.locator("[data-testid='stMain']").bounding_box()
        box = yours.bounding_box()
        assert box["y"] - main["y"] < 250  # first on the page, under the title
        shoot(page, "directive_officer_first")
        yours.get_by_role("link", name="Mở trang Ý kiến chỉ đạo").click()
        note = page.get_by_label("Tiến độ thực hiện", exact=False)
        note.wait_for(timeout=30_000)
        note.fill(NOTE)
        page.get_by_role("button", name="Ghi nhận tiến độ").click()
        shows(page, "Đã ghi nhận tiến độ của ý kiến chỉ đạo số 1.")
        shows(page, NOTE)
        assert page.get_by_role("button", name="Đóng: đã hoàn thành").count() == 0  # an officer does not close
        no_exception(page)
        page.close()
    finally:
        officer.close()

    secretariat = sign_in(browser, server, "noivu", "demo-noivu")
    try:
        page = open_page(secretariat, f"{server}/directives")
        shows(page, NOTE)  # the officer's progress, read by the secretariat
        page.get_by_role("button", name="Đóng: đã hoàn thành").click()
        shows(page, "Đã đóng ý kiến chỉ đạo số 1.")
        shows(page, "0 đang mở, 0 quá hạn.")
        shoot(page, "directive_closed")
        with page.expect_download() as download:  # the list is a canvas grid: its file says the state
            page.get_by_role("button", name="Tải CSV").click()
        path = tmp_path / "chi_dao.csv"
        download.value.save_as(path)
        listed = pd.read_csv(path, encoding="utf-8-sig").set_index("Số")
        assert listed.loc[1, "Trạng thái"] == "Đã hoàn thành" and listed.loc[1, "Nội dung chỉ đạo"] == TEXT
        page.close()

        area = open_page(secretariat, f"{server}/area_1")  # no longer open beside its cell
        shows(area, "Kết quả từng đơn vị")
        assert TEXT not in area.inner_text("body")
        no_exception(area)
    finally:
        secretariat.close()


def test_a_commune_attaches_evidence_to_a_fix_and_the_secretariat_downloads_it(demo_server, browser, tmp_path):
    server, url = demo_server
    engine = db.get_engine(url)
    today = clock.today()
    with engine.begin() as conn:  # Sóc Sơn uses the register this year: its typed 1.2a and 1.2b go
        commune = conn.execute(select(Unit.id).where(Unit.code == "00376")).scalar_one()
        conn.execute(delete(Observation).where(Observation.unit_id == commune, Observation.year == today.year,
                                               Observation.indicator.in_(["1.2a", "1.2b"])))
    secretariat, officer = auth.account(engine, "noivu"), auth.account(engine, "xa00376")
    inspection = inspections.record_inspection(engine, secretariat, commune, today, "Đoàn kiểm tra huyện")
    issue = inspections.record_issue(engine, secretariat, inspection, "Chưa niêm yết đủ thủ tục", today)
    inspections.record_fix(engine, officer, issue, today, "Đã niêm yết đủ")

    context = sign_in(browser, server, "xa00376", "demo-xa00376")
    try:
        page = open_page(context, f"{server}/inspections", 1280, 720)
        page.get_by_role("heading", name="Tài liệu kiểm chứng việc khắc phục").wait_for(timeout=60_000)
        crafted = tmp_path / "bien-ban.pdf"  # a web page named as a PDF
        crafted.write_bytes(b"<html><script>alert(1)</script></html>")
        picker = page.locator(".st-key-fix_evidence_file input[type='file']")
        picker.set_input_files(str(crafted))
        page.get_by_role("button", name="Đính kèm").click()
        shows(page, "không phải PDF")
        good = tmp_path / "anh-niem-yet.pdf"
        good.write_bytes(PDF)
        before = runs(page)
        picker.set_input_files(str(good))
        shows(page, "anh-niem-yet.pdf")  # in the picker: uploaded, and the page run again for it
        ran(page, before)
        page.get_by_role("button", name="Đính kèm").click()
        shows(page, "Đã đính kèm anh-niem-yet.pdf cho việc khắc phục: Chưa niêm yết đủ thủ tục.")
        page.get_by_role("button", name=DOCUMENT).scroll_into_view_if_needed()
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=SHOTS / "fix_evidence_1280x720.png")
        no_exception(page)
    finally:
        context.close()

    reader = sign_in(browser, server, "noivu", "demo-noivu")
    try:
        page = open_page(reader, f"{server}/inspections")
        page.locator("[data-testid='stMain']").get_by_role("combobox").first.click()
        page.get_by_role("option", name="Thị trấn Sóc Sơn").click()
        button = page.get_by_role("button", name=DOCUMENT)
        button.wait_for(timeout=60_000)
        with page.expect_download() as download:
            button.click()
        saved = tmp_path / "tai-ve.pdf"
        download.value.save_as(saved)
        assert saved.read_bytes() == PDF and download.value.suggested_filename == "anh-niem-yet.pdf"
    finally:
        reader.close()
