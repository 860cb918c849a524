"""The one-stop portal's statistics (Cổng dịch vụ công), read as the portal exports them: a wide
CSV/XLSX with a row per unit (and month) and columns such as "Đã tiếp nhận", "Trực tuyến" (or
"Mức độ 3", "Mức độ 4"), "Đã giải quyết", "Trước hạn", "Đúng hạn", "Trễ hạn".

A `Mapping` (saved once per set of headers, lib.store.portal) names the column holding the unit's
name (or code), the column holding the month (or none: one period is given with the file), and the
columns that add up to the numerator and the denominator of 3.1b (online dossiers / dossiers) and
3.4 (dossiers on time / dossiers resolved), less any columns to subtract (Gia Lai's portal gives
the late dossiers: on time = resolved - late). `convert` turns the file into the observations table of
every import (ma_don_vi, ma_chi_tieu, ky, tu_so, mau_so): names are matched to units as boundary
names are (lib.io.boundaries.match_name, after the saved pairings and the unit codes); a name that
fits two units is not guessed. `preview` and `import_file` then hand that table to lib.io.importer
(the same checks, preview and all-or-nothing write as any import), and its problems are named at the
portal file's rows and columns.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field, replace
from datetime import date

import pandas as pd

from lib.core.settings import Limits, limits as file_limits
from lib.io import importer
from lib.io.boundaries import match_name, plain_key
from lib.io.cells import parse_count, resolve_code
from lib.io.observation_checks import OBSERVATION_COLUMNS
from lib.io.problems import CellError, ImportRejected, ImportSummary, Problem, read_file
from lib.store import portal as stored

# (indicator, part): the numerators and denominators a mapping fills, each a sum of columns
TARGETS = (("3.1b", "tu_so"), ("3.1b", "mau_so"), ("3.4", "tu_so"), ("3.4", "mau_so"))
# what the portals call these columns (without diacritics), for a first guess of the mapping
GUESSES = {
    ("3.1b", "tu_so"): ("truc tuyen", "tiep nhan truc tuyen", "ho so truc tuyen", "muc do 3", "muc do 4"),
    ("3.1b", "mau_so"): ("da tiep nhan", "tiep nhan", "tong so", "tong"),
    ("3.4", "tu_so"): ("truoc han", "dung han"),
    ("3.4", "mau_so"): ("da giai quyet", "da xu ly"),
}
UNIT_GUESSES = ("ten don vi", "don vi", "co quan", "xa")
MONTH_GUESSES = ("thang", "ky bao cao", "ky")
# what portals write before a commune's name: "UBND xã X", "Ủy ban nhân dân thị trấn Y"
_UBND = re.compile(r"^\s*(ubnd|(?:ủy|uỷ|uy) ban nh[aâ]n d[aâ]n)\s+", re.IGNORECASE)
# "Tháng 3/2024", "Tháng 03 năm 2024", "T3/2024": the month as lib.core.periods reads it (3/2024)
_MONTH_WORDS = re.compile(r"^\s*(th[aá]ng|t)\s*(\d{1,2})\s*(?:/|-|\.|n[aă]m)\s*(\d{4})\s*$", re.IGNORECASE)


def target_key(indicator: str, part: str) -> str:
    return f"{indicator}/{part}"


@dataclass
class Mapping:
    """Which columns of a portal file say what: `unit` (name or code), `month` (None: one period for
    the whole file), and for each of TARGETS the columns added up (`sums`, by target_key) and those
    taken off (`minus`)."""

    unit: str
    month: str | None = None
    sums: dict[str, list[str]] = field(default_factory=dict)
    minus: dict[str, list[str]] = field(default_factory=dict)

    def columns(self) -> list[str]:
        """Every column the mapping reads, in order, once."""
        names = [self.unit, self.month] + [c for i, p in TARGETS for c, _sign in self.terms(target_key(i, p))]
        return list(dict.fromkeys(n for n in names if n))

    def terms(self, key: str) -> list[tuple[str, int]]:
        """The columns of a numerator or denominator, each with its sign (1 added, -1 taken off)."""
        return [(c, 1) for c in self.sums.get(key, [])] + [(c, -1) for c in self.minus.get(key, [])]

    def label(self, indicator: str, part: str) -> str:
        """The columns of a numerator or denominator as the file names them: 'trước hạn + đúng hạn',
        'đã giải quyết - trễ hạn'."""
        key = target_key(indicator, part)
        return " + ".join(self.sums.get(key, [])) + "".join(f" - {c}" for c in self.minus.get(key, []))

    def as_dict(self) -> dict:
        return {"unit": self.unit, "month": self.month, "sums": {k: list(v) for k, v in self.sums.items() if v},
                "minus": {k: list(v) for k, v in self.minus.items() if v}}

    @classmethod
    def from_dict(cls, data: dict | None) -> "Mapping | None":
        if not isinstance(data, dict) or not isinstance(data.get("unit"), str):
            return None
        def columns(name: str) -> dict[str, list[str]]:
            found = data.get(name) if isinstance(data.get(name), dict) else {}
            return {str(k): [str(c) for c in v] for k, v in found.items() if isinstance(v, list) and v}
        return cls(data["unit"], data.get("month") or None, columns("sums"), columns("minus"))


def headers_key(columns) -> str:
    """What files with the same headers share (in any order): their names, sorted."""
    return "|".join(sorted({str(c) for c in columns if str(c)}))


def guess(columns: list[str]) -> Mapping:
    """A first mapping from the usual names of the portals' columns, for the secretariat to correct."""
    plain = {c: plain_key(c) for c in columns}

    def first(words, among=columns) -> str | None:
        return next((c for w in words for c in among if plain[c] == w or plain[c].startswith(w + " ")), None)

    sums = {target_key(*target): [c for c in columns if any(plain[c].startswith(w) for w in words)]
            for target, words in GUESSES.items()}
    # one total of dossiers received, not the online ones ("Tiếp nhận trực tuyến")
    total = first(GUESSES[("3.1b", "mau_so")], [c for c in columns if "truc tuyen" not in plain[c]])
    sums[target_key("3.1b", "mau_so")] = [total] if total else []
    unit = first(UNIT_GUESSES) or (columns[0] if columns else "")
    return Mapping(unit, first(MONTH_GUESSES), sums)


