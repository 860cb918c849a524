"""Importing units and observations from CSV/XLSX files.

Every row of a file is checked before anything is written. A file with any problem is
rejected as a whole (`ImportRejected`, listing each problem with its file, row and column);
a clean file is written in one transaction with an insert-or-update on the natural key, so
importing the same rows again updates them and never duplicates them.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

import pandas as pd
from sqlalchemy import Engine, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from lib.core import catalogue as cat
from lib.store import audit
from lib.present import i18n
from lib.core import periods
from lib.store.db import bump_data_version
from lib.store.models import Observation, Unit
from lib.core.settings import Limits
from lib.io.tabular import TableError, read_table, source_name
from lib.store.upsert import insert_many, upsert

OBSERVATION_COLUMNS = ("ma_don_vi", "ma_chi_tieu", "ky", "tu_so", "mau_so")
NOTE_COLUMN = "ghi_chu"
UNIT_COLUMNS = ("ma_don_vi", "ten_don_vi", "loai", "ma_cha")
UNIT_FLAG_COLUMNS = {"dbkk": "dbkk", "tu_chu_mot_phan": "partly_self_financed"}  # optional

MAX_COUNT = 2**31 - 1  # the observation columns are 32-bit integers
MAX_CODE_LENGTH = 32
MAX_NAME_LENGTH = 200
MAX_PROBLEMS = 1000  # a file of bad rows is not checked to its end: its first problems are enough
COMMUNE_KINDS = ("xa", "thi_tran", "phuong")
CODE_WIDTHS = {"commune": 5, "district": 3}  # GSO codes, zero-padded

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


def _word(key: str) -> Bilingual:
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


class _CellError(Exception):
    def __init__(self, key: str, **params):
        self.key = key
        self.params = params


def _check_cell(problems: list[Problem], file: str, row: int, column: str, func, *args):
    """`func(*args)`, or None after noting the problem it raised."""
    try:
        return func(*args)
    except _CellError as exc:
        problems.append(Problem(file, row, column, exc.key, exc.params))
        return None


def _stopped(problems: list[Problem], file: str, row: int) -> bool:
    """Whether enough problems were found to stop checking rows (noted at the row where it stops)."""
    if len(problems) < MAX_PROBLEMS:
        return False
    problems.append(Problem(file, row, None, "stopped", {"limit": MAX_PROBLEMS}))
    return True


def _now() -> datetime:
    """Naive UTC, like the database's own CURRENT_TIMESTAMP defaults."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


# --- Writing transactions -------------------------------------------------------------------------

WRITE_ATTEMPTS = 3  # a transaction PostgreSQL rolled back (deadlock, serialization failure) is run again


@contextmanager
def _write_transaction(engine: Engine):
    """A transaction to check and write a file in. On PostgreSQL it runs at READ COMMITTED whatever
    the server's default (`default_transaction_isolation` may say repeatable read or serializable):
    the per-unit locks of `_lock_units` serialise the writers of a unit, and each statement after the
    lock must see what the previous writer committed."""
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execution_options(isolation_level="READ COMMITTED")
        with conn.begin():
            yield conn


def _rolled_back_by_server(error: DBAPIError) -> bool:
    """PostgreSQL's class 40 (transaction rollback): a deadlock or a serialization failure, after
    which the same transaction can simply be run again."""
    return str(getattr(error.orig, "sqlstate", "") or "").startswith("40")


def _retrying(write):
    """`write()`, run again (up to WRITE_ATTEMPTS times) if the server rolled it back; nothing of a
    rolled-back attempt was written."""
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            return write()
        except DBAPIError as error:
            if attempt == WRITE_ATTEMPTS or not _rolled_back_by_server(error):
                raise


# --- Reading the file ---------------------------------------------------------------------------

def _read(source, filename: str, lang: str, limits: Limits | None = None) -> pd.DataFrame:
    try:
        return read_table(source, filename, limits)
    except TableError as exc:
        raise ImportRejected([Problem(filename, exc.row, exc.column, f"file_{exc.reason}", exc.params)], lang) from exc


def _file_name(source, filename: str | None) -> str:
    return filename or source_name(source)


def _missing_columns(table: pd.DataFrame, required: tuple[str, ...], file: str) -> list[Problem]:
    listed = ", ".join(required)
    return [Problem(file, 1, column, "missing_column", {"required": listed})
            for column in required if column not in table.columns]


