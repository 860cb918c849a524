"""The one-stop portal's statistics file (lib.io.portal, lib.store.portal): a wide file with its own
column names and order, mapped once (numerators and denominators as sums of columns), names matched
to units as boundary names are (an unmatched and an ambiguous one paired by hand), the mapping and
the pairings saved and reused on the next file, and a refused file named at its row and column."""
from datetime import date

import pytest
from sqlalchemy import select

from lib.io import portal
from lib.io.problems import ImportRejected
from lib.store import portal as stored
from lib.store.models import AuditEntry, Observation, Unit
from lib.store.units import write_units

TODAY = date(2026, 11, 27)
# as a portal exports it: its own names, in its own order, a total row, names with "UBND" and any case
HEADER = "STT,Tên đơn vị,Tháng,Trễ hạn,Đúng hạn,Trước hạn,Đã giải quyết,Mức độ 4,Mức độ 3,Đã tiếp nhận\n"
MAY = (HEADER
       + "1,UBND Thị trấn Một,Tháng 5/2022,1,6,3,10,4,2,12\n"
       + "2,xã hai,Tháng 5/2022,0,5,5,10,1,1,20\n"
       + "3,Hai,Tháng 5/2022,0,1,1,2,0,1,3\n"
       + "4,Tổng cộng,Tháng 5/2022,1,12,9,22,5,4,35\n")
EXPECTED = portal.Mapping("tên đơn vị", "tháng", {
    "3.1b/tu_so": ["mức độ 4", "mức độ 3"], "3.1b/mau_so": ["đã tiếp nhận"],
    "3.4/tu_so": ["đúng hạn", "trước hạn"], "3.4/mau_so": ["đã giải quyết"]})


@pytest.fixture
def district(small_district):
    """The small district and a ward whose name, without its prefix, is a commune's ('Hai')."""
    with small_district.begin() as conn:
        write_units(conn, [{"code": "99904", "name": "Phường Hai", "kind": "phuong", "parent_code": "999"}])
    return small_district


def figures(engine) -> dict:
    with engine.connect() as conn:
        rows = conn.execute(select(Unit.code, Observation.indicator, Observation.period, Observation.numerator,
                                   Observation.denominator).join(Unit, Unit.id == Observation.unit_id)).all()
    return {(c, i, p): (n, d) for c, i, p, n, d in rows}


def test_a_portal_file_is_mapped_paired_and_imported_with_sums_of_columns(district):
    table = portal.read(MAY.encode(), "cong_dvc_05.csv")
    mapping = portal.guess(list(table.columns))
    assert mapping == EXPECTED  # the usual names are guessed; the secretariat confirms or corrects
    assert stored.save_mapping(district, portal.headers_key(table.columns), mapping.as_dict(), "noivu", "cong_dvc_05.csv")

    converted, preview = portal.preview(district, table, mapping, "cong_dvc_05.csv", today=TODAY)
    assert [(p.row, p.column, p.key, p.params) for p in preview.problems] == [
        (4, "tên đơn vị", "portal_unit_ambiguous", {"name": "Hai"}),
        (5, "tên đơn vị", "portal_unit_unmatched", {"name": "Tổng cộng"})]
    assert (converted.unmatched, converted.ambiguous) == (["Tổng cộng"], ["Hai"])
    assert "Tệp cong_dvc_05.csv, dòng 5, cột tên đơn vị: tên 'Tổng cộng' không khớp" in preview.problems[1].text()
    assert figures(district) == {}

    assert stored.save_pairs(district, {"Hai": "99904", "Tổng cộng": ""}, "noivu", "cong_dvc_05.csv") == 2
    converted, preview = portal.preview(district, table, mapping, "cong_dvc_05.csv", today=TODAY)
    assert preview.ok, [p.text() for p in preview.problems]
    assert (preview.summary.inserted, preview.summary.rows_read) == (6, 4)
    assert converted.table.index.tolist() == [2, 2, 3, 3, 4, 4]  # the portal file's rows

    summary = portal.import_file(district, table, mapping, "cong_dvc_05.csv", today=TODAY, user="noivu")
    assert summary.inserted == 6 and "cong_dvc_05.csv" in summary.text()
    assert figures(district) == {
        ("99901", "3.1b", "2022-05"): (6, 12), ("99901", "3.4", "2022-05"): (9, 10),
        ("99902", "3.1b", "2022-05"): (2, 20), ("99902", "3.4", "2022-05"): (10, 10),
        ("99904", "3.1b", "2022-05"): (1, 3), ("99904", "3.4", "2022-05"): (2, 2)}
    with district.connect() as conn:
        actions = conn.execute(select(AuditEntry.action, AuditEntry.entity)
                               .where(AuditEntry.action.like("portal.%")).order_by(AuditEntry.id)).all()
    assert [a for a, _e in actions] == ["portal.mapping", "portal.pair", "portal.pair"]