# words of the portals' headers (without diacritics): a row holding the most of them is the header
HEADER_WORDS = tuple(dict.fromkeys(
    [w for words in GUESSES.values() for w in words] + list(UNIT_GUESSES) + list(MONTH_GUESSES)
    + ["stt", "tre han", "ma don vi", "ten", "ho so", "tong", "so ho so"]))
_NUMBER = re.compile(r"^[+-]?[\d.,\s]+%?$")
_COLUMN_NUMBER = re.compile(r"^\(?(\d{1,3})\)?$")  # "(1)", "(2)"... under a header: the columns' numbers


def _filled(row: list[str]) -> list[int]:
    return [i for i, cell in enumerate(row) if cell.strip()]


def _header_like(row: list[str]) -> bool:
    """At least two cells, none of them a number, and not the columns' numbers."""
    filled = _filled(row)
    return len(filled) >= 2 and not any(_NUMBER.match(row[i]) for i in filled) and not _column_numbers(row)


def _known(row: list[str]) -> int:
    """How many of the row's cells are words of a portal's header."""
    return sum(1 for cell in row if cell.strip() and any(
        plain_key(cell) == w or plain_key(cell).startswith(w + " ") or plain_key(cell).endswith(" " + w)
        for w in HEADER_WORDS))


def _column_numbers(row: list[str]) -> bool:
    """A row of the columns' numbers, '(1) (2) (3)...' or '1 2 3...', as reports put under a header."""
    numbers = [_COLUMN_NUMBER.match(row[i]) for i in _filled(row)]
    return len(numbers) >= 3 and all(numbers) and [int(n[1]) for n in numbers] == list(
        range(int(numbers[0][1]), int(numbers[0][1]) + len(numbers)))


def _merged(upper: list[str], lower: list[str]) -> bool:
    """Two header rows of one header: a column with a name in one of them and none in the other
    (cells merged across the rows, or a group's name over its columns)."""
    width = max(len(upper), len(lower))
    upper, lower = upper + [""] * (width - len(upper)), lower + [""] * (width - len(lower))
    return any(bool(a.strip()) != bool(b.strip()) for a, b in zip(upper, lower))


def header_names(upper: list[str], lower: list[str]) -> list[str]:
    """The names of a two-row header: a group's name (written once over its columns, carried right)
    before each of its columns' names, 'Mức độ 3 / Trước hạn'; a name in one row only as it is."""
    width = max(len(upper), len(lower))
    upper, lower = upper + [""] * (width - len(upper)), lower + [""] * (width - len(lower))
    names, group = [], ""
    for top, bottom in zip(upper, lower):
        top, bottom = top.strip(), bottom.strip()
        if top:
            group = top
        elif not bottom:
            group = ""
        above = top or (group if bottom else "")
        names.append(f"{above} / {bottom}" if above and bottom and above != bottom else (bottom or above))
    return names