def _structure_problems(table: pd.DataFrame, required: tuple[str, ...], file: str) -> list[Problem]:
    problems = _missing_columns(table, required, file)
    if not problems and table.empty:
        problems.append(Problem(file, None, None, "no_rows"))
    return problems


# --- Cells ----------------------------------------------------------------------------------------

_PLAIN_INT = re.compile(r"^\+?\d+$")
_NUMBER = re.compile(r"^([+-]?)(\d[\d., ]*)$")


def _split_number(body: str) -> tuple[str, str, str]:
    """(integer part, its grouping separator, decimals) of '1.234,5'-style text, Vietnamese or English."""
    marks = [c for c in body if c in ".,"]
    if not marks:
        return body, " ", ""
    if len(set(marks)) == 2:  # both: the last one is the decimal separator
        decimal_mark = marks[-1]
        whole, decimals = body.rsplit(decimal_mark, 1)
        return whole, "," if decimal_mark == "." else ".", decimals
    mark = marks[0]
    if len(marks) > 1:  # the same mark several times: thousands
        return body, mark, ""
    whole, after = body.split(mark)
    if len(after) == 3 and after.isdigit() and 1 <= len(whole.replace(" ", "")) <= 3 and not whole.startswith("0"):
        return body, mark, ""  # 1.234 / 1,234: one thousand two hundred thirty-four
    return whole, " ", after


def _number(text: str) -> Decimal:
    """A number written with thousands grouped by '.', ',' or spaces and a decimal '.' or ','."""
    match = _NUMBER.match(text.replace("\u00a0", " ").replace("\u202f", " "))
    if not match:
        raise _CellError("count_not_number", value=text)
    sign, body = match.groups()
    whole, group_mark, decimals = _split_number(body.strip())
    groups = re.split(r"\s+" if group_mark == " " else rf"[{re.escape(group_mark)} ]", whole.strip())
    if len(groups) > 1 and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])):
        raise _CellError("count_not_number", value=text)
    digits = "".join(groups)
    if not digits.isdigit() or (decimals and not decimals.isdigit()):
        raise _CellError("count_not_number", value=text)
    return Decimal(f"{sign}{digits}.{decimals or '0'}")


@lru_cache(maxsize=8192)
def parse_count(text: str) -> int:
    """A count such as '12', '12,00', '1.234' or '1 234'; raises for blanks, negatives, fractions."""
    if text == "":
        raise _CellError("empty")
    if _PLAIN_INT.match(text):
        value = Decimal(text)
    else:
        value = _number(text)
        if value < 0:
            raise _CellError("count_negative", value=text)
        if value != value.to_integral_value():
            raise _CellError("count_fractional", value=text)
    if value > MAX_COUNT:
        raise _CellError("count_too_large", value=text)
    return int(value)


def _parse_period(text: str, today: date, cache: dict) -> periods.Period:
    if text == "":
        raise _CellError("empty")
    if text not in cache:
        try:
            cache[text] = periods.parse(text, today)
        except periods.PeriodError as exc:
            key = f"period_{exc.args[0]}" if f"period_{exc.args[0]}" in MESSAGES else "period_format"
            cache[text] = _CellError(key, value=text, first=periods.FIRST_YEAR, last=today.year)
    result = cache[text]
    if isinstance(result, _CellError):
        raise result
    return result


def _checked_text(text: str, limit: int) -> str:
    if text == "":
        raise _CellError("empty")
    if len(text) > limit:
        raise _CellError("too_long", length=len(text), limit=limit)
    return text


# --- Units known to the database -----------------------------------------------------------------

class KnownUnit(NamedTuple):
    id: int
    code: str
    name: str
    kind: str
    parent_code: str | None
    dbkk: bool
    partly_self_financed: bool


def _load_units(conn: Connection) -> dict[str, KnownUnit]:
    parent = Unit.__table__.alias("parent")
    rows = conn.execute(
        select(Unit.id, Unit.code, Unit.name, Unit.kind, parent.c.code, Unit.dbkk, Unit.partly_self_financed)
        .outerjoin(parent, parent.c.id == Unit.parent_id)
    ).all()
    return {r[1]: KnownUnit(r[0], r[1], r[2], r[3], r[4], bool(r[5]), bool(r[6])) for r in rows}


