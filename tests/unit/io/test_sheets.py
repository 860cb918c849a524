"""lib.io.sheets writes every spreadsheet the app offers: CSV cells that would run as formulas are
neutralised, XLSX cells hold the exact text as string cells and numbers as numbers."""
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from lib.io import sheets

HOSTILE = ["=1+1", "\t=1+1", " +x", "@SUM(A1)", "-1+2 Xã", "\r=1", "\n@x", '=HYPERLINK("http://x.example","bấm")']


@pytest.mark.parametrize("text", HOSTILE)
def test_a_csv_cell_that_would_run_as_a_formula_begins_with_an_apostrophe(text):
    assert sheets.csv_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["-5", "-1.5", "+2", "Xã Bắc Sơn", "a=b", "", ">=40 cơ quan"])
def test_numbers_and_plain_text_stay_as_they_are_in_csv(text):
    assert sheets.csv_cell(text) == text


def frame():
    return pd.DataFrame({"Đơn vị": ["Xã Bắc Sơn", *HOSTILE], "Số": ["-5", *["@a"] * len(HOSTILE)],
                         "Điểm": [-5, *range(len(HOSTILE))]})


def test_the_csv_carries_a_bom_and_neutralised_cells():
    data = sheets.csv_bytes(frame())
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(back["Đơn vị"]) == ["Xã Bắc Sơn", *("'" + t for t in HOSTILE)]
    assert list(back["Số"]) == ["-5", *["'@a"] * len(HOSTILE)]
    assert back["Điểm"].iloc[0] == "-5"


def test_the_xlsx_holds_the_exact_text_in_string_cells_and_numbers_as_numbers():
    book = load_workbook(io.BytesIO(sheets.xlsx_bytes(frame(), sample=True)))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == ["Đơn vị", "Số", "Điểm"]
    for row, text in enumerate(HOSTILE, start=3):
        assert sheet.cell(row=row, column=1).value == text.replace("\r", "\n")  # XML reads CR as LF
        assert sheet.cell(row=row, column=1).data_type == "s"  # not "f": no formula
    assert sheet["B2"].value == "-5" and sheet["B2"].data_type == "s"  # a text column stays text
    assert sheet["C2"].value == -5 and sheet["C2"].data_type == "n"
    assert book.worksheets[1].title == "Ghi chú"


def test_characters_xml_cannot_hold_do_not_break_the_xlsx():
    book = load_workbook(io.BytesIO(sheets.xlsx_bytes(pd.DataFrame({"Đơn vị": ["Xã\x1b Một"]}))))
    assert book.active["A2"].value == "Xã Một"


def test_the_xlsx_is_made_for_people_and_prints_one_page_wide_with_its_header_on_every_page():
    from datetime import date, datetime, timedelta, timezone

    at = datetime(2026, 12, 1, 7, 46, tzinfo=timezone(timedelta(hours=7)))
    table = pd.DataFrame({"Đơn vị": ["Xã A", "Xã B"], "Tử số": pd.array([1763, None], dtype="Int64"),
                          "Giá trị (%)": [97.5, 100.0], "Lúc": [at, at], "Ngày": [date(2026, 1, 12)] * 2})
    sheet = load_workbook(io.BytesIO(sheets.xlsx_bytes(table))).active
    assert sheet.page_setup.orientation == "landscape"
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$1"
    assert all(cell.font.bold for cell in sheet[1])
    count, value, time, day = sheet["B2"], sheet["C2"], sheet["D2"], sheet["E2"]
    assert (count.value, count.number_format) == (1763, "#,##0")
    assert sheet["B3"].value is None
    assert (value.value, value.number_format) == (97.5, "#,##0.00")
    assert sheet["C3"].number_format == "#,##0.00"  # 100,00 beside 97,50, not 100 beside 97,5
    # dates as dates: the time in Vietnam as the clock there showed it, and the day
    assert time.is_date and time.value == datetime(2026, 12, 1, 7, 46) and time.number_format == "dd/mm/yyyy hh:mm"
    assert day.is_date and day.value.date() == date(2026, 1, 12) and day.number_format == "dd/mm/yyyy"


def test_csv_times_and_dates_are_iso_8601():
    from datetime import date, datetime, timedelta, timezone

    at = datetime(2026, 1, 12, 7, 46, tzinfo=timezone(timedelta(hours=7)))
    table = pd.DataFrame({"Lúc": [at], "Ngày": [date(2026, 1, 12)]})
    text = sheets.csv_bytes(table).decode("utf-8-sig")
    assert text.splitlines()[1] == "2026-01-12T07:46:00+07:00,2026-01-12"