def find_header(rows: list[list[str]]) -> tuple[list[int], list[str]]:
    """The header among a portal file's first rows (lib.io.tabular.read_table's `find_header`): its
    spreadsheet row numbers and column names. Titles, the unit and period lines and blank rows above
    it are passed over: the header is the row (of two cells or more, none a number) holding the most
    words of a portal's header, or else the last such row before the first row of figures; with the
    row above or below when the two make one header (merged cells), and with a row of the columns'
    numbers under it. Row 1 when nothing looks like a header."""
    candidates = [i for i, row in enumerate(rows) if _header_like(row)]
    if not candidates:
        return [1], rows[0] if rows else []
    best = max(candidates, key=lambda i: (_known(rows[i]), -i))
    if not _known(rows[best]):
        data = next((i for i, row in enumerate(rows) if len(_filled(row)) >= 2 and not _header_like(row)), len(rows))
        before = [i for i in candidates if i < data]
        best = before[-1] if before else candidates[0]
    taken = [best]
    if best + 1 < len(rows) and best + 1 in candidates and _merged(rows[best], rows[best + 1]):
        taken.append(best + 1)
    elif best - 1 in candidates and _merged(rows[best - 1], rows[best]):
        taken.insert(0, best - 1)
    names = header_names(rows[taken[0]], rows[taken[1]]) if len(taken) == 2 else rows[best]
    if taken[-1] + 1 < len(rows) and _column_numbers(rows[taken[-1] + 1]):
        taken.append(taken[-1] + 1)
    return [i + 1 for i in taken], names


def header_rows(table: pd.DataFrame) -> list[int]:
    """The spreadsheet rows a read portal file's header took (row 1 when not said)."""
    return list(table.attrs.get("header_rows") or [1])


def read(source, filename: str, lang: str = "vi", limits: Limits | None = None) -> pd.DataFrame:
    """The portal file as a table of text cells, bounded as every file is (lib.io.tabular), its
    header found among its first rows (`find_header`; `header_rows` says which) and its index the
    spreadsheet's row numbers; or ImportRejected naming the file (and the row and column) at fault."""
    return read_file(source, filename, lang, limits, find_header=find_header)


def month_text(text: str) -> str:
    """A month cell as lib.core.periods reads it ('Tháng 3/2024' -> '3/2024'); others unchanged."""
    found = _MONTH_WORDS.match(text)
    return f"{found[2]}/{found[3]}" if found else text


def unit_name(text: str) -> str:
    """A portal's unit name without its 'UBND' / 'Ủy ban nhân dân' before the commune's own prefix."""
    return _UBND.sub("", text, count=1).strip()


@dataclass
class Converted:
    """A portal file as an observations table: `table` (its index the portal row of each figure),
    the problems of the reading (the unmatched and ambiguous names among them), and the names left
    for pairing."""

    mapping: Mapping
    table: pd.DataFrame
    problems: list[Problem]
    unmatched: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)

    def csv(self) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(OBSERVATION_COLUMNS)
        writer.writerows(self.table[list(OBSERVATION_COLUMNS)].itertuples(index=False))
        return out.getvalue().encode("utf-8")

    def where(self, problem: Problem) -> Problem:
        """An import problem of the converted table, at the portal file's row and columns."""
        rows = self.table.index
        if problem.row is None or problem.row < 2:
            return problem
        position = problem.row - 2
        indicator = self.table["ma_chi_tieu"].iloc[position]
        columns = {"ma_don_vi": self.mapping.unit, "ky": self.mapping.month, "ma_chi_tieu": None,
                   "tu_so": self.mapping.label(indicator, "tu_so"), "mau_so": self.mapping.label(indicator, "mau_so")}
        params = dict(problem.params)
        if isinstance(params.get("other"), int) and 2 <= params["other"] < len(rows) + 2:
            params["other"] = int(rows[params["other"] - 2])
        return replace(problem, row=int(rows[position]), column=columns.get(problem.column, problem.column),
                       params=params)


def _count(text: str) -> int:
    return 0 if text == "" else parse_count(text)


def _unit(text: str, units: list[tuple[str, str]], codes: set[str], pairs: dict[str, str]) -> tuple[str | None, bool]:
    """(the unit's code, or "" to skip the row, or None; whether the name fitted two units)."""
    if text in pairs:
        return pairs[text], False
    code = resolve_code(text, codes)
    if code is not None:
        return code, False
    return match_name(unit_name(text), units)