def resolve_code(code: str, known) -> str | None:
    """The code itself if known; else, for an all-digit code that lost its leading zeros in Excel,
    the commune (5 digits) or district (3 digits) code it stands for."""
    if code in known:
        return code
    if code.isdigit():
        for width in (CODE_WIDTHS["commune"], CODE_WIDTHS["district"]):
            padded = code.zfill(width)
            if padded != code and padded in known:
                return padded
    return None


# --- Observations ---------------------------------------------------------------------------------

class _ObservationRow(NamedTuple):
    row: int
    unit: KnownUnit
    indicator: cat.IndicatorDef
    period: periods.Period
    numerator: int
    denominator: int
    note: str | None
    key: tuple[int, str, str]  # the stored row's natural key: unit id, indicator, period text


def _resolve_unit(text: str, units: dict[str, KnownUnit], padded: dict[str, str]) -> KnownUnit:
    if text == "":
        raise _CellError("empty")
    code = resolve_code(text, units)
    if code is None:
        raise _CellError("unit_unknown", code=text)
    if code != text:
        padded[text] = code
    return units[code]


def _resolve_indicator(text: str, catalogue: cat.Catalogue) -> cat.IndicatorDef:
    if text == "":
        raise _CellError("empty")
    indicator = catalogue.by_code.get(text) or catalogue.by_code.get(text.lower())
    if indicator is None:
        raise _CellError("indicator_unknown", code=text)
    return indicator


def _check_level(unit: KnownUnit, indicator: cat.IndicatorDef) -> None:
    """The unit must be of a level that reports the indicator (no agency figures for 1.1...)."""
    if cat.LEVEL_OF_KIND.get(unit.kind) in indicator.levels:
        return
    levels = [cat.LEVEL_NAMES[level] for level in indicator.levels]
    raise _CellError(
        "wrong_level", indicator=indicator.code, unit=f"{unit.code} {unit.name}",
        kind=Bilingual(*cat.KIND_NAMES.get(unit.kind, (unit.kind, unit.kind))),
        levels=Bilingual(", ".join(v for v, _ in levels), ", ".join(e for _, e in levels)))


def _value_problems(indicator: cat.IndicatorDef, numerator: int, denominator: int) -> list[tuple[str, _CellError]]:
    """(column, problem) pairs for numbers that do not fit the indicator's measure."""
    if indicator.measure == "yes_no":
        found = []
        if denominator != 1:
            found.append(("mau_so", _CellError("yes_no_denominator", indicator=indicator.code, value=denominator)))
        if numerator not in (0, 1):
            found.append(("tu_so", _CellError("yes_no_numerator", indicator=indicator.code, value=numerator)))
        return found
    if numerator > denominator:  # 0/0 is fine: the indicator does not apply to this unit
        return [("tu_so", _CellError("numerator_above", numerator=numerator, denominator=denominator))]
    return []


def _parse_observation_rows(table: pd.DataFrame, units, catalogue, file: str, today: date,
                            problems: list[Problem], padded: dict[str, str]) -> list[_ObservationRow]:
    """Check each row on its own; return the rows without problems. A row whose numerator and
    denominator are both blank is a template row left unfilled: it is skipped, not an error."""
    notes = table[NOTE_COLUMN].tolist() if NOTE_COLUMN in table.columns else [""] * len(table)
    period_cache: dict = {}
    parsed = []
    columns = [table[c].tolist() for c in OBSERVATION_COLUMNS]
    for row, unit_text, indicator_text, period_text, num_text, den_text, note in zip(
            table.index.tolist(), *columns, notes):
        if num_text == "" and den_text == "":
            continue
        if _stopped(problems, file, row):
            break
        before = len(problems)
        unit = _check_cell(problems, file, row, "ma_don_vi", _resolve_unit, unit_text, units, padded)
        indicator = _check_cell(problems, file, row, "ma_chi_tieu", _resolve_indicator, indicator_text, catalogue)
        period = _check_cell(problems, file, row, "ky", _parse_period, period_text, today, period_cache)
        numerator = _check_cell(problems, file, row, "tu_so", parse_count, num_text)
        denominator = _check_cell(problems, file, row, "mau_so", parse_count, den_text)
        if unit and indicator:
            _check_cell(problems, file, row, "ma_don_vi", _check_level, unit, indicator)
        if indicator and numerator is not None and denominator is not None:
            for column, wrong in _value_problems(indicator, numerator, denominator):
                problems.append(Problem(file, row, column, wrong.key, wrong.params))
        if len(problems) == before:
            key = (unit.id, indicator.code, period.text)
            parsed.append(_ObservationRow(row, unit, indicator, period, numerator, denominator, note or None, key))
    return parsed


