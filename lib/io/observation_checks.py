"""Checking an observations table against the units, the catalogue and the stored figures: every
row on its own, then the file as a whole (repeats, one kind of period a year), then against what
is stored, under the units' locks (lib.store.observations).

The checks run column by column: each distinct unit code, indicator code, period text and count
text is read once and its result mapped back to the rows (pandas/numpy); the rows with a problem
are then worded one by one, in the order a row-by-row reading finds them."""
from __future__ import annotations

from datetime import date
from typing import NamedTuple

import numpy as np
import pandas as pd

from lib.core import catalogue as cat
from lib.core import clock
from lib.core import inspections
from lib.io.cells import parse_count, parse_period, resolve_code
from lib.io.problems import Bilingual, CellError, Problem, sort_problems, stop_at, stopped, structure_problems, word
from lib.store.inspections import using_register
from lib.store.observations import lock_units, stored_figures
from lib.store.units import KnownUnit, known_units

OBSERVATION_COLUMNS = ("ma_don_vi", "ma_chi_tieu", "ky", "tu_so", "mau_so")
NOTE_COLUMN = "ghi_chu"
# the checked rows (check_observations): the stored columns of a figure, its spreadsheet row, its unit's
# code, what writing it changes (insert, update, same) and the stored figure it replaces (or None)
ROW_COLUMNS = ["row", "unit_code", "unit_id", "indicator", "period", "granularity", "year", "month_from", "month_to",
               "numerator", "denominator", "note", "change", "stored"]


def _resolve_unit(text: str, units: dict[str, KnownUnit]) -> KnownUnit:
    if text == "":
        raise CellError("empty")
    code = resolve_code(text, units)
    if code is None:
        raise CellError("unit_unknown", code=text)
    return units[code]


def _resolve_indicator(text: str, catalogue: cat.Catalogue) -> cat.IndicatorDef:
    if text == "":
        raise CellError("empty")
    indicator = catalogue.by_code.get(text) or catalogue.by_code.get(text.lower())
    if indicator is None:
        raise CellError("indicator_unknown", code=text)
    return indicator


def _check_level(unit: KnownUnit, indicator: cat.IndicatorDef) -> None:
    """The unit must be of a level that reports the indicator (no agency figures for 1.1...)."""
    if cat.LEVEL_OF_KIND.get(unit.kind) in indicator.levels:
        return
    levels = [cat.LEVEL_NAMES[level] for level in indicator.levels]
    raise CellError(
        "wrong_level", indicator=indicator.code, unit=f"{unit.code} {unit.name}",
        kind=Bilingual(*cat.KIND_NAMES.get(unit.kind, (unit.kind, unit.kind))),
        levels=Bilingual(", ".join(v for v, _ in levels), ", ".join(e for _, e in levels)))


class _Column(NamedTuple):
    """One column's cells read: each distinct text once (`results`: its value, or the CellError it
    raised), `codes` the distinct text of each row and `failed` whether the row's cell raised."""

    texts: np.ndarray
    results: list
    codes: np.ndarray
    failed: np.ndarray

    def values(self, attribute: str) -> np.ndarray:
        """Each row's value's `attribute` (None where the cell raised)."""
        per_text = np.empty(len(self.results), dtype=object)
        per_text[:] = [None if isinstance(r, CellError) else getattr(r, attribute) for r in self.results]
        return per_text[self.codes]

    def result(self, i: int):
        """The row's value, or the CellError its cell raised."""
        return self.results[self.codes[i]]


def _read_column(cells: np.ndarray, read) -> _Column:
    codes, texts = pd.factorize(cells, use_na_sentinel=False)
    results = []
    for text in texts:
        try:
            results.append(read(text))
        except CellError as exc:
            results.append(exc)
    raised = np.array([isinstance(r, CellError) for r in results], dtype=bool)
    return _Column(np.asarray(texts, dtype=object), results, codes, raised[codes])


def _counts(column: _Column) -> np.ndarray:
    """Each row's count (int64; -1 where the cell raised)."""
    return np.array([-1 if isinstance(r, CellError) else r for r in column.results], dtype=np.int64)[column.codes]


