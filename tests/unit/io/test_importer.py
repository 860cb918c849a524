"""Importing observations and units from CSV/XLSX: every rejection rule, all-or-nothing writes,
re-imports that update instead of duplicating, encodings, Excel input and lost leading zeros."""
from __future__ import annotations

import csv
import io
from datetime import date, datetime, time

import openpyxl
import pytest
from conftest import add_figures, add_units, to_cp1258
from sqlalchemy import text

from lib.io.cells import parse_count
from lib.io.importer import import_observations
from lib.io.observation_checks import check_observations
from lib.io.problems import ImportRejected, Problem
from lib.io.tabular import TableError, read_table
from lib.io.unit_import import import_units
from lib.store import db
from lib.store import definitions

HEADER = ["ma_don_vi", "ma_chi_tieu", "ky", "tu_so", "mau_so", "ghi_chu"]
UNIT_HEADER = ["ma_don_vi", "ten_don_vi", "loai", "ma_cha", "dbkk", "tu_chu_mot_phan"]
# Figures already stored before each rejection test, so "nothing changed" means something.
STORED = [("99901", "3.4", "2022-01", 97, 100), ("999", "3.4", "2022-01", 99, 100)]


def csv_bytes(rows, encoding="utf-8", delimiter=",") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    body = buffer.getvalue()
    if encoding == "cp1258":
        return to_cp1258(body)
    return body.encode(encoding)


def xlsx_bytes(rows) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def observations(engine):
    with engine.connect() as conn:
        return conn.execute(text(
            "SELECT u.code, o.indicator, o.period, o.granularity, o.numerator, o.denominator, o.note, "
            "o.source, o.created_by, o.updated_by FROM observations o JOIN units u ON u.id = o.unit_id "
            "ORDER BY u.code, o.indicator, o.period")).all()


def units(engine):
    with engine.connect() as conn:
        return conn.execute(text(
            "SELECT u.code, u.name, u.kind, p.code, u.dbkk, u.partly_self_financed FROM units u "
            "LEFT JOIN units p ON p.id = u.parent_id ORDER BY u.code")).all()


def unit(engine, code):
    row = [u for u in units(engine) if u[0] == code]
    return row[0] if row else None


def rejected(call) -> ImportRejected:
    with pytest.raises(ImportRejected) as info:
        call()
    return info.value


# --- Observations: accepted files --------------------------------------------------------------

def test_import_writes_rows_and_reports_counts(small_district):
    version = db.data_version(small_district)
    data = csv_bytes([
        HEADER,
        ["99901", "3.4", "2022-01", "97", "100", "ghi chú tháng một"],
        ["99902", "3.4", "2022-01", "50", "50", ""],
        ["99901", "1.1", "2022", "1", "1", ""],
        ["999", "3.1a", "2022-Q2", "10", "12", ""],
    ])
    summary = import_observations(small_district, data, filename="so_lieu.csv", user="noivu")
    assert (summary.rows_read, summary.inserted, summary.updated, summary.unchanged) == (4, 4, 0, 0)
    assert observations(small_district) == [
        ("999", "3.1a", "2022-Q2", "Q", 10, 12, None, "so_lieu.csv", "noivu", "noivu"),
        ("99901", "1.1", "2022", "Y", 1, 1, None, "so_lieu.csv", "noivu", "noivu"),
        ("99901", "3.4", "2022-01", "M", 97, 100, "ghi chú tháng một", "so_lieu.csv", "noivu", "noivu"),
        ("99902", "3.4", "2022-01", "M", 50, 50, None, "so_lieu.csv", "noivu", "noivu"),
    ]
    assert db.data_version(small_district) == version + 1
    assert "thêm mới 4" in summary.text() and "4 inserted" in summary.text("en")