def _granularity_params(row: _ObservationRow, other_granularity: str, other_period: str) -> dict:
    return {
        "unit": row.unit.code, "indicator": row.indicator.code, "year": row.period.year,
        "period": row.period.text, "granularity": _word(f"granularity_{row.period.granularity}"),
        "other_period": other_period, "other_granularity": _word(f"granularity_{other_granularity}"),
    }


def _dedupe_within_file(rows: list[_ObservationRow], file: str, problems: list[Problem]) -> list[_ObservationRow]:
    """Drop identical repeats; a repeat of a key with other figures is a problem naming the first row."""
    first: dict[tuple, _ObservationRow] = {}
    kept = []
    for row in rows:
        earlier = first.get(row.key)
        if earlier is None:
            first[row.key] = row
            kept.append(row)
        elif (earlier.numerator, earlier.denominator, earlier.note) != (row.numerator, row.denominator, row.note):
            problems.append(Problem(file, row.row, "tu_so", "duplicate_key", {"other": earlier.row}))
    return kept


def _mixed_within_file(rows: list[_ObservationRow], file: str, problems: list[Problem]) -> None:
    """One unit reports one indicator at one granularity (year, quarter or month) within a year."""
    first: dict[tuple, _ObservationRow] = {}
    for row in rows:
        group = (row.unit.id, row.indicator.code, row.period.year)
        earlier = first.setdefault(group, row)
        if earlier.period.granularity != row.period.granularity:
            params = _granularity_params(row, earlier.period.granularity, earlier.period.text)
            problems.append(Problem(file, row.row, "ky", "mixed_in_file", {**params, "other": earlier.row}))


class _Stored(NamedTuple):
    granularity: str
    numerator: int
    denominator: int
    note: str | None
    updated_by: str


def _load_stored(conn: Connection, rows: list[_ObservationRow]) -> dict[tuple[int, str, str], _Stored]:
    """The stored observations for the file's units, indicators and years (one query)."""
    if not rows:
        return {}
    o = Observation.__table__.c
    stmt = select(o.unit_id, o.indicator, o.period, o.granularity, o.numerator, o.denominator, o.note,
                  o.updated_by).where(
        o.unit_id.in_(sorted({r.unit.id for r in rows})),
        o.indicator.in_(sorted({r.indicator.code for r in rows})),
        o.year.in_(sorted({r.period.year for r in rows})),
    )
    return {(u, i, p): _Stored(g, n, d, note, by) for u, i, p, g, n, d, note, by in conn.execute(stmt)}


LOCK_BUCKETS = 1024  # advisory locks per import at most (PostgreSQL's lock table is shared and small)


def _lock_units(conn: Connection, unit_ids: list[int]) -> None:
    """Serialise writers of the same units until this transaction ends, so that what is read as
    the stored figure is what gets overwritten (and audited). PostgreSQL: advisory locks taken in
    id order (no deadlock), one per bucket of unit ids (id mod LOCK_BUCKETS): a national file of
    19,000 units would otherwise exhaust the server's lock table ("out of shared memory"); two
    writers of different units in one bucket merely wait for each other. SQLite: take the
    database's write lock now."""
    if not unit_ids:
        return
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT count(pg_advisory_xact_lock(4242, id)) FROM "
                          "(SELECT unnest(CAST(:ids AS integer[])) AS id ORDER BY id) AS locked"),
                     {"ids": sorted({unit_id % LOCK_BUCKETS for unit_id in unit_ids})})
    else:
        conn.execute(text("UPDATE meta SET value = value WHERE key = 'data_version'"))


def _permission_problems(rows: list[_ObservationRow], account, file: str, problems: list[Problem]) -> None:
    """An officer writes only their own unit's figures, whatever the file says."""
    for row in rows:
        if not account.can_write(row.unit.id):
            problems.append(Problem(file, row.row, "ma_don_vi", "no_permission",
                                    {"user": account.username, "unit": f"{row.unit.code} {row.unit.name}"}))