class _Cells(NamedTuple):
    """The rows' cells read, and which rule each row breaks (boolean arrays, one entry per row)."""

    unit: _Column
    indicator: _Column
    period: _Column
    numerator: _Column
    denominator: _Column
    level_errors: dict  # a pair (below) whose unit may not report its indicator -> the CellError
    pairs: np.ndarray  # each row's unit and indicator texts as one number
    wrong_level: np.ndarray
    yes_no_denominator: np.ndarray
    yes_no_numerator: np.ndarray
    numerator_above: np.ndarray

    def problem_counts(self) -> np.ndarray:
        return (self.unit.failed.astype(np.int64) + self.indicator.failed + self.period.failed + self.numerator.failed
                + self.denominator.failed + self.wrong_level + self.yes_no_denominator + self.yes_no_numerator
                + self.numerator_above)


def _read_cells(cells: dict[str, np.ndarray], units, catalogue: cat.Catalogue, today: date) -> _Cells:
    unit = _read_column(cells["ma_don_vi"], lambda text: _resolve_unit(text, units))
    indicator = _read_column(cells["ma_chi_tieu"], lambda text: _resolve_indicator(text, catalogue))
    period = _read_column(cells["ky"], lambda text: parse_period(text, today))
    numerator = _read_column(cells["tu_so"], parse_count)
    denominator = _read_column(cells["mau_so"], parse_count)
    # the level: each (unit, indicator) pair once
    both = ~unit.failed & ~indicator.failed
    pairs = unit.codes.astype(np.int64) * max(1, len(indicator.results)) + indicator.codes
    level_errors = {}
    for pair in np.unique(pairs[both]).tolist():
        u, i = divmod(pair, max(1, len(indicator.results)))
        try:
            _check_level(unit.results[u], indicator.results[i])
        except CellError as exc:
            level_errors[pair] = exc
    wrong_level = both & np.isin(pairs, list(level_errors))
    # the numbers against the indicator's measure (0/0 is fine: the indicator does not apply to this unit)
    counted = ~indicator.failed & ~numerator.failed & ~denominator.failed
    num, den = _counts(numerator), _counts(denominator)
    yes_no = indicator.values("measure") == "yes_no"
    return _Cells(unit, indicator, period, numerator, denominator, level_errors, pairs, wrong_level,
                  counted & yes_no & (den != 1), counted & yes_no & (num != 0) & (num != 1),
                  counted & ~yes_no & (num > den))


def _row_problems(read: _Cells, i: int, file: str, row: int) -> list[Problem]:
    """The problems of the row at position `i`, in the order a reading of its cells finds them."""
    found = []
    for column, name in ((read.unit, "ma_don_vi"), (read.indicator, "ma_chi_tieu"), (read.period, "ky"),
                         (read.numerator, "tu_so"), (read.denominator, "mau_so")):
        if column.failed[i]:
            error = column.result(i)
            found.append(Problem(file, row, name, error.key, dict(error.params)))
    if read.wrong_level[i]:
        error = read.level_errors[int(read.pairs[i])]
        found.append(Problem(file, row, "ma_don_vi", error.key, dict(error.params)))
    if read.yes_no_denominator[i] or read.yes_no_numerator[i] or read.numerator_above[i]:
        code = read.indicator.result(i).code
        num, den = read.numerator.result(i), read.denominator.result(i)
        if read.yes_no_denominator[i]:
            found.append(Problem(file, row, "mau_so", "yes_no_denominator", {"indicator": code, "value": den}))
        if read.yes_no_numerator[i]:
            found.append(Problem(file, row, "tu_so", "yes_no_numerator", {"indicator": code, "value": num}))
        if read.numerator_above[i]:
            found.append(Problem(file, row, "tu_so", "numerator_above", {"numerator": num, "denominator": den}))
    return found