def test_reimport_updates_and_never_duplicates(small_district):
    first = csv_bytes([HEADER,
                       ["99901", "3.4", "2022-01", "97", "100", ""],
                       ["99902", "3.4", "2022-01", "40", "50", "a"]])
    import_observations(small_district, first, filename="t1.csv", user="an")
    version = db.data_version(small_district)

    second = csv_bytes([HEADER,
                        ["99901", "3.4", "2022-01", "98", "100", ""],   # changed figure
                        ["99902", "3.4", "2022-01", "40", "50", "a"],   # same
                        ["99903", "3.4", "2022-01", "7", "9", ""]])     # new
    summary = import_observations(small_district, second, filename="t2.csv", user="binh")
    assert (summary.inserted, summary.updated, summary.unchanged) == (1, 1, 1)
    rows = {r[0]: r for r in observations(small_district)}
    assert len(observations(small_district)) == 3
    assert rows["99901"][4:6] == (98, 100)
    assert rows["99901"][7:] == ("t2.csv", "an", "binh")  # created_by kept, updated_by set
    assert rows["99902"][7:] == ("t1.csv", "an", "an")    # unchanged rows are not touched
    assert db.data_version(small_district) == version + 1

    again = import_observations(small_district, second, filename="t2.csv", user="binh")
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 3)
    assert db.data_version(small_district) == version + 1  # nothing changed, no new version
    assert len(observations(small_district)) == 3


def test_a_changed_note_is_an_update(small_district):
    import_observations(small_district, csv_bytes([HEADER, ["99901", "3.4", "2022-01", "9", "10", ""]]), "a.csv")
    summary = import_observations(
        small_district, csv_bytes([HEADER, ["99901", "3.4", "2022-01", "9", "10", "đã sửa"]]), "b.csv")
    assert (summary.inserted, summary.updated, summary.unchanged) == (0, 1, 0)
    assert observations(small_district)[0][6] == "đã sửa"


def test_zero_over_zero_ratio_is_valid_and_identical_duplicates_are_fine(small_district):
    data = csv_bytes([HEADER,
                      ["99901", "1.2b", "2022", "0", "0", ""],
                      ["99902", "2.1", "2022", "3", "3", ""],
                      ["99902", "2.1", "2022", "3", "3", ""]])
    summary = import_observations(small_district, data, "ok.csv")
    assert (summary.rows_read, summary.inserted) == (3, 2)
    assert [r[4:6] for r in observations(small_district)] == [(0, 0), (3, 3)]


@pytest.mark.parametrize("written, value", [
    ("12", 12), ("12.0", 12), ("12,00", 12), ("1.234", 1234), ("1 234", 1234), ("1\u00a0234", 1234),
    ("1.234.567", 1234567), ("1.234,00", 1234), ("+7", 7), ("0", 0),
])
def test_count_spellings(written, value):
    assert parse_count(written) == value


def test_grouped_numbers_are_stored_as_integers(small_district):
    data = csv_bytes([HEADER, ["99901", "3.4", "2022-01", "1.234", "1 500", ""]])
    import_observations(small_district, data, "nhom.csv")
    assert observations(small_district)[0][4:6] == (1234, 1500)


def test_period_spellings_are_stored_in_the_canonical_form(small_district):
    data = csv_bytes([HEADER,
                      ["99901", "3.4", "2022-7", "1", "2", ""],
                      ["99902", "3.4", "Q3/2022", "1", "2", ""],
                      ["99903", "3.4", "31/07/2022", "1", "2", ""]])
    import_observations(small_district, data, "ky.csv")
    assert [r[2:4] for r in observations(small_district)] == [("2022-07", "M"), ("2022-Q3", "Q"), ("2022-07", "M")]


# --- Observations: rejections ------------------------------------------------------------------

GOOD = ["99902", "3.4", "2022-02", "45", "50", ""]