def test_the_saved_mapping_and_pairings_serve_the_next_file(district):
    table = portal.read(MAY.encode(), "cong_dvc_05.csv")
    stored.save_mapping(district, portal.headers_key(table.columns), EXPECTED.as_dict(), "noivu")
    stored.save_pairs(district, {"Hai": "99904", "Tổng cộng": ""}, "noivu")
    # next month's file: the same columns in another order, figures for June
    june = ("Tên đơn vị,Đã tiếp nhận,Mức độ 3,Mức độ 4,Đã giải quyết,Trước hạn,Đúng hạn,Trễ hạn,Tháng,STT\n"
            "UBND Thị trấn Một,10,1,1,8,4,4,0,06/2022,1\nHai,2,1,0,2,1,0,1,06/2022,2\n"
            "Tổng cộng,12,2,1,10,5,4,1,06/2022,3\n")
    second = portal.read(june.encode(), "cong_dvc_06.xlsx")
    saved = portal.Mapping.from_dict(stored.mapping_for(district, portal.headers_key(second.columns)))
    assert saved == EXPECTED
    portal.import_file(district, second, saved, "cong_dvc_06.xlsx", today=TODAY, user="noivu")
    assert figures(district) == {("99901", "3.1b", "2022-06"): (2, 10), ("99901", "3.4", "2022-06"): (8, 8),
                                 ("99904", "3.1b", "2022-06"): (1, 2), ("99904", "3.4", "2022-06"): (1, 2)}
    # other headers: no saved mapping
    assert stored.mapping_for(district, portal.headers_key(["đơn vị", "tổng"])) is None


def test_a_file_without_a_mapped_column_is_refused_naming_file_row_and_column(district):
    table = portal.read(MAY.replace("Đúng hạn", "Đúng hẹn").encode(), "thieu_cot.csv")
    with pytest.raises(ImportRejected) as refused:
        portal.import_file(district, table, EXPECTED, "thieu_cot.csv", today=TODAY)
    [problem] = refused.value.problems
    assert (problem.file, problem.row, problem.column, problem.key) == ("thieu_cot.csv", 1, "đúng hạn",
                                                                         "portal_missing_column")
    assert problem.text().startswith("Tệp thieu_cot.csv, dòng 1, cột đúng hạn: cách đọc đã chọn cần cột này")
    assert figures(district) == {}


def test_the_imports_checks_are_named_at_the_portal_files_rows_and_columns(district):
    stored.save_pairs(district, {"Hai": "99904", "Tổng cộng": ""}, "noivu")
    bad = MAY.replace("1,UBND Thị trấn Một,Tháng 5/2022,1,6,3,10", "1,UBND Thị trấn Một,Tháng 5/2022,1,6,9,10")
    bad = bad.replace("2,xã hai,Tháng 5/2022,0,5,5,10,1,1,20", "2,xã hai,Tháng 5/2022,0,5,5,10,một,1,20")
    table = portal.read(bad.encode(), "sai.csv")
    _converted, preview = portal.preview(district, table, EXPECTED, "sai.csv", today=TODAY)
    assert [(p.row, p.column, p.key) for p in preview.problems] == [(3, "mức độ 4", "count_not_number")]
    table = portal.read(MAY.replace("1,6,3,10", "1,6,9,10").encode(), "sai.csv")
    with pytest.raises(ImportRejected) as refused:
        portal.import_file(district, table, EXPECTED, "sai.csv", today=TODAY)
    assert [(p.row, p.column, p.key) for p in refused.value.problems] == [
        (2, "đúng hạn + trước hạn", "numerator_above")]
    assert figures(district) == {}


def test_one_period_for_a_file_without_a_month_column(district):
    text = "Đơn vị,Tiếp nhận,Trực tuyến,Đã xử lý,Trước hạn,Đúng hạn,Trễ hạn\nTT. Một,10,4,8,2,5,1\n"
    table = portal.read(text.encode(), "quy.csv")
    mapping = portal.guess(list(table.columns))
    assert (mapping.unit, mapping.month) == ("đơn vị", None)
    converted = portal.converted_for(district, table, mapping, "quy.csv")
    assert [p.key for p in converted.problems] == ["portal_no_period"]
    portal.import_file(district, table, mapping, "quy.csv", period="2022-07", today=TODAY)
    assert figures(district) == {("99901", "3.1b", "2022-07"): (4, 10), ("99901", "3.4", "2022-07"): (7, 8)}


