"""The upload page's one-stop portal section (lib.web.portal_ui) under AppTest, on a copy of the demo
district: the secretariat picks a portal file, saves the guessed mapping, pairs the name that matched
no unit (a total row: skipped), previews and imports it; an officer is not offered the section."""
from __future__ import annotations

from sqlalchemy import select

from app_kit import (  # noqa: F401  (fixtures)
    TODAY, database, ok, page, seeded, texts, writable,
)

from lib.store import portal as stored
from lib.store.models import Observation, Unit

MONTH = f"{TODAY.year}-{TODAY.month:02d}"  # the month under way: nothing stored in the demo
CONTENT = ("STT,Tên đơn vị,Tháng,Đã tiếp nhận,Trực tuyến,Đã giải quyết,Trước hạn,Đúng hạn,Trễ hạn\n"
           f"1,UBND Thị trấn Sóc Sơn,Tháng {TODAY.month}/{TODAY.year},40,12,30,10,18,2\n"
           f"2,Xa Bac Son,Tháng {TODAY.month}/{TODAY.year},20,5,16,4,11,1\n"
           f"3,Tổng cộng,Tháng {TODAY.month}/{TODAY.year},60,17,46,14,29,3\n").encode("utf-8")


def button(at, label: str):
    return next(b for b in at.button if b.label == label)


def figures(engine) -> dict:
    with engine.connect() as conn:
        rows = conn.execute(select(Unit.code, Observation.indicator, Observation.numerator, Observation.denominator)
                            .join(Unit, Unit.id == Observation.unit_id).where(Observation.period == MONTH)).all()
    return {(c, i): (n, d) for c, i, n, d in rows}


def test_the_secretariat_maps_pairs_and_imports_a_portal_file(writable):
    open_page, engine = writable
    at = open_page("upload", "nv_test")
    assert "Thống kê từ Cổng dịch vụ công" in [h.value for h in at.header]
    ok(at.file_uploader[1].set_value(("cong_dvc.csv", CONTENT, "text/csv")).run())
    assert "Tệp có các cột chưa gặp: hãy chọn cách đọc rồi lưu." in texts(at, "info")
    assert at.multiselect(key="portal_sum_3.4/tu_so").value == ["trước hạn", "đúng hạn"]
    ok(button(at, "Lưu cách đọc").click().run())
    assert "Đã lưu cách đọc cho tệp có các cột này." in texts(at, "success")
    assert "Đang dùng cách đọc đã lưu cho tệp có các cột này." in texts(at, "caption")

    assert "có 1 lỗi nên chưa thể nhập" in texts(at, "error")
    assert not [b for b in at.button if b.key == "portal_import"]
    at.selectbox(key="portal_pair_0").set_value("-")  # "skip these rows", sent with the form
    ok(button(at, "Lưu các cặp ghép").click().run())
    assert "Đã lưu 1 cặp ghép." in texts(at, "success")
    assert stored.pairs(engine) == {"Tổng cộng": ""}

    assert "Tệp hợp lệ. Khi nhập sẽ thêm mới 4, cập nhật 0, không đổi 0 số liệu." in texts(at, "info")
    assert figures(engine) == {}
    ok(at.button(key="portal_import").click().run())
    assert "Đã nhập tệp cong_dvc.csv: đọc 3 dòng; thêm mới 4" in texts(at, "success")
    assert figures(engine) == {("00376", "3.1b"): (12, 40), ("00376", "3.4"): (28, 30),
                               ("00379", "3.1b"): (5, 20), ("00379", "3.4"): (15, 16)}
    assert not at.file_uploader[1].value  # the uploader is cleared for the next file


def test_an_officer_is_not_offered_the_portal_section(writable):
    open_page, _engine = writable
    at = open_page("upload", "xa_test")
    assert len(at.file_uploader) == 1
    assert "Thống kê từ Cổng dịch vụ công" not in [h.value for h in at.header]


def test_the_page_says_which_row_it_took_as_the_header(writable):
    open_page, _engine = writable
    at = open_page("upload", "nv_test")
    titled = "BÁO CÁO THỐNG KÊ HỒ SƠ\nKỳ báo cáo: tháng này\n\n".encode("utf-8") + CONTENT
    ok(at.file_uploader[1].set_value(("bao_cao.csv", titled, "text/csv")).run())
    assert "Dòng tiêu đề của tệp: dòng 4 (các dòng phía trên" in texts(at, "caption")
    assert at.multiselect(key="portal_sum_3.4/tu_so").value == ["trước hạn", "đúng hạn"]  # its columns read