def convert(table: pd.DataFrame, mapping: Mapping, filename: str, units: list[tuple[str, str]],
            pairs: dict[str, str] | None = None, period: str | None = None) -> Converted:
    """The file's rows as figures of 3.1b and 3.4 per unit and month (`period` for every row when
    the mapping has no month column). A mapped column missing, a count that is not one, a blank
    unit, and a name matching no unit or two are problems at their row and column."""
    pairs, codes = pairs or {}, {code for code, _name in units}
    problems = [Problem(filename, header_rows(table)[0], column, "portal_missing_column",
                        {"columns": ", ".join(table.columns)})
                for column in mapping.columns() if column not in table.columns]
    if mapping.month is None and not period:
        problems.append(Problem(filename, None, None, "portal_no_period"))
    nothing = pd.DataFrame(columns=OBSERVATION_COLUMNS, index=pd.Index([], name="row"))
    if problems:
        return Converted(mapping, nothing, problems)
    rows, unmatched, ambiguous = [], {}, {}
    for number, cells in table.iterrows():
        name = cells[mapping.unit]
        code, twice = _unit(name, units, codes, pairs) if name else (None, False)
        if code == "":
            continue  # paired to be skipped: a total, a heading
        if code is None:
            if not name:
                problems.append(Problem(filename, int(number), mapping.unit, "empty"))
            elif twice:
                problems.append(Problem(filename, int(number), mapping.unit, "portal_unit_ambiguous", {"name": name}))
                ambiguous.setdefault(name, None)
            else:
                problems.append(Problem(filename, int(number), mapping.unit, "portal_unit_unmatched", {"name": name}))
                unmatched.setdefault(name, None)
            continue
        ky = month_text(cells[mapping.month]) if mapping.month else period
        for indicator in dict.fromkeys(i for i, _p in TARGETS):
            figure = []
            for part in ("tu_so", "mau_so"):
                total, key = 0, target_key(indicator, part)
                for column, sign in mapping.terms(key):
                    try:
                        total += sign * _count(cells[column])
                    except CellError as error:
                        problems.append(Problem(filename, int(number), column, error.key, error.params))
                        total = None
                        break
                figure.append(total)
            if None in figure or not mapping.sums.get(target_key(indicator, "mau_so")):
                continue
            rows.append((int(number), code, indicator, ky, str(figure[0]), str(figure[1])))
    frame = pd.DataFrame([r[1:] for r in rows], columns=OBSERVATION_COLUMNS,
                         index=pd.Index([r[0] for r in rows], name="row"))
    return Converted(mapping, frame if not problems else nothing, problems, list(unmatched), list(ambiguous))


def _limits(converted: Converted) -> Limits:
    """The bounds of the converted table: the file it came from was bounded already."""
    bounds = file_limits()
    return replace(bounds, max_file_bytes=max(bounds.max_file_bytes, len(converted.table) * 200 + 1000),
                   max_rows=max(bounds.max_rows, len(converted.table)))


def converted_for(engine, table: pd.DataFrame, mapping: Mapping, filename: str, period: str | None = None) -> Converted:
    """`convert` against the default district's units and the saved pairings."""
    return convert(table, mapping, filename, stored.reporting_units(engine), stored.pairs(engine), period)


def preview(engine, table: pd.DataFrame, mapping: Mapping, filename: str, period: str | None = None,
            account=None, lang: str = "vi", today: date | None = None, user: str = "cli"
            ) -> tuple[Converted, importer.Preview]:
    """What importing the portal file would do (lib.io.importer.preview_observations), writing nothing."""
    converted = converted_for(engine, table, mapping, filename, period)
    if converted.problems:
        return converted, importer.Preview(converted.table, converted.problems,
                                           ImportSummary(file=filename, rows_read=len(table)))
    found = importer.preview_observations(engine, converted.csv(), filename, user, lang, today, account,
                                          _limits(converted))
    summary = replace(found.summary, rows_read=len(table))
    return converted, replace(found, table=converted.table, problems=[converted.where(p) for p in found.problems],
                              summary=summary)


def import_file(engine, table: pd.DataFrame, mapping: Mapping, filename: str, period: str | None = None,
                account=None, lang: str = "vi", today: date | None = None, user: str = "cli",
                confirm_overwrite: bool = True) -> ImportSummary:
    """Import the portal file all or nothing (lib.io.importer.import_observations); ImportRejected
    names the portal file's rows and columns."""
    converted = converted_for(engine, table, mapping, filename, period)
    if converted.problems:
        raise ImportRejected(converted.problems, lang)
    try:
        summary = importer.import_observations(engine, converted.csv(), filename, user, lang, today, account,
                                               confirm_overwrite, _limits(converted))
    except ImportRejected as rejected:
        raise ImportRejected([converted.where(p) for p in rejected.problems], lang) from None
    return replace(summary, rows_read=len(table))