def _parse_observation_rows(table: pd.DataFrame, units, catalogue, file: str, today: date,
                            problems: list[Problem], padded: dict[str, str]) -> pd.DataFrame:
    """Check each row on its own; return the rows without problems (row, unit_id, unit_code,
    indicator, the period's columns, numerator, denominator, note: '' for none). A row whose
    numerator and denominator are both blank is a template row left unfilled: it is skipped, not an
    error. Checking stops at the row where MAX_PROBLEMS problems were found before it."""
    filled = ~((table["tu_so"].to_numpy(object) == "") & (table["mau_so"].to_numpy(object) == ""))
    rows = np.asarray(table.index.tolist(), dtype=object)[filled]
    cells = {c: table[c].to_numpy(object)[filled] for c in OBSERVATION_COLUMNS}
    notes = table[NOTE_COLUMN].to_numpy(object)[filled] if NOTE_COLUMN in table.columns else np.full(len(rows), "", object)
    read = _read_cells(cells, units, catalogue, today)
    counts = read.problem_counts()
    stop = stop_at(counts, len(problems))
    for i in np.flatnonzero(counts[:stop]).tolist():
        problems.extend(_row_problems(read, i, file, rows[i]))
    if stop is not None:
        stopped(problems, file, rows[stop])
    checked = slice(0, stop)
    for u in np.unique(read.unit.codes[checked][~read.unit.failed[checked]]).tolist():
        if read.unit.results[u].code != read.unit.texts[u]:
            padded[read.unit.texts[u]] = read.unit.results[u].code
    fine = np.flatnonzero(counts[checked] == 0)
    texts = {"unit_code": read.unit.values("code"), "indicator": read.indicator.values("code"),
             "period": read.period.values("text"), "granularity": read.period.values("granularity")}
    return pd.DataFrame({
        "row": pd.Series(rows[fine], dtype=object), "unit_id": read.unit.values("id")[fine].astype(np.int64),
        **{name: pd.Series(values[fine], dtype=object) for name, values in texts.items()},  # plain str, not Arrow's
        **{name: read.period.values(name)[fine].astype(np.int64) for name in ("year", "month_from", "month_to")},
        "numerator": _counts(read.numerator)[fine], "denominator": _counts(read.denominator)[fine],
        "note": pd.Series(notes[fine], dtype=object)})


def _first_of(rows: pd.DataFrame, columns: list[str]) -> np.ndarray:
    """For each row, the position of the first row with the same values in `columns`."""
    if rows.empty:
        return np.zeros(0, dtype=np.int64)
    group = rows.groupby(columns, sort=False).ngroup().to_numpy()
    _, first, inverse = np.unique(group, return_index=True, return_inverse=True)
    return first[inverse.reshape(-1)]


def _granularity_params(rows: pd.DataFrame, i: int, other_granularity: str, other_period: str) -> dict:
    return {
        "unit": rows["unit_code"].iat[i], "indicator": rows["indicator"].iat[i], "year": int(rows["year"].iat[i]),
        "period": rows["period"].iat[i], "granularity": word(f"granularity_{rows['granularity'].iat[i]}"),
        "other_period": other_period, "other_granularity": word(f"granularity_{other_granularity}"),
    }


def _dedupe_within_file(rows: pd.DataFrame, file: str, problems: list[Problem]) -> pd.DataFrame:
    """Drop identical repeats; a repeat of a key with other figures is a problem naming the first row."""
    first = _first_of(rows, ["unit_id", "indicator", "period"])
    repeat = first != np.arange(len(rows))
    other = np.zeros(len(rows), dtype=bool)
    for column in ("numerator", "denominator", "note"):
        values = rows[column].to_numpy()
        other |= values != values[first]
    numbers = rows["row"].to_numpy()
    for i in np.flatnonzero(repeat & other).tolist():
        problems.append(Problem(file, numbers[i], "tu_so", "duplicate_key", {"other": numbers[first[i]]}))
    return rows[~repeat].reset_index(drop=True)


def _mixed_within_file(rows: pd.DataFrame, file: str, problems: list[Problem]) -> None:
    """One unit reports one indicator at one granularity (year, quarter or month) within a year."""
    first = _first_of(rows, ["unit_id", "indicator", "year"])
    granularity, periods_, numbers = (rows[c].to_numpy() for c in ("granularity", "period", "row"))
    for i in np.flatnonzero(granularity != granularity[first]).tolist():
        earlier = first[i]
        params = _granularity_params(rows, i, granularity[earlier], periods_[earlier])
        problems.append(Problem(file, numbers[i], "ky", "mixed_in_file", {**params, "other": numbers[earlier]}))


def _permission_problems(rows: pd.DataFrame, account, units: dict[str, KnownUnit], file: str,
                         problems: list[Problem]) -> None:
    """An officer writes only their own unit's figures, whatever the file says."""
    allowed = {unit_id: account.can_write(unit_id) for unit_id in rows["unit_id"].unique().tolist()}
    refused = ~rows["unit_id"].map(allowed).to_numpy(dtype=bool)
    for row, code in rows.loc[refused, ["row", "unit_code"]].itertuples(index=False):
        problems.append(Problem(file, row, "ma_don_vi", "no_permission",
                                {"user": account.username, "unit": f"{code} {units[code].name}"}))