REJECTIONS = [
    # id, bad row (written as data row 3 of the file, i.e. spreadsheet row 4), column, message key
    ("unknown unit", ["12345", "3.4", "2022-02", "1", "2", ""], "ma_don_vi", "unit_unknown"),
    ("empty unit", ["", "3.4", "2022-02", "1", "2", ""], "ma_don_vi", "empty"),
    ("unknown indicator", ["99901", "9.9", "2022-02", "1", "2", ""], "ma_chi_tieu", "indicator_unknown"),
    ("agency on a commune indicator", ["999-NV", "1.1", "2022", "1", "1", ""], "ma_don_vi", "wrong_level"),
    ("commune on a district indicator", ["99901", "3.1a", "2022", "1", "2", ""], "ma_don_vi", "wrong_level"),
    ("period format", ["99901", "3.4", "tháng 2", "1", "2", ""], "ky", "period_format"),
    ("period year", ["99901", "3.4", "1999", "1", "2", ""], "ky", "period_year"),
    ("period quarter", ["99901", "3.4", "2022-Q5", "1", "2", ""], "ky", "period_quarter"),
    ("period month", ["99901", "3.4", "2022-13", "1", "2", ""], "ky", "period_month"),
    ("period empty", ["99901", "3.4", "", "1", "2", ""], "ky", "empty"),
    ("numerator empty", ["99901", "3.4", "2022-02", "", "2", ""], "tu_so", "empty"),
    ("denominator empty", ["99901", "3.4", "2022-02", "1", "", ""], "mau_so", "empty"),
    ("not a number", ["99901", "3.4", "2022-02", "abc", "2", ""], "tu_so", "count_not_number"),
    ("negative", ["99901", "3.4", "2022-02", "1", "-2", ""], "mau_so", "count_negative"),
    ("fractional comma", ["99901", "3.4", "2022-02", "2,5", "10", ""], "tu_so", "count_fractional"),
    ("fractional dot", ["99901", "3.4", "2022-02", "2.5", "10", ""], "tu_so", "count_fractional"),
    ("numerator above denominator", ["99901", "3.4", "2022-02", "120", "100", ""], "tu_so", "numerator_above"),
    ("yes/no denominator", ["99901", "1.1", "2022", "1", "2", ""], "mau_so", "yes_no_denominator"),
    ("yes/no numerator", ["99901", "1.1", "2022", "2", "1", ""], "tu_so", "yes_no_numerator"),
    ("yes/no zero over zero", ["99901", "1.3", "2022", "0", "0", ""], "mau_so", "yes_no_denominator"),
    ("same key, other figures", ["99902", "3.4", "2022-02", "44", "50", ""], "tu_so", "duplicate_key"),
    ("mixed granularity in the file", ["99902", "3.4", "2022-Q1", "1", "2", ""], "ky", "mixed_in_file"),
    ("mixed granularity with the database", ["99901", "3.4", "2022-Q2", "1", "2", ""], "ky", "mixed_in_db"),
]


@pytest.mark.parametrize("bad, column, key", [r[1:] for r in REJECTIONS], ids=[r[0] for r in REJECTIONS])
def test_one_bad_row_rejects_the_whole_file(small_district, bad, column, key):
    add_figures(small_district, STORED)
    before, version = observations(small_district), db.data_version(small_district)
    data = csv_bytes([HEADER, ["99903", "3.4", "2022-02", "5", "9", ""], GOOD, bad])
    error = rejected(lambda: import_observations(small_district, data, filename="so_lieu.csv"))
    assert [(p.file, p.row, p.column, p.key) for p in error.problems] == [("so_lieu.csv", 4, column, key)]
    assert observations(small_district) == before
    assert db.data_version(small_district) == version


def test_rejection_messages_name_file_row_and_column(small_district):
    data = csv_bytes([HEADER, GOOD, GOOD, GOOD, ["99901", "3.4", "2022-02", "120", "100", ""]])
    error = rejected(lambda: import_observations(small_district, data, filename="so_lieu.csv"))
    assert error.problems[0].text() == "Tệp so_lieu.csv, dòng 5, cột tu_so: tử số (120) lớn hơn mẫu số (100)."
    assert error.problems[0].text("en") == (
        "File so_lieu.csv, row 5, column tu_so: the numerator (120) is greater than the denominator (100).")
    assert error.text().splitlines() == [
        "Không nhập tệp so_lieu.csv: có 1 lỗi; chưa ghi dữ liệu nào.",
        "Tệp so_lieu.csv, dòng 5, cột tu_so: tử số (120) lớn hơn mẫu số (100).",
    ]
    assert str(error) == error.text("vi")


