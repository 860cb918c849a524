"""Files that cannot hurt the server, and bad files refused with a message naming the file, row and
column (never a traceback), changing nothing: the size limits (lib.core.settings.Limits, checked by
lib.io.tabular before the expensive work), XLSX zip bombs and XML entities, mixed encodings and quotes
left open, on the importer and the command line (SQLite and PostgreSQL)."""
from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from conftest import add_figures, run_cli, to_cp1258
from sqlalchemy import func, select

from lib.core import settings
from lib.io.importer import import_observations
from lib.io.problems import ImportRejected
from lib.io.tabular import TableError, read_table
from lib.io.unit_import import import_units
from lib.present import i18n
from lib.store import db
from lib.store.models import AuditEntry, Observation, Unit

HEADER = "ma_don_vi,ma_chi_tieu,ky,tu_so,mau_so,ghi_chu\n"
ROW = "99901,3.4,2022-{month:02d},9,10,\n"
UNIT_HEADER = "ma_don_vi,ten_don_vi,loai,ma_cha\n"


def figures(months: int) -> bytes:
    return (HEADER + "".join(ROW.format(month=m % 12 + 1) for m in range(months))).encode()


def xlsx(rows) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rezip(data: bytes, change) -> bytes:
    """The XLSX `data` with each part's bytes passed through change(name, content)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            target.writestr(name, change(name, source.read(name)))
    return out.getvalue()


def state(engine) -> tuple[int, int, int]:
    with engine.connect() as conn:
        return tuple(conn.execute(select(func.count()).select_from(t)).scalar() for t in (Observation, AuditEntry, Unit))


def refusal(engine, data: bytes, name: str, lang: str = "vi", importer=import_observations):
    """The one problem of a refused file, after checking that nothing in the database changed."""
    before = state(engine)
    with pytest.raises(ImportRejected) as info:
        importer(engine, data, filename=name, lang=lang)
    assert state(engine) == before
    assert len(info.value.problems) == 1
    return info.value.problems[0]


@pytest.fixture
def district(small_district):
    """The small district with a figure already stored, so that "nothing changed" means something."""
    add_figures(small_district, [("99901", "3.4", "2021-12", 1, 2)])
    return small_district


@pytest.fixture
def small_limits(monkeypatch):
    monkeypatch.setenv("CCHC_MAX_FILE_MB", "1")
    monkeypatch.setenv("CCHC_MAX_ROWS", "5")
    monkeypatch.setenv("CCHC_MAX_CELL_CHARS", "50")
    monkeypatch.setenv("CCHC_MAX_XLSX_MB", "1")


# --- the settings --------------------------------------------------------------------------------

def test_the_limits_default_and_are_set_from_the_environment(monkeypatch):
    for name in settings.LIMIT_DEFAULTS:
        monkeypatch.delenv(name, raising=False)
    assert settings.limits() == settings.Limits(max_file_bytes=20 * 2**20, max_rows=200_000, max_cell_chars=2_000,
                                                max_xlsx_bytes=100 * 2**20)
    monkeypatch.setenv("CCHC_MAX_ROWS", "3000000")
    assert settings.limits().max_rows == 3_000_000
    monkeypatch.setenv("CCHC_MAX_ROWS", "nhiều")
    with pytest.raises(ValueError, match="CCHC_MAX_ROWS"):
        settings.limits()


# --- sizes ---------------------------------------------------------------------------------------

def test_a_file_over_the_size_limit_is_refused(district, small_limits):
    data = figures(2) + b"#" * (2**20)
    problem = refusal(district, data, "lon.csv")
    assert (problem.row, problem.column, problem.key) == (None, None, "file_too_big")
    assert problem.text() == "Tệp lon.csv: tệp quá lớn (hơn 1 MB); hãy chia thành nhiều tệp nhỏ hơn."
    assert problem.text("en") == "File lon.csv: the file is too large (over 1 MB); split it into smaller files."


def test_the_cli_refuses_a_large_file_without_reading_it(cli_db, capsys, tmp_path):
    """A 4 GB (sparse) file is refused at once: its size is checked before it is read."""
    assert run_cli(capsys, "init-db")[0] == 0
    path = tmp_path / "khong_lo.csv"
    with open(path, "wb") as handle:
        handle.write(HEADER.encode())
        handle.truncate(4 * 2**30)
    for command in ("import", "import-units"):
        code, _, err = run_cli(capsys, command, str(path))
        assert code == 2 and err.strip() == (
            "Không nhập tệp khong_lo.csv: có 1 lỗi; chưa ghi dữ liệu nào.\n"
            "Tệp khong_lo.csv: tệp quá lớn (hơn 20 MB); hãy chia thành nhiều tệp nhỏ hơn.")


def test_rows_over_the_limit_are_refused_naming_the_first_row_too_many(district, small_limits):
    assert import_observations(district, figures(5), filename="du.csv").inserted == 5
    problem = refusal(district, figures(6) + b"\n,,,,,\n", "thua.csv")
    assert (problem.row, problem.column, problem.key) == (7, None, "file_too_many_rows")
    assert problem.text() == "Tệp thua.csv, dòng 7: tệp có hơn 5 dòng số liệu; hãy chia thành nhiều tệp nhỏ hơn."


def test_blank_rows_do_not_count_towards_the_row_limit(small_limits):
    table = read_table(figures(5) + b",,,,,\n" * 1000 + b"\n" * 1000, "trong.csv")
    assert len(table) == 5


def test_the_row_limit_stops_reading_an_xlsx_sheet(district, small_limits):
    rows = [HEADER.strip().split(",")] + [["99901", "3.4", f"2022-{m:02d}", 9, 10] for m in range(1, 13)]
    problem = refusal(district, xlsx(rows), "thua.xlsx")
    assert (problem.row, problem.key) == (7, "file_too_many_rows")


def test_the_command_line_takes_a_raised_row_limit_from_the_environment(cli_db, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("CCHC_MAX_ROWS", "2")
    assert run_cli(capsys, "init-db")[0] == 0
    units = tmp_path / "don_vi.csv"
    units.write_text(UNIT_HEADER + "998,Huyện A,huyen,\n99801,Xã B,xa,998\n99802,Xã C,xa,998\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "import-units", str(units))
    assert code == 2 and "Tệp don_vi.csv, dòng 4: tệp có hơn 2 dòng số liệu" in err
    monkeypatch.setenv("CCHC_MAX_ROWS", "3")
    code, out, _ = run_cli(capsys, "import-units", str(units))
    assert code == 0 and "thêm mới 3" in out


def test_a_cell_over_the_limit_is_refused_naming_its_row_and_column(district, small_limits):
    problem = refusal(district, figures(2) + ("99902,3.4,2022-01,1,2," + "x" * 51 + "\n").encode(), "dai.csv")
    assert (problem.row, problem.column, problem.key) == (4, "ghi_chu", "file_cell_too_long")
    assert problem.text("en") == "File dai.csv, row 4, column ghi_chu: the cell is too long (51 characters, at most 50)."


def test_a_cell_longer_than_the_csv_modules_own_limit_is_named(district):
    """csv stops at 131,072 characters with its own error; the cell limit names the row and column."""
    data = (HEADER + "99901,3.4,2022-01,9,10," + "ghi chú " * 20_000 + "\n").encode()
    problem = refusal(district, data, "rat_dai.csv")
    assert (problem.row, problem.column, problem.key) == (2, "ghi_chu", "file_cell_too_long")
    assert problem.params == {"length": 159_999, "limit": 2000}


def test_a_unit_name_over_the_cell_limit_is_refused_by_the_reader(district, small_limits):
    data = (UNIT_HEADER + "99904," + "Xã " * 30 + ",xa,999\n").encode()
    problem = refusal(district, data, "ten.csv", importer=import_units)
    assert (problem.row, problem.column, problem.key) == (2, "ten_don_vi", "file_cell_too_long")


def test_checking_a_file_of_bad_rows_stops_after_enough_problems(district, monkeypatch):
    from lib.io import problems

    monkeypatch.setattr(problems, "MAX_PROBLEMS", 4)
    bad = (HEADER + "".join(f"9990{i},3.4,2022-13,x,10,\n" for i in range(1, 8))).encode()
    before = state(district)
    with pytest.raises(ImportRejected) as info:
        import_observations(district, bad, filename="sai.csv")
    assert [(p.row, p.column, p.key) for p in info.value.problems][-3:] == [
        (3, "ky", "period_month"), (3, "tu_so", "count_not_number"), (4, None, "stopped")]
    assert info.value.problems[-1].text() == ("Tệp sai.csv, dòng 4: đã dừng kiểm tra từ dòng này sau 4 lỗi; hãy sửa "
                                              "các lỗi đã nêu rồi gửi lại tệp.")
    assert state(district) == before
    with pytest.raises(ImportRejected) as info:
        import_units(district, (UNIT_HEADER + "A,,sai,\n" * 5).encode(), filename="dv.csv")
    assert info.value.problems[-1].key == "stopped" and info.value.problems[-1].row == 4


# --- XLSX: zip bombs and XML entities ------------------------------------------------------------

def test_an_xlsx_that_unpacks_too_large_is_refused_before_it_is_opened(district, small_limits):
    """A few kilobytes that unpack to 3 MB of sheet XML (a zip bomb in small): refused on the sizes
    the zip declares, before openpyxl reads a row."""
    def pad(name, content):
        if name == "xl/worksheets/sheet1.xml":
            return content.replace(b"<sheetData>", b"<sheetData>" + b" " * (3 * 2**20))
        return content

    data = rezip(xlsx([["ma_don_vi"], ["99901"]]), pad)
    assert len(data) < 50_000
    problem = refusal(district, data, "bom.xlsx")
    assert (problem.row, problem.key) == (None, "file_xlsx_too_big")
    assert problem.text() == ("Tệp bom.xlsx: tệp Excel khi giải nén lớn hơn 1 MB, quá lớn hoặc bị nén bất thường; "
                              "hãy chia thành nhiều tệp nhỏ hơn.")


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "hahahahaha">'
          + b"".join(b'<!ENTITY %s "%s">' % (bytes([98 + i]), bytes([97 + i]).join([b"&", b";"]) * 10)
                     for i in range(8)) + b"]>")


def test_an_xlsx_declaring_xml_entities_is_refused(district):
    """Entity declarations (a 'billion laughs' here) are never written by Excel: refused, not expanded."""
    def laughs(name, content):
        if name == "xl/worksheets/sheet1.xml":
            return LAUGHS + content[content.index(b"<worksheet"):].replace(b"99901", b"&i;")
        return content

    data = rezip(xlsx([HEADER.strip().split(","), ["99901", "3.4", "2022-01", 9, 10]]), laughs)
    problem = refusal(district, data, "cuoi.xlsx", lang="en")
    assert (problem.row, problem.key, problem.params) == (None, "file_xml_doctype",
                                                          {"part": "xl/worksheets/sheet1.xml"})
    assert problem.text("en").startswith("File cuoi.xlsx: the Excel file has a DOCTYPE/ENTITY declaration")


def test_a_damaged_sheet_inside_a_valid_zip_is_unreadable_not_a_traceback(district):
    def damage(name, content):
        return content.replace(b"</sheetData>", b"<row><c") if name == "xl/worksheets/sheet1.xml" else content

    problem = refusal(district, rezip(xlsx([["ma_don_vi"], ["99901"]]), damage), "hong.xlsx")
    assert problem.key == "file_unreadable"


# --- CSV: encodings and quotes -------------------------------------------------------------------

def test_a_csv_mixing_utf8_and_windows_1258_lines_is_refused_naming_the_row(district):
    data = (HEADER + "99901,3.4,2022-01,9,10,Xã Bắc Sơn\n99902,3.4,2022-01,9,10,\n").encode() + to_cp1258(
        "99903,3.4,2022-01,9,10,Xã Bắc Sơn\n")
    problem = refusal(district, data, "tron.csv")
    assert (problem.row, problem.column, problem.key) == (4, "ghi_chu", "file_mixed_encoding")
    assert problem.text() == ("Tệp tron.csv, dòng 4, cột ghi_chu: dòng này dùng bảng mã Windows-1258 trong khi các "
                              "dòng trước dùng UTF-8, dữ liệu sẽ bị lỗi phông; hãy lưu lại cả tệp bằng một bảng mã "
                              "(UTF-8).")


def test_a_windows_1258_file_with_a_utf8_line_or_a_bom_is_refused(district):
    legacy = to_cp1258(HEADER + "99901,3.4,2022-01,9,10,Xã Bắc Sơn\n") + "99902,3.4,2022-01,9,10,Xã Hai\n".encode()
    problem = refusal(district, legacy, "cu.csv", lang="en")
    assert (problem.row, problem.column, problem.params) == (3, "ghi_chu", {"encoding": "Windows-1258",
                                                                            "other": "UTF-8"})
    with_bom = "\ufeff".encode() + (HEADER + "99901,3.4,2022-01,9,10,ok\n").encode() + to_cp1258(
        "99902,3.4,2022-01,9,10,Xã Hai\n")
    problem = refusal(district, with_bom, "bom.csv")
    assert (problem.row, problem.column, problem.key) == (3, "ghi_chu", "file_mixed_encoding")


def test_a_whole_windows_1258_file_is_still_read(district):
    data = to_cp1258(UNIT_HEADER + "99904,Xã Quảng Điền – Hòa,xa,999\n")
    assert import_units(district, data, filename="cu.csv").inserted == 1


def test_a_quote_left_open_is_refused_naming_where_it_opened(district):
    data = (HEADER + '99901,3.4,2022-01,9,10,"Ghi chú mở\n99902,3.4,2022-01,9,10,\n99903,3.4,2022-01,9,10,\n').encode()
    problem = refusal(district, data, "ngoac.csv")
    assert (problem.row, problem.column, problem.key) == (2, "ghi_chu", "file_open_quote")
    assert problem.text() == ('Tệp ngoac.csv, dòng 2, cột ghi_chu: dấu ngoặc kép (") mở ở ô này không được đóng, phần '
                              'còn lại của tệp sẽ bị gộp vào một ô; hãy đóng hoặc bỏ dấu ngoặc kép.')


def test_quoted_cells_over_several_lines_are_still_read():
    table = read_table((HEADER + '99901,3.4,2022-01,9,10,"Một ""dòng""\nhai dòng"\n99902,3.4,2022-01,9,10,"x"'
                        ).encode(), "nhieu_dong.csv")
    assert table["ghi_chu"].tolist() == ['Một "dòng"\nhai dòng', "x"]


def test_the_reader_names_the_row_and_column_in_english_too():
    with pytest.raises(TableError) as error:
        read_table((HEADER + '99901,"3.4,2022-01,9,10,\n').encode(), "q.csv")
    assert (error.value.row, error.value.column, error.value.key) == (2, "ma_chi_tieu", "file_open_quote")
    assert i18n.say(error.value, "en").startswith('a double quote (") opened in this cell is never closed')


def test_the_command_line_refuses_a_mixed_file_and_changes_nothing(cli_db, capsys, tmp_path):
    assert run_cli(capsys, "init-db")[0] == 0
    assert run_cli(capsys, "setup-district", "016")[0] == 0
    path = tmp_path / "tron.csv"
    path.write_bytes((HEADER + "00376,3.4,2022-01,9,10,Xã Bắc Sơn\n").encode()
                     + to_cp1258("00379,3.4,2022-01,9,10,Xã Bắc Sơn\n"))
    code, _, err = run_cli(capsys, "--lang", "en", "import", str(path))
    assert code == 2
    assert "File tron.csv, row 3, column ghi_chu: this row is in Windows-1258 while the rows before it are in UTF-8" in err
    assert state(db.get_engine())[:2] == (0, 0)