def _mixed_with_stored(rows: pd.DataFrame, stored: dict, file: str, problems: list[Problem]) -> None:
    if not stored:
        return
    granularities: dict[tuple, dict[str, str]] = {}  # (unit, indicator, year) -> granularity -> a period
    for (unit_id, indicator, period), s in stored.items():
        granularities.setdefault((unit_id, indicator, int(period[:4])), {}).setdefault(s.granularity, period)
    groups = zip(rows["unit_id"].tolist(), rows["indicator"].tolist(), rows["year"].tolist(), rows["granularity"])
    for i, (unit_id, indicator, year, granularity) in enumerate(groups):
        others = {g: p for g, p in granularities.get((unit_id, indicator, year), {}).items() if g != granularity}
        if others:
            other_granularity, period = sorted(others.items())[0]
            problems.append(Problem(file, rows["row"].iat[i], "ky", "mixed_in_db",
                                    _granularity_params(rows, i, other_granularity, period)))


def _register_problems(conn, rows: pd.DataFrame, units: dict[str, KnownUnit], file: str,
                       problems: list[Problem]) -> None:
    """1.2a and 1.2b of a commune that uses the inspection register that year come from it, never typed."""
    chosen = rows[rows["indicator"].isin(inspections.INDICATORS)]
    using = using_register(conn, set(chosen["year"].tolist()))
    for row, unit_id, code, indicator, year in chosen[["row", "unit_id", "unit_code", "indicator", "year"]].itertuples(
            index=False):
        if (unit_id, year) in using:
            problems.append(Problem(file, row, "ma_chi_tieu", "uses_register",
                                    {"unit": f"{code} {units[code].name}", "indicator": indicator, "year": year}))


def _with_changes(rows: pd.DataFrame, stored: dict, has_notes: bool) -> pd.DataFrame:
    """The rows as they will be stored, with what writing each changes and the figure it replaces."""
    notes = [note or None for note in rows["note"].tolist()]
    replaced = [None] * len(rows)
    if stored:
        replaced = [stored.get(key) for key in zip(rows["unit_id"].tolist(), rows["indicator"], rows["period"])]
        if not has_notes:
            notes = [s.note if s else None for s in replaced]
    changes = [
        "insert" if s is None else "same" if (num, den, note) == (s.numerator, s.denominator, s.note) else "update"
        for s, num, den, note in zip(replaced, rows["numerator"].tolist(), rows["denominator"].tolist(), notes)]
    objects = {"note": notes, "change": changes, "stored": replaced}  # None stays None (not NaN)
    return rows.assign(**{c: pd.Series(v, index=rows.index, dtype=object) for c, v in objects.items()})[ROW_COLUMNS]


def check_observations(conn, catalogue: cat.Catalogue, table: pd.DataFrame, filename: str,
                       today: date | None = None, padded: dict[str, str] | None = None, account=None
                       ) -> tuple[pd.DataFrame, list[Problem]]:
    """Check every row of an observations table against the units, the catalogue and the stored rows,
    inside the import's transaction `conn` (lib.store.transaction: writing, or checking for a preview).

    Returns the rows to store, one per key (a frame of ROW_COLUMNS: `row`, its spreadsheet row;
    `change`: insert, update or same; `stored`, the stored figure it replaces), and the problems found
    (the rows mean nothing unless that list is empty). `padded` collects unit codes whose leading
    zeros were restored. With an `account` (lib.store.auth.Account), rows of units it may not write are
    problems too.
    """
    nothing = pd.DataFrame(columns=ROW_COLUMNS)
    problems = structure_problems(table, OBSERVATION_COLUMNS, filename)
    if problems:
        return nothing, problems
    padded = {} if padded is None else padded
    units = known_units(conn)
    parsed = _parse_observation_rows(table, units, catalogue, filename, today or clock.today(), problems, padded)
    if account is not None:
        _permission_problems(parsed, account, units, filename, problems)
    parsed = _dedupe_within_file(parsed, filename, problems)
    _mixed_within_file(parsed, filename, problems)
    unit_ids = parsed["unit_id"].unique().tolist()
    lock_units(conn, sorted(unit_ids))
    stored = stored_figures(conn, set(unit_ids), set(parsed["indicator"].unique().tolist()),
                            set(parsed["year"].unique().tolist()))
    _mixed_with_stored(parsed, stored, filename, problems)
    _register_problems(conn, parsed, units, filename, problems)
    if problems:
        return nothing, sort_problems(problems, OBSERVATION_COLUMNS)
    return _with_changes(parsed, stored, NOTE_COLUMN in table.columns), []