def test_english_rejection_when_asked(small_district):
    data = csv_bytes([HEADER, ["99901", "9.9", "2022", "1", "1", ""]])
    error = rejected(lambda: import_observations(small_district, data, filename="x.csv", lang="en"))
    assert str(error).splitlines()[1] == (
        "File x.csv, row 2, column ma_chi_tieu: there is no indicator with code 9.9; use codes such as 1.1, 3.4, 7.2.")


def test_duplicate_and_mixed_granularity_name_the_earlier_row(small_district):
    data = csv_bytes([HEADER,
                      ["99902", "3.4", "2022-02", "45", "50", ""],
                      ["99903", "3.4", "2022-01", "1", "2", ""],
                      ["99902", "3.4", "2022-02", "40", "50", ""],
                      ["99903", "3.4", "2022-Q2", "1", "2", ""]])
    error = rejected(lambda: import_observations(small_district, data, filename="d.csv"))
    texts = [p.text() for p in error.problems]
    assert texts == [
        "Tệp d.csv, dòng 4, cột tu_so: trùng đơn vị, chỉ tiêu và kỳ với dòng 2 nhưng số liệu khác nhau.",
        "Tệp d.csv, dòng 5, cột ky: đơn vị 99903, chỉ tiêu 3.4, năm 2022: kỳ 2022-Q2 theo quý nhưng dòng 3 "
        "(kỳ 2022-01) theo tháng; mỗi năm chỉ báo cáo theo một loại kỳ.",
    ]


def test_mixed_granularity_against_the_database_message(small_district):
    add_figures(small_district, [("99901", "3.4", "2022-01", 97, 100)])
    data = csv_bytes([HEADER, ["99901", "3.4", "2022", "1", "2", ""]])
    error = rejected(lambda: import_observations(small_district, data, filename="y.csv"))
    assert error.problems[0].text() == (
        "Tệp y.csv, dòng 2, cột ky: đơn vị 99901, chỉ tiêu 3.4, năm 2022 đã có số liệu theo tháng "
        "(ví dụ kỳ 2022-01); không thể nhập kỳ 2022 theo năm.")
    # another year is independent
    import_observations(small_district, csv_bytes([HEADER, ["99901", "3.4", "2023", "1", "2", ""]]), "z.csv")


def test_future_period_is_rejected(small_district):
    data = csv_bytes([HEADER, ["99901", "3.4", "2022-07", "1", "2", ""]])
    error = rejected(lambda: import_observations(small_district, data, "f.csv", today=date(2022, 6, 30)))
    assert [(p.row, p.column, p.key) for p in error.problems] == [(2, "ky", "period_future")]
    assert "chưa đến" in error.problems[0].text()
    assert observations(small_district) == []


def test_missing_columns_are_reported_on_row_one(small_district):
    data = csv_bytes([["ma_don_vi", "ma_chi_tieu", "ky", "tu_so"], ["99901", "3.4", "2022-01", "1"]])
    error = rejected(lambda: import_observations(small_district, data, filename="thieu.csv"))
    assert [(p.row, p.column, p.key) for p in error.problems] == [(1, "mau_so", "missing_column")]
    assert error.problems[0].text().startswith("Tệp thieu.csv, dòng 1, cột mau_so: thiếu cột bắt buộc")


