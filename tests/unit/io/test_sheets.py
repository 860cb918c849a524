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