def _mixed_with_stored(rows: list[_ObservationRow], stored: dict, file: str, problems: list[Problem]) -> None:
    granularities: dict[tuple, dict[str, str]] = {}  # (unit, indicator, year) -> granularity -> a period
    for (unit_id, indicator, period), s in stored.items():
        granularities.setdefault((unit_id, indicator, int(period[:4])), {}).setdefault(s.granularity, period)
    for row in rows:
        stored_here = granularities.get((row.unit.id, row.indicator.code, row.period.year), {})
        others = {g: p for g, p in stored_here.items() if g != row.period.granularity}
        if others:
            granularity, period = sorted(others.items())[0]
            problems.append(Problem(file, row.row, "ky", "mixed_in_db", _granularity_params(row, granularity, period)))


def _change(row: dict, stored: _Stored | None) -> str:
    if stored is None:
        return "insert"
    same = (row["numerator"], row["denominator"], row["note"]) == (stored.numerator, stored.denominator, stored.note)
    return "same" if same else "update"


def _observation_record(row: _ObservationRow, stored: _Stored | None, has_notes: bool) -> dict:
    """The row as it will be stored, with its spreadsheet row and what writing it changes."""
    note = row.note if has_notes else (stored.note if stored else None)
    record = {
        "row": row.row, "unit_code": row.unit.code, "stored": stored,
        "unit_id": row.unit.id, "indicator": row.indicator.code, "period": row.key[2],
        "granularity": row.period.granularity, "year": row.period.year, "month_from": row.period.month_from,
        "month_to": row.period.month_to, "numerator": row.numerator, "denominator": row.denominator, "note": note,
    }
    record["change"] = _change(record, stored)
    return record


def _sort_problems(problems: list[Problem], columns: tuple[str, ...]) -> list[Problem]:
    order = {c: i for i, c in enumerate(columns)}
    return sorted(problems, key=lambda p: (p.row or 0, order.get(p.column, len(order))))


def check_observations(conn: Connection, catalogue: cat.Catalogue, table: pd.DataFrame, filename: str,
                       today: date | None = None, padded: dict[str, str] | None = None, account=None
                       ) -> tuple[list[dict], list[Problem]]:
    """Check every row of an observations table against the units, the catalogue and the stored rows.

    Returns the rows to store (one per key; each with `row`, its spreadsheet row, and `change`:
    insert, update or same; and `stored`, the stored figure it replaces) and the problems found
    (the rows mean nothing unless that list is empty). `padded` collects unit codes whose leading
    zeros were restored. With an `account` (lib.store.auth.Account), rows of units it may not write are
    problems too.
    """
    problems = _structure_problems(table, OBSERVATION_COLUMNS, filename)
    if problems:
        return [], problems
    padded = {} if padded is None else padded
    parsed = _parse_observation_rows(table, _load_units(conn), catalogue, filename, today or date.today(),
                                     problems, padded)
    if account is not None:
        _permission_problems(parsed, account, filename, problems)
    parsed = _dedupe_within_file(parsed, filename, problems)
    _mixed_within_file(parsed, filename, problems)
    _lock_units(conn, sorted({r.unit.id for r in parsed}))
    stored = _load_stored(conn, parsed)
    _mixed_with_stored(parsed, stored, filename, problems)
    if problems:
        return [], _sort_problems(problems, OBSERVATION_COLUMNS)
    has_notes = NOTE_COLUMN in table.columns
    return [_observation_record(r, stored.get(r.key), has_notes) for r in parsed], []


_OBSERVATION_UPDATE_COLUMNS = ["granularity", "year", "month_from", "month_to", "numerator", "denominator",
                               "note", "source", "updated_by", "updated_at"]


def _write_observations(conn: Connection, rows: list[dict], filename: str, user: str) -> bool:
    """Write the checked rows and their audit entries; returns whether this ended demo mode (the
    first real figures)."""
    from lib.store.demo import end_demo

    now = _now()
    records = [
        {**{k: v for k, v in r.items() if k not in ("row", "change", "unit_code", "stored")},
         "source": filename[:200], "created_by": user, "created_at": now, "updated_by": user, "updated_at": now}
        for r in rows if r["change"] != "same"
    ]
    # new figures in bulk (COPY / one prepared INSERT: a key that is there after all raises, nothing is
    # overwritten unseen); changed ones through the insert-or-update
    changes = [r["change"] for r in rows if r["change"] != "same"]
    insert_many(conn, Observation.__table__, [rec for rec, c in zip(records, changes) if c == "insert"])
    upsert(conn, Observation.__table__, [rec for rec, c in zip(records, changes) if c == "update"],
           keys=["unit_id", "indicator", "period"], update_columns=_OBSERVATION_UPDATE_COLUMNS)
    if records:
        bump_data_version(conn)
    audit.record_many(conn, [_audit_entry(r, filename, user) for r in rows if r["change"] != "same"])
    return bool(records) and end_demo(conn, user)