def test_every_problem_is_listed_and_the_text_is_limited(small_district):
    rows = [HEADER] + [["99901", "3.4", f"2022-{m:02d}", "5", "4", ""] for m in range(1, 13)]
    error = rejected(lambda: import_observations(small_district, csv_bytes(rows), filename="many.csv"))
    assert [p.row for p in error.problems] == list(range(2, 14))
    lines = error.text(limit=5).splitlines()
    assert len(lines) == 1 + 5 + 1 and lines[-1] == "... và 7 lỗi khác."
    assert error.text("en", limit=5).splitlines()[-1] == "... and 7 more problem(s)."


def test_row_numbers_skip_blank_lines_like_the_spreadsheet(small_district):
    data = csv_bytes([HEADER, GOOD, ["", "", "", "", "", ""], ["99901", "3.4", "2022-02", "x", "2", ""]])
    error = rejected(lambda: import_observations(small_district, data, filename="b.csv"))
    assert [(p.row, p.column) for p in error.problems] == [(4, "tu_so")]


def test_header_only_file_is_rejected(small_district):
    error = rejected(lambda: import_observations(small_district, csv_bytes([HEADER]), filename="h.csv"))
    assert [p.key for p in error.problems] == ["no_rows"]


@pytest.mark.parametrize("content, key", [
    (b"", "file_empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "file_unreadable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "file_xls"),
    (b"PK\x03\x04not really a workbook", "file_unreadable"),
])
def test_unreadable_files_are_rejected_naming_the_file(small_district, content, key):
    error = rejected(lambda: import_observations(small_district, content, filename="anh.xlsx"))
    assert [(p.row, p.column, p.key) for p in error.problems] == [(None, None, key)]
    assert error.problems[0].text().startswith("Tệp anh.xlsx: ")


def test_check_observations_on_its_own(small_district):
    table = read_table(csv_bytes([HEADER, ["99901", "3.4", "2022-01", "1", "2", ""]]), "c.csv")
    with small_district.connect() as conn:
        rows, problems = check_observations(conn, definitions.load_catalogue(conn), table, "c.csv")
    assert problems == []
    assert [(r["row"], r["period"], r["numerator"], r["denominator"], r["change"]) for r in rows.to_dict("records")] == [
        (2, "2022-01", 1, 2, "insert")]
    assert observations(small_district) == []  # checking writes nothing


# --- Leading zeros lost in Excel ---------------------------------------------------------------

GSO_DISTRICT = [
    ("016", "Huyện Mê Linh", "huyen", None, 0, 0),
    ("00376", "Xã Tiền Phong", "xa", "016", 0, 0),
    ("00379", "Thị trấn Chi Đông", "thi_tran", "016", 0, 0),
]


def test_unit_codes_that_lost_leading_zeros_are_recovered(engine):
    add_units(engine, GSO_DISTRICT)
    data = csv_bytes([HEADER,
                      ["376", "3.4", "2022-01", "9", "10", ""],
                      ["00379", "3.4", "2022-01", "8", "10", ""],
                      ["16", "3.4", "2022-01", "90", "100", ""]])
    summary = import_observations(engine, data, filename="excel.csv")
    assert summary.inserted == 3
    assert summary.padded_codes == {"376": "00376", "16": "016"}
    assert [r[0] for r in observations(engine)] == ["00376", "00379", "016"]
    assert "376 → 00376" in summary.text()


# --- Encodings, delimiters and Excel -----------------------------------------------------------

