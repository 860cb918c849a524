"""What an import says: every message in both languages, a problem at a file's row and column, a
refused file, the summary of a done import, and the checks every table gets (a readable file, its
columns, one cell at a time, a stop after enough problems)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import pandas as pd

from lib.core.settings import Limits
from lib.io.tabular import TableError, read_table, source_name
from lib.present import i18n

MAX_PROBLEMS = 1000  # a file of bad rows is not checked to its end: its first problems are enough

# Every message the importer can give, Vietnamese first. Problem.text() adds the place and
# the final full stop.
MESSAGES: dict[str, tuple[str, str]] = {
    # where
    "where_file": ("Tệp {file}", "File {file}"),
    "where_row": ("dòng {row}", "row {row}"),
    "where_column": ("cột {column}", "column {column}"),
    # the whole file
    "file_empty": ("tệp rỗng, không có nội dung", "the file is empty"),
    "file_xls": ("tệp Excel cũ (.xls) không được hỗ trợ; hãy lưu lại thành .xlsx hoặc CSV",
                 "old Excel files (.xls) are not supported; save it as .xlsx or CSV"),
    "file_unreadable": ("không đọc được tệp: đây không phải tệp CSV hay Excel (.xlsx) hợp lệ",
                        "cannot read the file: it is neither a valid CSV nor an Excel (.xlsx) file"),
    "file_too_big": ("tệp quá lớn (hơn {limit} MB); hãy chia thành nhiều tệp nhỏ hơn",
                     "the file is too large (over {limit} MB); split it into smaller files"),
    "file_xlsx_too_big": ("tệp Excel khi giải nén lớn hơn {limit} MB, quá lớn hoặc bị nén bất thường; hãy chia "
                          "thành nhiều tệp nhỏ hơn",
                          "the Excel file unpacks to more than {limit} MB: too large or abnormally compressed; "
                          "split it into smaller files"),
    "file_xml_doctype": ("tệp Excel có khai báo DOCTYPE/ENTITY (trong {part}), điều Excel không bao giờ ghi; tệp bị "
                         "từ chối vì lý do an toàn: hãy mở bằng Excel và lưu lại",
                         "the Excel file has a DOCTYPE/ENTITY declaration (in {part}), which Excel never writes; "
                         "it is refused for safety: open it in Excel and save it again"),
    "file_mixed_encoding": ("dòng này dùng bảng mã {other} trong khi các dòng trước dùng {encoding}, dữ liệu sẽ bị "
                            "lỗi phông; hãy lưu lại cả tệp bằng một bảng mã (UTF-8)",
                            "this row is in {other} while the rows before it are in {encoding}, so the text would "
                            "be garbled; save the whole file in one encoding (UTF-8)"),
    "file_open_quote": ("dấu ngoặc kép (\") mở ở ô này không được đóng, phần còn lại của tệp sẽ bị gộp vào một ô; "
                        "hãy đóng hoặc bỏ dấu ngoặc kép",
                        "a double quote (\") opened in this cell is never closed, so the rest of the file would "
                        "run into this one cell; close or remove the quote"),
    "file_too_many_rows": ("tệp có hơn {limit} dòng số liệu; hãy chia thành nhiều tệp nhỏ hơn",
                           "the file has more than {limit} data rows; split it into smaller files"),
    "file_cell_too_long": ("ô quá dài ({length} ký tự, tối đa {limit})",
                           "the cell is too long ({length} characters, at most {limit})"),
    "stopped": ("đã dừng kiểm tra từ dòng này sau {limit} lỗi; hãy sửa các lỗi đã nêu rồi gửi lại tệp",
                "checking stopped at this row after {limit} problems; fix those listed and send the file again"),
    "no_rows": ("tệp không có dòng số liệu nào dưới dòng tiêu đề",
                "the file has no data rows below the header"),
    "missing_column": ("thiếu cột bắt buộc; dòng tiêu đề cần có các cột: {required}",
                       "a required column is missing; the header needs the columns: {required}"),
    # cells
    "empty": ("ô trống, cần nhập giá trị", "the cell is empty; a value is needed"),
    "too_long": ("quá dài ({length} ký tự, tối đa {limit})", "too long ({length} characters, at most {limit})"),
    "count_not_number": ("'{value}' không phải là số", "'{value}' is not a number"),
    "count_negative": ("số âm ({value}) không hợp lệ; cần số đếm từ 0 trở lên",
                       "a negative number ({value}) is not allowed; counts are 0 or more"),
    "count_fractional": ("'{value}' không phải số nguyên; tử số và mẫu số là số đếm",
                         "'{value}' is not a whole number; numerators and denominators are counts"),
    "count_too_large": ("số {value} quá lớn", "the number {value} is too large"),
    # observations
    "unit_unknown": ("không có đơn vị mã {code} trong danh sách đơn vị",
                     "there is no unit with code {code} in the list of units"),
    "indicator_unknown": ("không có chỉ tiêu mã {code}; dùng mã như 1.1, 3.4, 7.2",
                          "there is no indicator with code {code}; use codes such as 1.1, 3.4, 7.2"),
    "wrong_level": ("chỉ tiêu {indicator} không áp dụng cho {unit} ({kind}); chỉ tiêu này do {levels} báo cáo",
                    "indicator {indicator} does not apply to {unit} ({kind}); it is reported by {levels}"),
    "period_format": ("kỳ '{value}' không đúng định dạng; dùng 2022 (năm), 2022-Q3 (quý) hoặc 2022-07 (tháng)",
                      "period '{value}' is not understood; use 2022 (year), 2022-Q3 (quarter) or 2022-07 (month)"),
    "period_year": ("năm của kỳ '{value}' không hợp lệ (từ {first} đến {last})",
                    "the year of period '{value}' is not valid (from {first} to {last})"),
    "period_quarter": ("quý của kỳ '{value}' không hợp lệ (chỉ có quý 1 đến quý 4)",
                       "the quarter of period '{value}' is not valid (quarters are 1 to 4)"),
    "period_month": ("tháng của kỳ '{value}' không hợp lệ (chỉ có tháng 1 đến tháng 12)",
                     "the month of period '{value}' is not valid (months are 1 to 12)"),
    "period_future": ("kỳ '{value}' chưa đến, chưa thể có số liệu",
                      "period '{value}' is in the future, so it cannot have figures yet"),
    "numerator_above": ("tử số ({numerator}) lớn hơn mẫu số ({denominator})",
                        "the numerator ({numerator}) is greater than the denominator ({denominator})"),
    "yes_no_denominator": ("chỉ tiêu {indicator} là chỉ tiêu có/không: mẫu số phải là 1 (đang là {value})",
                           "indicator {indicator} is a yes/no measure: the denominator must be 1 (it is {value})"),
    "yes_no_numerator": ("chỉ tiêu {indicator} là chỉ tiêu có/không: tử số phải là 1 (có) hoặc 0 (không), "
                         "đang là {value}",
                         "indicator {indicator} is a yes/no measure: the numerator must be 1 (yes) or 0 (no); "
                         "it is {value}"),
    "no_permission": ("tài khoản {user} không có quyền ghi số liệu của đơn vị {unit}",
                      "account {user} may not write figures of unit {unit}"),
    "duplicate_key": ("trùng đơn vị, chỉ tiêu và kỳ với dòng {other} nhưng số liệu khác nhau",
                      "same unit, indicator and period as row {other}, but with different figures"),
    "mixed_in_file": ("đơn vị {unit}, chỉ tiêu {indicator}, năm {year}: kỳ {period} theo {granularity} nhưng dòng "
                      "{other} (kỳ {other_period}) theo {other_granularity}; mỗi năm chỉ báo cáo theo một loại kỳ",
                      "unit {unit}, indicator {indicator}, year {year}: period {period} is by {granularity} but row "
                      "{other} (period {other_period}) is by {other_granularity}; report one kind of period per year"),
    "mixed_in_db": ("đơn vị {unit}, chỉ tiêu {indicator}, năm {year} đã có số liệu theo {other_granularity} "
                    "(ví dụ kỳ {other_period}); không thể nhập kỳ {period} theo {granularity}",
                    "unit {unit}, indicator {indicator}, year {year} already has figures by {other_granularity} "
                    "(e.g. period {other_period}); period {period} by {granularity} cannot be added"),
    # units
    "kind_unknown": ("loại đơn vị '{value}' không hợp lệ; dùng một trong: {allowed}",
                     "unit type '{value}' is not valid; use one of: {allowed}"),
    "parent_unknown": ("không tìm thấy đơn vị cha mã {code} trong cơ sở dữ liệu hay trong tệp",
                       "parent unit {code} is neither in the database nor in the file"),
    "own_parent": ("đơn vị {code} không thể là đơn vị cha của chính nó",
                   "unit {code} cannot be its own parent"),
    "parent_cycle": ("mã đơn vị cha tạo thành vòng lặp: {chain}", "the parent codes form a loop: {chain}"),
    "flag_invalid": ("giá trị '{value}' không hợp lệ; dùng 1 (có) hoặc 0 (không), để trống là 0",
                     "'{value}' is not valid; use 1 (yes) or 0 (no); blank means 0"),
    "duplicate_unit": ("mã đơn vị {code} đã có ở dòng {other} với thông tin khác",
                       "unit code {code} is already on row {other} with different details"),
    # outcome
    "rejected": ("Không nhập tệp {file}: có {count} lỗi; chưa ghi dữ liệu nào.",
                 "File {file} was not imported: {count} problem(s) found; nothing was written."),
    "more": ("... và {count} lỗi khác.", "... and {count} more problem(s)."),
    "summary": ("Đã nhập tệp {file}: đọc {rows_read} dòng; thêm mới {inserted}, cập nhật {updated}, "
                "không đổi {unchanged}.",
                "Imported {file}: {rows_read} rows read; {inserted} inserted, {updated} updated, "
                "{unchanged} unchanged."),
    "skipped": ("Bỏ qua {count} dòng chưa điền tử số và mẫu số.", "Skipped {count} row(s) with no numerator and denominator."),
    "padded": ("Đã khôi phục số 0 đầu mã đơn vị (bị mất khi mở bằng Excel): {pairs}.",
               "Restored leading zeros of unit codes (lost in Excel): {pairs}."),
    "demo_ended": ("Đây là số liệu thật đầu tiên: chế độ demo đã kết thúc. Các tài khoản mẫu không còn đăng "
                   "nhập được; ứng dụng cần khóa cookie riêng (CCHC_COOKIE_KEY) và tài khoản thật "
                   "(python -m lib.cli users add ...). Số liệu mẫu vẫn còn trong cơ sở dữ liệu.",
                   "These are the first real figures: demo mode has ended. The sample accounts no longer sign "
                   "in; the app needs its own cookie key (CCHC_COOKIE_KEY) and real accounts "
                   "(python -m lib.cli users add ...). The sample figures are still in the database."),
    # words used inside messages
    "granularity_Y": ("năm", "year"),
    "granularity_Q": ("quý", "quarter"),
    "granularity_M": ("tháng", "month"),
}


class Bilingual(NamedTuple):
    """A message parameter that reads differently in each language (a kind of unit, a level...)."""

    vi: str
    en: str


def message(key: str, lang: str = "vi", **params) -> str:
    values = {k: (v.en if lang == "en" else v.vi) if isinstance(v, Bilingual) else v for k, v in params.items()}
    return i18n.pick(MESSAGES, key, lang, **values)


def word(key: str) -> Bilingual:
    return Bilingual(*MESSAGES[key])


@dataclass
class Problem:
    """One thing wrong with an imported file, at a row and column where it has one."""

    file: str
    row: int | None
    column: str | None
    key: str
    params: dict = field(default_factory=dict)

    def text(self, lang: str = "vi") -> str:
        where = [message("where_file", lang, file=self.file)]
        if self.row is not None:
            where.append(message("where_row", lang, row=self.row))
        if self.column:
            where.append(message("where_column", lang, column=self.column))
        return f"{', '.join(where)}: {message(self.key, lang, **self.params)}."


class ImportRejected(Exception):
    """The file was not imported (nothing was written) because of `problems`."""

    def __init__(self, problems: list[Problem], lang: str = "vi"):
        self.problems = problems
        self.lang = lang
        super().__init__(self.text(lang))

    def text(self, lang: str | None = None, limit: int = 50) -> str:
        lang = lang or self.lang
        file = self.problems[0].file if self.problems else "?"
        lines = [message("rejected", lang, file=file, count=len(self.problems))]
        lines += [p.text(lang) for p in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append(message("more", lang, count=len(self.problems) - limit))
        return "\n".join(lines)


@dataclass
class ImportSummary:
    file: str
    rows_read: int = 0
    skipped: int = 0  # template rows left without figures
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    padded_codes: dict[str, str] = field(default_factory=dict)  # code as written -> code used
    ended_demo: bool = False  # these were the first real figures: demo mode is over

    @property
    def changed(self) -> int:
        return self.inserted + self.updated

    def text(self, lang: str = "vi") -> str:
        text = message("summary", lang, file=self.file, rows_read=self.rows_read, inserted=self.inserted,
                       updated=self.updated, unchanged=self.unchanged)
        if self.skipped:
            text += " " + message("skipped", lang, count=self.skipped)
        if self.padded_codes:
            text += " " + self.padded_text(lang)
        return text + self.demo_note(lang)

    def demo_note(self, lang: str = "vi") -> str:
        """The sentence that says these figures ended demo mode ('' when they did not)."""
        return " " + message("demo_ended", lang) if self.ended_demo else ""

    def padded_text(self, lang: str = "vi") -> str:
        """The note on unit codes whose leading zeros were restored ('' when none was)."""
        if not self.padded_codes:
            return ""
        pairs = ", ".join(f"{old} → {new}" for old, new in sorted(self.padded_codes.items()))
        return message("padded", lang, pairs=pairs)


class CellError(Exception):
    """A cell that cannot be read: `key` and `params` pick its message."""

    def __init__(self, key: str, **params):
        self.key = key
        self.params = params


def check_cell(problems: list[Problem], file: str, row: int, column: str, func, *args):
    """`func(*args)`, or None after noting the problem it raised."""
    try:
        return func(*args)
    except CellError as exc:
        problems.append(Problem(file, row, column, exc.key, exc.params))
        return None


def stopped(problems: list[Problem], file: str, row: int) -> bool:
    """Whether enough problems were found to stop checking rows (noted at the row where it stops)."""
    if len(problems) < MAX_PROBLEMS:
        return False
    problems.append(Problem(file, row, None, "stopped", {"limit": MAX_PROBLEMS}))
    return True


def read_file(source, filename: str, lang: str, limits: Limits | None = None) -> pd.DataFrame:
    """The file as a table of text cells (lib.io.tabular), or ImportRejected naming why not."""
    try:
        return read_table(source, filename, limits)
    except TableError as exc:
        raise ImportRejected([Problem(filename, exc.row, exc.column, f"file_{exc.reason}", exc.params)], lang) from exc


def file_name(source, filename: str | None) -> str:
    return filename or source_name(source)


def _missing_columns(table: pd.DataFrame, required: tuple[str, ...], file: str) -> list[Problem]:
    listed = ", ".join(required)
    return [Problem(file, 1, column, "missing_column", {"required": listed})
            for column in required if column not in table.columns]


def structure_problems(table: pd.DataFrame, required: tuple[str, ...], file: str) -> list[Problem]:
    problems = _missing_columns(table, required, file)
    if not problems and table.empty:
        problems.append(Problem(file, None, None, "no_rows"))
    return problems


def sort_problems(problems: list[Problem], columns: tuple[str, ...]) -> list[Problem]:
    order = {c: i for i, c in enumerate(columns)}
    return sorted(problems, key=lambda p: (p.row or 0, order.get(p.column, len(order))))


def summary_of(filename: str, table: pd.DataFrame, rows: list[dict], padded: dict[str, str]) -> ImportSummary:
    """What writing the checked `rows` (each with its `change`) of the read `table` did."""
    changes = [r["change"] for r in rows]
    blank = int(((table["tu_so"] == "") & (table["mau_so"] == "")).sum()) if "tu_so" in table.columns else 0
    return ImportSummary(file=filename, rows_read=len(table), skipped=blank, inserted=changes.count("insert"),
                         updated=changes.count("update"), unchanged=changes.count("same"), padded_codes=padded)