def _figures(numerator, denominator, note) -> dict:
    return {"tu_so": numerator, "mau_so": denominator, "ghi_chu": note}


def _audit_entry(row: dict, filename: str, user: str) -> dict:
    stored = row["stored"]
    old = None if stored is None else {**_figures(stored.numerator, stored.denominator, stored.note),
                                       "nguoi_nhap": stored.updated_by}
    return {"username": user, "action": f"observation.{row['change']}", "source": filename[:200],
            "entity": f"{row['unit_code']}/{row['indicator']}/{row['period']}",
            "old": old, "new": _figures(row["numerator"], row["denominator"], row["note"])}


class OverwriteNeedsConfirmation(Exception):
    """The file would change figures that somebody else entered; nothing was written.
    `.rows`: (unit code, indicator, period, old numerator/denominator, new, who entered the old)."""

    def __init__(self, rows: list[tuple]):
        super().__init__(len(rows))
        self.rows = rows


def _overwrites_of_others(rows: list[dict], user: str) -> list[tuple]:
    return [
        (r["unit_code"], r["indicator"], r["period"], f"{r['stored'].numerator}/{r['stored'].denominator}",
         f"{r['numerator']}/{r['denominator']}", r["stored"].updated_by)
        for r in rows if r["change"] == "update" and r["stored"].updated_by != user
    ]


def _summary(filename: str, table: pd.DataFrame, rows: list[dict], padded: dict[str, str]) -> ImportSummary:
    changes = [r["change"] for r in rows]
    blank = int(((table["tu_so"] == "") & (table["mau_so"] == "")).sum()) if "tu_so" in table.columns else 0
    return ImportSummary(file=filename, rows_read=len(table), skipped=blank, inserted=changes.count("insert"),
                         updated=changes.count("update"), unchanged=changes.count("same"), padded_codes=padded)


def import_observations(engine: Engine, source, filename: str | None = None, user: str = "cli",
                        lang: str = "vi", today: date | None = None, account=None,
                        confirm_overwrite: bool = True, limits: Limits | None = None) -> ImportSummary:
    """Import an observations file (path, bytes or upload): all rows or, on any problem, none
    (raises ImportRejected). `limits`: what the file may hold (default: the settings')."""
    filename = _file_name(source, filename)
    return import_table(engine, _read(source, filename, lang, limits), filename, user, lang, today, account,
                        confirm_overwrite)


def import_table(engine: Engine, table: pd.DataFrame, filename: str, user: str = "cli", lang: str = "vi",
                 today: date | None = None, account=None, confirm_overwrite: bool = True) -> ImportSummary:
    """Check and write an observations table (a read file, or the rows of the entry form).

    All rows or none: any problem raises ImportRejected. With an `account`, only the units it may
    write are accepted (and `user` is the account's name). Unless `confirm_overwrite`, changing a
    figure that another user entered raises OverwriteNeedsConfirmation and writes nothing; every
    change is written to the audit log with the old and the new figures.
    """
    if account is not None:
        user = account.username

    def check_and_write():
        padded: dict[str, str] = {}
        with _write_transaction(engine) as conn:
            rows, problems = check_observations(conn, cat.load(conn), table, filename, today, padded, account)
            if problems:
                raise ImportRejected(problems, lang)
            if not confirm_overwrite:
                others = _overwrites_of_others(rows, user)
                if others:
                    raise OverwriteNeedsConfirmation(others)
            ended_demo = _write_observations(conn, rows, filename, user)
        return replace(_summary(filename, table, rows, padded), ended_demo=ended_demo)

    return _retrying(check_and_write)



@dataclass
class Preview:
    """What importing a file would do, found without writing: the rows read, the problems (the file
    is refused when there is any), the would-be summary and the figures of others it would change."""

    table: pd.DataFrame
    problems: list[Problem]
    summary: ImportSummary
    overwrites: list[tuple] = field(default_factory=list)  # as OverwriteNeedsConfirmation.rows

    @property
    def ok(self) -> bool:
        return not self.problems