def test_month_cells_and_unit_names_as_portals_write_them():
    assert portal.month_text("Tháng 3/2024") == "3/2024"
    assert portal.month_text("tháng 03 năm 2024") == "03/2024"
    assert portal.month_text("T12-2023") == "12/2023"
    assert portal.month_text("2024-03") == "2024-03"
    assert portal.unit_name("UBND xã Minh Trí") == "xã Minh Trí"
    assert portal.unit_name("Ủy ban nhân dân thị trấn Sóc Sơn") == "thị trấn Sóc Sơn"
    assert portal.unit_name("Uỷ ban nhân dân Xã Phù Linh") == "Xã Phù Linh"
    assert portal.unit_name("Xã Ubnd") == "Xã Ubnd"
    assert portal.Mapping.from_dict(EXPECTED.as_dict()) == EXPECTED
    assert portal.Mapping.from_dict({"month": "x"}) is None
    guessed = portal.guess(["đơn vị", "tiếp nhận trực tuyến", "tiếp nhận", "đã xử lý", "trễ hạn"])
    assert guessed.sums == {"3.1b/tu_so": ["tiếp nhận trực tuyến"], "3.1b/mau_so": ["tiếp nhận"],
                            "3.4/tu_so": [], "3.4/mau_so": ["đã xử lý"]}


def test_on_time_as_resolved_minus_late_as_gia_lai_gives_it(district):
    text = ("Đơn vị,Tháng,Tiếp nhận,Trực tuyến,Đã giải quyết,Trễ hạn\n"
            "Thị trấn Một,07/2022,10,4,8,1\nXã Hai,07/2022,10,4,2,3\n")
    table = portal.read(text.encode(), "gia_lai.csv")
    mapping = portal.Mapping("đơn vị", "tháng", {
        "3.1b/tu_so": ["trực tuyến"], "3.1b/mau_so": ["tiếp nhận"], "3.4/tu_so": ["đã giải quyết"],
        "3.4/mau_so": ["đã giải quyết"]}, minus={"3.4/tu_so": ["trễ hạn"]})
    assert portal.Mapping.from_dict(mapping.as_dict()) == mapping
    with pytest.raises(ImportRejected) as refused:  # Xã Hai: more late than resolved
        portal.import_file(district, table, mapping, "gia_lai.csv", today=TODAY)
    assert [(p.row, p.column, p.key) for p in refused.value.problems] == [
        (3, "đã giải quyết - trễ hạn", "count_negative")]
    portal.import_file(district, portal.read(text.replace(",2,3\n", ",5,3\n").encode(), "gia_lai.csv"), mapping,
                       "gia_lai.csv", today=TODAY)
    assert figures(district) == {("99901", "3.1b", "2022-07"): (4, 10), ("99901", "3.4", "2022-07"): (7, 8),
                                 ("99902", "3.1b", "2022-07"): (4, 10), ("99902", "3.4", "2022-07"): (2, 5)}


# as provincial portals export a report: a title, the unit and period lines and a blank row above the header
TITLED = ("BÁO CÁO TÌNH HÌNH TIẾP NHẬN VÀ GIẢI QUYẾT HỒ SƠ;;;;;;;;;\n"
          "Đơn vị: UBND huyện Thử Nghiệm;;;;;;;;;\n"
          "Kỳ báo cáo: Tháng 5/2022;;;;;;;;;\n"
          ";;;;;;;;;\n"
          + MAY.replace(",", ";"))


def test_the_header_is_found_below_a_title_the_unit_and_period_lines_and_blank_rows(district):
    table = portal.read(TITLED.encode("utf-8-sig"), "bao_cao_05.csv")  # semicolons, found below the title
    assert portal.header_rows(table) == [5]
    assert list(table.columns) == list(portal.read(MAY.encode(), "x.csv").columns)
    assert table.index.tolist() == [6, 7, 8, 9]  # the rows as the spreadsheet numbers them
    assert portal.guess(list(table.columns)) == EXPECTED
    _converted, preview = portal.preview(district, table, EXPECTED, "bao_cao_05.csv", today=TODAY)
    assert [(p.row, p.column, p.params["name"]) for p in preview.problems] == [
        (8, "tên đơn vị", "Hai"), (9, "tên đơn vị", "Tổng cộng")]
    assert preview.problems[1].text().startswith("Tệp bao_cao_05.csv, dòng 9, cột tên đơn vị:")

    stored.save_pairs(district, {"Hai": "99904", "Tổng cộng": ""}, "noivu")
    table = portal.read(TITLED.replace("3;10;4;2;12", "9;10;4;2;12").encode(), "bao_cao_05.csv")
    with pytest.raises(ImportRejected) as refused:  # the import's own checks, at the file's row
        portal.import_file(district, table, EXPECTED, "bao_cao_05.csv", today=TODAY)
    assert [(p.row, p.column, p.key) for p in refused.value.problems] == [
        (6, "đúng hạn + trước hạn", "numerator_above")]
    missing = portal.read(TITLED.replace("Đúng hạn", "Đúng hẹn").encode(), "bao_cao_05.csv")
    with pytest.raises(ImportRejected) as refused:
        portal.import_file(district, missing, EXPECTED, "bao_cao_05.csv", today=TODAY)
    assert [(p.row, p.column) for p in refused.value.problems] == [(5, "đúng hạn")]  # the header's row
    assert figures(district) == {}
    portal.import_file(district, portal.read(TITLED.encode(), "bao_cao_05.csv"), EXPECTED, "bao_cao_05.csv",
                       today=TODAY)
    assert figures(district)[("99901", "3.4", "2022-05")] == (9, 10)


