"""The checks of an observations file (lib.io.observation_checks) on a file with many kinds of bad
rows at once: every problem at its row and column, in the order the rejection lists them, with the
same words; the stop after enough problems, blank template rows and an officer's permissions."""
from __future__ import annotations

from datetime import date

import pytest
from conftest import add_figures

from lib.io import problems as problems_module
from lib.io.importer import import_observations, preview_observations
from lib.io.problems import ImportRejected
from lib.store import auth

TODAY = date(2026, 11, 27)
HEADER = "ma_don_vi,ma_chi_tieu,ky,tu_so,mau_so,ghi_chu\n"

MANY_KINDS = [  # spreadsheet row 2 onwards
    "99902,3.4,2022-02,45,50,",  # 2 fine
    "12345,9.9,tháng 2,x,-1,",  # 3 five problems in one row
    "99903,5.1,2022-02,,,",  # 4 a template row left blank: skipped
    "999-NV,1.1,2022,1,1,",  # 5 an agency on a commune indicator
    "99901,1.1,2022,2,2,",  # 6 yes/no: both numbers wrong
    "99901,3.4,2022-02,120,100,",  # 7 numerator above denominator
    "99902,3.4,2022-02,44,50,",  # 8 row 2's key with other figures
    "99902,3.4,2022-2,45,50,",  # 9 row 2 again, spelled otherwise: dropped
    "99902,3.4,2022-Q1,1,2,",  # 10 quarters where row 2 has months
    "99901,3.4,2022-Q2,1,2,",  # 11 quarters where the database has months
    '99903,3.4,1999,"2,5","1.234,5",',  # 12 year out of range, two fractions
    "99903,3.4,2022-Q5,,7,",  # 13 quarter 5, numerator empty
    "99903,3.4,2022-13,99999999999,7,",  # 14 month 13, a count too large
    "99903,3.4,2026-12,1,2,",  # 15 a month to come
    "99903,3.4,,1,2,",  # 16 period empty
    "99903,1.2A,2022,1,1,",  # 17 fine (the indicator's code in capitals)
    "99903,3.1a,2022,1,2,",  # 18 a commune on a district indicator
    "999,3.4,2022-03,0,0,ghi chú",  # 19 fine: 0/0 does not apply
    "99901,1.3,2022,0,0,",  # 20 yes/no 0/0
    ",3.4,2022-02,1,2,",  # 21 unit empty
]

EXPECTED = [
    (3, "ma_don_vi", "unit_unknown"), (3, "ma_chi_tieu", "indicator_unknown"), (3, "ky", "period_format"),
    (3, "tu_so", "count_not_number"), (3, "mau_so", "count_negative"),
    (5, "ma_don_vi", "wrong_level"),
    (6, "tu_so", "yes_no_numerator"), (6, "mau_so", "yes_no_denominator"),
    (7, "tu_so", "numerator_above"),
    (8, "tu_so", "duplicate_key"),
    (10, "ky", "mixed_in_file"),
    (11, "ky", "mixed_in_db"),
    (12, "ky", "period_year"), (12, "tu_so", "count_fractional"), (12, "mau_so", "count_fractional"),
    (13, "ky", "period_quarter"), (13, "tu_so", "empty"),
    (14, "ky", "period_month"), (14, "tu_so", "count_too_large"),
    (15, "ky", "period_future"),
    (16, "ky", "empty"),
    (18, "ma_don_vi", "wrong_level"),
    (20, "mau_so", "yes_no_denominator"),
    (21, "ma_don_vi", "empty"),
]

TEXTS = {  # the words of some of them, as the rejection says them
    (3, "ma_don_vi"): "Tệp sai.csv, dòng 3, cột ma_don_vi: không có đơn vị mã 12345 trong danh sách đơn vị.",
    (5, "ma_don_vi"): "Tệp sai.csv, dòng 5, cột ma_don_vi: chỉ tiêu 1.1 không áp dụng cho 999-NV Phòng Nội vụ "
                      "(Cơ quan chuyên môn); chỉ tiêu này do cấp xã báo cáo.",
    (8, "tu_so"): "Tệp sai.csv, dòng 8, cột tu_so: trùng đơn vị, chỉ tiêu và kỳ với dòng 2 nhưng số liệu khác nhau.",
    (10, "ky"): "Tệp sai.csv, dòng 10, cột ky: đơn vị 99902, chỉ tiêu 3.4, năm 2022: kỳ 2022-Q1 theo quý nhưng "
                "dòng 2 (kỳ 2022-02) theo tháng; mỗi năm chỉ báo cáo theo một loại kỳ.",
    (11, "ky"): "Tệp sai.csv, dòng 11, cột ky: đơn vị 99901, chỉ tiêu 3.4, năm 2022 đã có số liệu theo tháng "
                "(ví dụ kỳ 2022-01); không thể nhập kỳ 2022-Q2 theo quý.",
    (14, "tu_so"): "Tệp sai.csv, dòng 14, cột tu_so: số 99999999999 quá lớn.",
}