NEW_UNITS = [
    UNIT_HEADER,
    ["99904", "Xã Quảng Điền", "xa", "999", "1", "0"],
    ["99905", "Thị trấn Đồng Hới", "thi_tran", "999", "0", ""],
    ["999-LĐ", "Phòng Lao động - Thương binh và Xã hội", "co_quan", "999", "", ""],
]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1258"])
def test_units_file_in_every_encoding(small_district, encoding):
    data = csv_bytes(NEW_UNITS, encoding=encoding)
    if encoding == "cp1258":
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")  # really a legacy file
    summary = import_units(small_district, data, filename=f"don_vi_{encoding}.csv")
    assert summary.inserted == 3
    assert unit(small_district, "99904") == ("99904", "Xã Quảng Điền", "xa", "999", True, False)
    assert unit(small_district, "99905")[1] == "Thị trấn Đồng Hới"
    assert unit(small_district, "999-LĐ")[1] == "Phòng Lao động - Thương binh và Xã hội"


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_observations_with_other_delimiters(small_district, delimiter):
    data = csv_bytes([HEADER, ["99901", "3.4", "2022-01", "1.234", "2000", "Ghi chú; có dấu, tab\tở giữa"]],
                     encoding="utf-8-sig", delimiter=delimiter)
    import_observations(small_district, data, filename="tab.csv")
    assert observations(small_district)[0][4:7] == (1234, 2000, "Ghi chú; có dấu, tab\tở giữa")


def test_headers_are_normalised():
    table = read_table("\ufeff Ma_Don_Vi ,KY\r\n 99901 , 2022 \r\n".encode("utf-8"), "h.csv")
    assert list(table.columns) == ["ma_don_vi", "ky"]
    assert table.loc[2].tolist() == ["99901", "2022"]


def test_read_table_xlsx_cells_as_text():
    data = xlsx_bytes([
        ["Ma_don_vi", "ky", "tu_so", "mau_so", "ghi_chu"],
        [99901, datetime(2022, 7, 1), 12, 12.0, None],
        [None, None, None, None, None],
        ["  00376 ", 2022, 2.5, 1234.0, "Ghi chú"],
    ])
    table = read_table(data, "bang.xlsx")
    assert list(table.columns) == ["ma_don_vi", "ky", "tu_so", "mau_so", "ghi_chu"]
    assert list(table.index) == [2, 4]  # the blank row 3 is skipped, numbers kept
    assert table.loc[2].tolist() == ["99901", "2022-07-01", "12", "12", ""]
    assert table.loc[4].tolist() == ["00376", "2022", "2.5", "1234", "Ghi chú"]