def preview_observations(engine: Engine, source, filename: str | None = None, user: str = "cli",
                         lang: str = "vi", today: date | None = None, account=None,
                         limits: Limits | None = None) -> Preview:
    """Run every check of `import_observations` (with the account's permissions) and write nothing."""
    filename = _file_name(source, filename)
    if account is not None:
        user = account.username
    try:
        table = _read(source, filename, lang, limits)
    except ImportRejected as rejected:
        return Preview(pd.DataFrame(), rejected.problems, ImportSummary(file=filename))
    padded: dict[str, str] = {}
    with engine.connect() as conn:
        try:
            rows, problems = check_observations(conn, cat.load(conn), table, filename, today, padded, account)
        finally:
            conn.rollback()
    if problems:
        return Preview(table, problems, ImportSummary(file=filename, rows_read=len(table), padded_codes=padded))
    return Preview(table, [], _summary(filename, table, rows, padded), _overwrites_of_others(rows, user))


# --- Units ----------------------------------------------------------------------------------------

def _kind_aliases() -> dict[str, str]:
    """`xa`, `thi_tran`... and their names (`Xã`, `Thị trấn`, `Commune`...) in either language."""
    aliases = {kind: kind for kind in cat.UNIT_KINDS}
    for kind, names in cat.KIND_NAMES.items():
        for name in names:
            aliases[name.lower()] = kind
    return aliases


KIND_ALIASES = _kind_aliases()


class _UnitRow(NamedTuple):
    row: int
    code: str
    name: str
    kind: str
    parent_text: str
    flags: dict  # only the flag columns present in the file: dbkk, partly_self_financed


def _parse_kind(text: str) -> str:
    if text == "":
        raise _CellError("empty")
    kind = KIND_ALIASES.get(text.lower())
    if kind is None:
        raise _CellError("kind_unknown", value=text, allowed=", ".join(cat.UNIT_KINDS))
    return kind


def _parse_flag(text: str) -> bool:
    if text in ("", "0"):
        return False
    if text == "1":
        return True
    raise _CellError("flag_invalid", value=text)


def _pad_code(code: str, kind: str) -> str:
    """Commune codes have 5 digits and district codes 3: restore zeros that Excel dropped."""
    width = CODE_WIDTHS.get(cat.LEVEL_OF_KIND[kind])
    if width and code.isdigit() and len(code) < width:
        return code.zfill(width)
    return code


def _parse_unit_rows(table: pd.DataFrame, file: str, problems: list[Problem],
                     padded: dict[str, str]) -> list[_UnitRow]:
    flag_columns = [c for c in UNIT_FLAG_COLUMNS if c in table.columns]
    parsed = []
    for row, code_text, name_text, kind_text, parent_text, *flag_texts in zip(
            table.index, *(table[c] for c in UNIT_COLUMNS), *(table[c] for c in flag_columns)):
        if _stopped(problems, file, row):
            break
        before = len(problems)
        code = _check_cell(problems, file, row, "ma_don_vi", _checked_text, code_text, MAX_CODE_LENGTH)
        name = _check_cell(problems, file, row, "ten_don_vi", _checked_text, name_text, MAX_NAME_LENGTH)
        kind = _check_cell(problems, file, row, "loai", _parse_kind, kind_text)
        flags = {UNIT_FLAG_COLUMNS[column]: _check_cell(problems, file, row, column, _parse_flag, text)
                 for column, text in zip(flag_columns, flag_texts)}
        if len(problems) == before:
            full_code = _pad_code(code, kind)
            if full_code != code:
                padded[code] = full_code
            parsed.append(_UnitRow(row, full_code, name, kind, parent_text, flags))
    return parsed


def _dedupe_units(rows: list[_UnitRow], file: str, problems: list[Problem]) -> list[_UnitRow]:
    first: dict[str, _UnitRow] = {}
    kept = []
    for row in rows:
        earlier = first.setdefault(row.code, row)
        if earlier is row:
            kept.append(row)
        elif (earlier.name, earlier.kind, earlier.parent_text, earlier.flags) != (
                row.name, row.kind, row.parent_text, row.flags):
            problems.append(Problem(file, row.row, "ma_don_vi", "duplicate_unit",
                                    {"code": row.code, "other": earlier.row}))
    return kept


