"""An officer signs in and uploads a file in headless Chromium: a clean file imports, the same
file again changes nothing, and a crafted file with another unit's row is refused."""
from __future__ import annotations

from browser_kit import BROWSER, SHOTS, open_page, ran, runs, shoot, shows, sign_in
from browser_kit import browser, demo_server  # noqa: F401 - fixtures

from lib.store import auth, db

pytestmark = BROWSER

UPLOAD = "Tải tệp lên"
HEADER = "ma_don_vi,ma_chi_tieu,ky,tu_so,mau_so,ghi_chu\n"


def upload(page, path) -> None:
    """Into the figures file's picker: the first (the secretariat also sees the portal file's below it)."""
    page.locator("[data-testid='stFileUploader'] input[type='file']").first.set_input_files(str(path))


def test_an_officer_signs_in_and_uploads_a_file(demo_server, browser, tmp_path):
    server, url = demo_server
    # a real account: the first real figures end the demo, and the sample accounts with it
    auth.add_user(db.get_engine(url), "xa_that", "Cán bộ Thị trấn Sóc Sơn", auth.DON_VI, "mat-khau-xa-that",
                  unit_code="00376")
    context = sign_in(browser, server, "xa_that", "mat-khau-xa-that")
    try:
        page = open_page(context, server, nav=UPLOAD)
        page.get_by_role("heading", name=UPLOAD).first.wait_for(timeout=30_000)
        own = tmp_path / "so_lieu_tt_soc_son.csv"
        # the officer's own unit, the code as Excel leaves it (leading zeros lost), a decimal comma
        own.write_text(HEADER + "376,3.4,2021-05,95,100,\n376,3.1b,2021-05,\"40,0\",120,Cổng DVC tỉnh\n",
                       encoding="utf-8-sig")
        upload(page, own)
        shows(page, "Tệp hợp lệ")
        shoot(page, "upload")
        before = runs(page)
        page.get_by_role("button", name="Nhập tệp").click()
        shows(page, "thêm mới 2")
        shows(page, "chế độ demo đã kết thúc")  # the first real figures say so
        assert page.locator("[data-testid='stException']").count() == 0

        # the rerun after the import gives the uploader a new key: it no longer lists the file
        page.locator("[data-testid='stFileUploader']", has_text=own.name).wait_for(state="detached", timeout=30_000)
        ran(page, before)
        upload(page, own)  # the same file again: nothing new
        shows(page, "không cần nhập")

        crafted = tmp_path / "them_xa_khac.csv"
        crafted.write_text(HEADER + "00376,3.4,2021-06,90,100,\n00379,3.4,2021-06,10,100,\n", encoding="utf-8")
        upload(page, crafted)
        shows(page, "them_xa_khac.csv có 1 lỗi")  # the list itself is a canvas grid
        assert page.get_by_role("button", name="Nhập tệp").count() == 0
        page.screenshot(path=SHOTS / "upload_refused_1920x1080.png")
        page.close()
    finally:
        context.close()