def test_read_table_xlsx_keeps_excel_rows_and_columns_where_column_a_is_empty():
    """The sheet's data starts in column B; rows and columns stay those Excel shows."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["B1"], sheet["C1"], sheet["D1"] = "ma_don_vi", "ky", "ghi_chu"
    sheet["B2"], sheet["C2"], sheet["D2"] = "99901", date(2022, 7, 1), True
    sheet["B6"], sheet["C6"], sheet["D6"] = 99902, datetime(2022, 7, 1, 8, 30), time(7, 45)
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table(buffer.getvalue(), "lech.xlsx")
    assert list(table.columns) == ["", "ma_don_vi", "ky", "ghi_chu"]  # column A, empty, stays column A
    assert list(table.index) == [2, 6]
    assert table.loc[2].tolist() == ["", "99901", "2022-07-01", "1"]
    assert table.loc[6].tolist() == ["", "99902", "2022-07-01 08:30:00", "07:45:00"]

def test_xlsx_import(small_district):
    data = xlsx_bytes([
        HEADER,
        [99901, "3.4", datetime(2022, 7, 1), 97, 100.0, "từ cổng dịch vụ công"],
        [99902, 3.4, "2022-07", 48.0, 50, None],
        ["999", "6.2", 2022, 1, 1, None],
    ])
    summary = import_observations(small_district, data, filename="cong_dvc.xlsx")
    assert (summary.rows_read, summary.inserted) == (3, 3)
    assert [r[:7] for r in observations(small_district)] == [
        ("999", "6.2", "2022", "Y", 1, 1, None),
        ("99901", "3.4", "2022-07", "M", 97, 100, "từ cổng dịch vụ công"),
        ("99902", "3.4", "2022-07", "M", 48, 50, None),
    ]


def test_xlsx_rejection_names_the_spreadsheet_row(small_district):
    data = xlsx_bytes([HEADER, [99901, "3.4", "2022-07", 97, 100, None], [99902, "3.4", "2022-07", 2.5, 50, None]])
    error = rejected(lambda: import_observations(small_district, data, filename="s.xlsx"))
    assert error.problems[0].text() == (
        "Tệp s.xlsx, dòng 3, cột tu_so: '2.5' không phải số nguyên; tử số và mẫu số là số đếm.")
    assert observations(small_district) == []


def test_read_table_from_a_path_names_the_file(tmp_path):
    path = tmp_path / "rac.csv"
    path.write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(TableError, match="rac.csv"):
        read_table(path)


# --- Units -------------------------------------------------------------------------------------

def test_units_import_inserts_parents_before_children_and_updates(engine):
    data = csv_bytes([
        UNIT_HEADER,
        ["01601", "Xã Một", "xa", "016", "0", "0"],          # child before its parent
        ["016-NV", "Phòng Nội vụ", "co_quan", "016", "", ""],
        ["016", "Huyện Mới", "huyen", "", "", ""],
        ["016-TT", "Trung tâm", "dvsn", "016", "0", "1"],
    ])
    version = db.data_version(engine)
    summary = import_units(engine, data, filename="don_vi.csv")
    assert (summary.rows_read, summary.inserted, summary.updated, summary.unchanged) == (4, 4, 0, 0)
    assert units(engine) == [
        ("016", "Huyện Mới", "huyen", None, False, False),
        ("016-NV", "Phòng Nội vụ", "co_quan", "016", False, False),
        ("016-TT", "Trung tâm", "dvsn", "016", False, True),
        ("01601", "Xã Một", "xa", "016", False, False),
    ]
    assert db.data_version(engine) == version + 1

    renamed = csv_bytes([
        UNIT_HEADER,
        ["01601", "Xã Một Mới", "xa", "016", "1", "0"],
        ["016-NV", "Phòng Nội vụ", "co_quan", "016", "", ""],
    ])
    summary = import_units(engine, renamed, filename="don_vi_2.csv")
    assert (summary.inserted, summary.updated, summary.unchanged) == (0, 1, 1)
    assert unit(engine, "01601") == ("01601", "Xã Một Mới", "xa", "016", True, False)
    assert len(units(engine)) == 4


def test_units_kind_names_and_padded_commune_codes(small_district):
    data = csv_bytes([UNIT_HEADER,
                      ["9906", "Xã Sáu", "Xã", "999", "0", "0"],
                      ["99907", "Thị trấn Bảy", "Thị trấn", "999", "0", "0"]])
    summary = import_units(small_district, data, filename="u.csv")
    assert summary.padded_codes == {"9906": "09906"}
    assert unit(small_district, "09906")[2] == "xa"
    assert unit(small_district, "99907")[2] == "thi_tran"


def test_units_without_flag_columns_keep_stored_flags(small_district):
    data = csv_bytes([["ma_don_vi", "ten_don_vi", "loai", "ma_cha"],
                      ["99903", "Xã Ba (đổi tên)", "xa", "999"],
                      ["99908", "Xã Tám", "xa", "999"]])
    import_units(small_district, data, filename="u.csv")
    assert unit(small_district, "99903") == ("99903", "Xã Ba (đổi tên)", "xa", "999", True, False)
    assert unit(small_district, "99908") == ("99908", "Xã Tám", "xa", "999", False, False)


UNIT_REJECTIONS = [
    ("empty code", ["", "Xã Mười", "xa", "999", "0", "0"], "ma_don_vi", "empty"),
    ("empty name", ["99910", "", "xa", "999", "0", "0"], "ten_don_vi", "empty"),
    ("unknown kind", ["99910", "Xã Mười", "lang", "999", "0", "0"], "loai", "kind_unknown"),
    ("unknown parent", ["99910", "Xã Mười", "xa", "888", "0", "0"], "ma_cha", "parent_unknown"),
    ("own parent", ["999-X", "Phòng X", "co_quan", "999-X", "0", "0"], "ma_cha", "own_parent"),
    ("dbkk not 0/1", ["99910", "Xã Mười", "xa", "999", "2", "0"], "dbkk", "flag_invalid"),
    ("partly self-financed not 0/1", ["99910", "Xã Mười", "xa", "999", "0", "có"], "tu_chu_mot_phan",
     "flag_invalid"),
    ("same code, other details", ["99909", "Xã Chín Khác", "xa", "999", "0", "0"], "ma_don_vi", "duplicate_unit"),
    ("name too long", ["99910", "X" * 201, "xa", "999", "0", "0"], "ten_don_vi", "too_long"),
]


@pytest.mark.parametrize("bad, column, key", [r[1:] for r in UNIT_REJECTIONS], ids=[r[0] for r in UNIT_REJECTIONS])
def test_one_bad_unit_rejects_the_units_file(small_district, bad, column, key):
    before, version = units(small_district), db.data_version(small_district)
    data = csv_bytes([UNIT_HEADER, ["99909", "Xã Chín", "xa", "999", "0", "0"],
                      ["999", "Huyện Thử Nghiệm (mới)", "huyen", "", "0", "0"], bad])
    error = rejected(lambda: import_units(small_district, data, filename="dv.csv"))
    assert [(p.file, p.row, p.column, p.key) for p in error.problems] == [("dv.csv", 4, column, key)]
    assert units(small_district) == before
    assert db.data_version(small_district) == version


def test_unit_parent_may_come_later_in_the_file_but_loops_are_rejected(small_district):
    data = csv_bytes([UNIT_HEADER,
                      ["999-A", "Phòng A", "co_quan", "999-B", "0", "0"],
                      ["999-B", "Phòng B", "co_quan", "999-A", "0", "0"]])
    error = rejected(lambda: import_units(small_district, data, filename="vong.csv"))
    assert [(p.row, p.column, p.key) for p in error.problems] == [(2, "ma_cha", "parent_cycle"),
                                                                   (3, "ma_cha", "parent_cycle")]
    assert "999-A → 999-B → 999-A" in error.problems[0].text()


def test_units_missing_columns_and_messages(small_district):
    data = csv_bytes([["ten_don_vi", "loai"], ["Xã Mười", "xa"]])
    error = rejected(lambda: import_units(small_district, data, filename="dv.csv"))
    assert [(p.row, p.column) for p in error.problems] == [(1, "ma_don_vi"), (1, "ma_cha")]
    data = csv_bytes([["ma_don_vi", "ten_don_vi"], ["99910", "Xã Mười"]])  # a new unit in a partial file
    error = rejected(lambda: import_units(small_district, data, filename="dv.csv"))
    assert [(p.row, p.column, p.key) for p in error.problems] == [(2, "ma_don_vi", "unit_new_needs")]
    assert error.problems[0].text() == ("Tệp dv.csv, dòng 2, cột ma_don_vi: đơn vị 99910 chưa có trong danh sách "
                                        "đơn vị; đơn vị mới cần đủ các cột loai, ma_cha.")
    data = csv_bytes([UNIT_HEADER, ["99910", "Xã Mười", "xa", "888", "0", "0"]])
    error = rejected(lambda: import_units(small_district, data, filename="dv.csv"))
    assert error.problems[0].text() == (
        "Tệp dv.csv, dòng 2, cột ma_cha: không tìm thấy đơn vị cha mã 888 trong cơ sở dữ liệu hay trong tệp.")
    assert error.problems[0].text("en") == (
        "File dv.csv, row 2, column ma_cha: parent unit 888 is neither in the database nor in the file.")


def test_identical_unit_rows_are_fine(small_district):
    row = ["99911", "Xã Mười Một", "xa", "999", "0", "0"]
    summary = import_units(small_district, csv_bytes([UNIT_HEADER, row, row]), filename="dv.csv")
    assert (summary.rows_read, summary.inserted) == (2, 1)


def test_problem_text_without_row():
    assert Problem("a.csv", None, None, "file_empty").text("en") == "File a.csv: the file is empty."