def _resolve_parents(rows: list[_UnitRow], stored: dict[str, KnownUnit], file: str, problems: list[Problem],
                     padded: dict[str, str]) -> dict[str, str | None]:
    """Code -> parent code for the file's units, with the parent found in the database or the file."""
    known = set(stored) | {r.code for r in rows}
    parents: dict[str, str | None] = {}
    for row in rows:
        parent = resolve_code(row.parent_text, known) if row.parent_text else None
        if row.parent_text and parent is None:
            problems.append(Problem(file, row.row, "ma_cha", "parent_unknown", {"code": row.parent_text}))
        elif parent is not None and parent == row.code:
            problems.append(Problem(file, row.row, "ma_cha", "own_parent", {"code": row.code}))
        elif parent is not None and parent != row.parent_text:
            padded[row.parent_text] = parent
        parents[row.code] = parent
    return parents


def _ancestors(code: str, parents: dict[str, str | None]) -> list[str]:
    """The codes above `code`, nearest first; stops (including the repeat) when it meets a loop."""
    chain, seen = [], {code}
    parent = parents.get(code)
    while parent is not None:
        chain.append(parent)
        if parent in seen:
            break
        seen.add(parent)
        parent = parents.get(parent)
    return chain


def _cycle_problems(rows: list[_UnitRow], parents: dict[str, str | None], file: str,
                    problems: list[Problem]) -> None:
    for row in rows:
        chain = _ancestors(row.code, parents)
        if chain and chain[-1] == row.code:
            problems.append(Problem(file, row.row, "ma_cha", "parent_cycle",
                                    {"chain": " → ".join([row.code, *chain])}))


def _unit_record(row: _UnitRow, parent: str | None, stored: KnownUnit | None, depth: int) -> dict:
    """The unit as it will be stored; a flag column missing from the file keeps the stored value."""
    record = {
        "row": row.row, "code": row.code, "name": row.name, "kind": row.kind, "parent_code": parent,
        "dbkk": row.flags.get("dbkk", stored.dbkk if stored else False),
        "partly_self_financed": row.flags.get("partly_self_financed",
                                              stored.partly_self_financed if stored else False),
        "depth": depth,
    }
    if stored is None:
        record["change"] = "insert"
    else:
        new = tuple(record[k] for k in ("name", "kind", "parent_code", "dbkk", "partly_self_financed"))
        old = (stored.name, stored.kind, stored.parent_code, stored.dbkk, stored.partly_self_financed)
        record["change"] = "same" if new == old else "update"
    return record


def check_units(conn: Connection, table: pd.DataFrame, filename: str, padded: dict[str, str] | None = None
                ) -> tuple[list[dict], list[Problem]]:
    """Check every row of a units table. Returns the units to store (each with `row`, `change` and
    `depth` in the unit tree, so parents can be written first) and the problems found."""
    problems = _structure_problems(table, UNIT_COLUMNS, filename)
    if problems:
        return [], problems
    padded = {} if padded is None else padded
    rows = _parse_unit_rows(table, filename, problems, padded)
    rows = _dedupe_units(rows, filename, problems)
    stored = _load_units(conn)
    parents = _resolve_parents(rows, stored, filename, problems, padded)
    tree = {code: unit.parent_code for code, unit in stored.items()} | parents
    if not problems:
        _cycle_problems(rows, tree, filename, problems)
    if problems:
        return [], _sort_problems(problems, UNIT_COLUMNS + tuple(UNIT_FLAG_COLUMNS))
    return [_unit_record(r, parents[r.code], stored.get(r.code), len(_ancestors(r.code, tree))) for r in rows], []


def _write_units(conn: Connection, units: list[dict]) -> None:
    """Write the new and changed units (lib.store.units.write_units: a level of the tree at a time)."""
    from lib.store.units import write_units

    changed = [u for u in units if u["change"] != "same"]
    if changed:
        write_units(conn, changed)
        bump_data_version(conn)


def import_units(engine: Engine, source, filename: str | None = None, user: str = "cli",
                 lang: str = "vi", limits: Limits | None = None) -> ImportSummary:
    """Import a units file: all rows or, on any problem, none (raises ImportRejected).
    `user` is accepted for symmetry with import_observations; units do not record who wrote them."""
    filename = _file_name(source, filename)
    table = _read(source, filename, lang, limits)

    def check_and_write():
        padded: dict[str, str] = {}
        with _write_transaction(engine) as conn:
            units, problems = check_units(conn, table, filename, padded)
            if problems:
                raise ImportRejected(problems, lang)
            _write_units(conn, units)
        return _summary(filename, table, units, padded)

    return _retrying(check_and_write)