def merged_header_workbook(path) -> None:
    """An XLSX as a portal writes it: a merged title, the unit and period, a blank row, a two-row header
    (the unit and month cells merged down, each group's name merged over its columns), a row of the
    columns' numbers, then the units."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet["A1"] = "BÁO CÁO TÌNH HÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
    sheet.merge_cells("A1:J1")
    sheet["A2"] = "Đơn vị: UBND huyện Thử Nghiệm"
    sheet["A3"] = "Kỳ báo cáo: Tháng 5/2022"
    for cell, name in (("A5", "STT"), ("B5", "Tên đơn vị"), ("C5", "Tháng")):
        sheet[cell] = name
        sheet.merge_cells(f"{cell}:{cell[0]}6")
    sheet["D5"] = "Hồ sơ tiếp nhận"
    sheet.merge_cells("D5:F5")
    sheet["G5"] = "Kết quả giải quyết"
    sheet.merge_cells("G5:J5")
    for column, name in zip("DEFGHIJ", ("Tổng", "Trực tuyến", "Trực tiếp", "Đã giải quyết", "Trước hạn",
                                        "Đúng hạn", "Trễ hạn")):
        sheet[f"{column}6"] = name
    sheet.append([f"({n})" for n in range(1, 11)])
    sheet.append([1, "UBND Thị trấn Một", "Tháng 5/2022", 12, 6, 6, 10, 3, 6, 1])
    sheet.append([2, "Xã Hai", "Tháng 5/2022", 20, 2, 18, 10, 5, "năm", 0])
    sheet.append([])
    sheet.append([3, "Xã Ba", "Tháng 5/2022", 5, 5, 0, 4, 4, 0, 0])
    book.save(path)


MERGED = portal.Mapping("tên đơn vị", "tháng", {
    "3.1b/tu_so": ["hồ sơ tiếp nhận / trực tuyến"], "3.1b/mau_so": ["hồ sơ tiếp nhận / tổng"],
    "3.4/tu_so": ["kết quả giải quyết / trước hạn", "kết quả giải quyết / đúng hạn"],
    "3.4/mau_so": ["kết quả giải quyết / đã giải quyết"]})


def test_a_two_row_merged_header_names_each_column_under_its_group(district, tmp_path):
    path = tmp_path / "cong_dvc_05.xlsx"
    merged_header_workbook(path)
    table = portal.read(path.read_bytes(), path.name)
    assert portal.header_rows(table) == [5, 6, 7]  # the two header rows and the columns' numbers
    assert list(table.columns) == [
        "stt", "tên đơn vị", "tháng", "hồ sơ tiếp nhận / tổng", "hồ sơ tiếp nhận / trực tuyến",
        "hồ sơ tiếp nhận / trực tiếp", "kết quả giải quyết / đã giải quyết", "kết quả giải quyết / trước hạn",
        "kết quả giải quyết / đúng hạn", "kết quả giải quyết / trễ hạn"]
    assert table.index.tolist() == [8, 9, 11]  # the blank row 10 passed over, the numbers kept
    with pytest.raises(ImportRejected) as refused:
        portal.import_file(district, table, MERGED, path.name, today=TODAY)
    [problem] = refused.value.problems
    assert (problem.row, problem.column, problem.key) == (9, "kết quả giải quyết / đúng hạn", "count_not_number")
    assert problem.text().startswith("Tệp cong_dvc_05.xlsx, dòng 9, cột kết quả giải quyết / đúng hạn:")
    assert figures(district) == {}


def test_the_header_is_the_row_before_the_figures_when_no_column_has_a_known_name():
    rows = [["Báo cáo", ""], [], ["Cột A", "Cột B", "Cột C"], ["x", "1", "2"], ["y", "3", "4"]]
    assert portal.find_header(rows) == ([3], ["Cột A", "Cột B", "Cột C"])
    assert portal.find_header([["a"], ["1", "2"]]) == ([1], ["a"])  # nothing like a header: row 1
    assert portal.header_names(["Mức độ 3", "", "Mức độ 4", ""], ["Tổng", "Trễ hạn", "Tổng", "Trễ hạn"]) == [
        "Mức độ 3 / Tổng", "Mức độ 3 / Trễ hạn", "Mức độ 4 / Tổng", "Mức độ 4 / Trễ hạn"]