def file_of(rows: list[str]) -> bytes:
    return (HEADER + "".join(r + "\n" for r in rows)).encode()


@pytest.fixture
def stored(small_district):
    add_figures(small_district, [("99901", "3.4", "2022-01", 97, 100)])
    return small_district


def refused(engine, rows, **options) -> ImportRejected:
    with pytest.raises(ImportRejected) as info:
        import_observations(engine, file_of(rows), filename="sai.csv", today=TODAY, **options)
    return info.value


def test_every_kind_of_bad_row_is_found_at_its_row_and_column(stored):
    error = refused(stored, MANY_KINDS)
    assert [(p.row, p.column, p.key) for p in error.problems] == EXPECTED
    texts = {(p.row, p.column): p.text() for p in error.problems}
    for where, text in TEXTS.items():
        assert texts[where] == text
    assert error.text(limit=3).splitlines()[0] == f"Không nhập tệp sai.csv: có {len(EXPECTED)} lỗi; chưa ghi dữ liệu nào."


def test_an_officer_also_hears_of_every_row_of_another_unit(stored):
    auth.add_user(stored, "xa1", "Xã Một", auth.DON_VI, "mat-khau-xa-1", unit_code="99901")
    account = auth.account(stored, "xa1")
    preview = preview_observations(stored, file_of(MANY_KINDS), "sai.csv", account=account, today=TODAY)
    # rows whose own cells are fine and whose unit is not the officer's (a repeat included)
    others = [(r, "ma_don_vi", "no_permission") for r in (2, 8, 9, 10, 17, 19)]
    assert [(p.row, p.column, p.key) for p in preview.problems] == sorted(
        EXPECTED + others, key=lambda p: (p[0], ["ma_don_vi", "ma_chi_tieu", "ky", "tu_so", "mau_so"].index(p[1])))
    assert next(p for p in preview.problems if p.row == 17).text() == (
        "Tệp sai.csv, dòng 17, cột ma_don_vi: tài khoản xa1 không có quyền ghi số liệu của đơn vị 99903 Xã Ba.")


def test_the_stop_after_enough_problems_is_noted_at_the_next_row_checked(stored, monkeypatch):
    monkeypatch.setattr(problems_module, "MAX_PROBLEMS", 5)
    rows = [
        "99902,3.4,2022-02,45,50,",  # 2 fine
        "99902,3.4,2022-02,44,50,",  # 3 a repeat with other figures: found after the rows, not counted
        "12345,3.4,tháng 2,x,2,",  # 4 three problems
        "99903,5.1,2022-02,,,",  # 5 blank: skipped
        "99901,3.4,2022-13,1,-2,",  # 6 two problems: five in all
        "99903,5.1,2022-03,,,",  # 7 blank: skipped, the stop waits for a row that is checked
        "99901,3.4,2022-14,1,2,",  # 8 not checked: the stop is noted here
        "99901,3.4,2022-15,1,2,",  # 9 not checked
    ]
    error = refused(stored, rows)
    assert [(p.row, p.column, p.key) for p in error.problems] == [
        (3, "tu_so", "duplicate_key"),
        (4, "ma_don_vi", "unit_unknown"), (4, "ky", "period_format"), (4, "tu_so", "count_not_number"),
        (6, "ky", "period_month"), (6, "mau_so", "count_negative"),
        (8, None, "stopped")]
    # five problems ending on the last row checked: no stop to note
    error = refused(stored, rows[:5])
    assert [p.key for p in error.problems][-1] == "count_negative"


def test_blank_template_rows_are_skipped_and_a_clean_file_imports(stored):
    rows = ["99902,3.4,2022-02,45,50,", "99903,5.1,2022-02,,,", "99902,3.4,2022-2,45,50,", "999,3.4,2022-03,0,0,x"]
    summary = import_observations(stored, file_of(rows), filename="ok.csv", today=TODAY)
    assert (summary.rows_read, summary.skipped, summary.inserted, summary.updated, summary.unchanged) == (4, 1, 2, 0, 0)
