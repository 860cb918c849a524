"""Checking an observations table against the units, the catalogue and the stored figures: every
row on its own, then the file as a whole (repeats, one kind of period a year), then against what
is stored, under the units' locks (lib.store.observations)."""
from __future__ import annotations

from datetime import date
from typing import NamedTuple

import pandas as pd

from lib.core import catalogue as cat
from lib.core import periods
from lib.io.cells import parse_count, parse_period, resolve_code
from lib.io.problems import Bilingual, CellError, Problem, check_cell, sort_problems, stopped, structure_problems, word
from lib.store.observations import StoredFigure, lock_units, stored_figures
from lib.store.units import KnownUnit, known_units
from lib.core import clock

OBSERVATION_COLUMNS = ("ma_don_vi", "ma_chi_tieu", "ky", "tu_so", "mau_so")
NOTE_COLUMN = "ghi_chu"


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
        raise CellError("empty")
    code = resolve_code(text, units)
    if code is None:
        raise CellError("unit_unknown", code=text)
    if code != text:
        padded[text] = code
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


def _value_problems(indicator: cat.IndicatorDef, numerator: int, denominator: int) -> list[tuple[str, CellError]]:
    """(column, problem) pairs for numbers that do not fit the indicator's measure."""
    if indicator.measure == "yes_no":
        found = []
        if denominator != 1:
            found.append(("mau_so", CellError("yes_no_denominator", indicator=indicator.code, value=denominator)))
        if numerator not in (0, 1):
            found.append(("tu_so", CellError("yes_no_numerator", indicator=indicator.code, value=numerator)))
        return found
    if numerator > denominator:  # 0/0 is fine: the indicator does not apply to this unit
        return [("tu_so", CellError("numerator_above", numerator=numerator, denominator=denominator))]
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
        if stopped(problems, file, row):
            break
        before = len(problems)
        unit = check_cell(problems, file, row, "ma_don_vi", _resolve_unit, unit_text, units, padded)
        indicator = check_cell(problems, file, row, "ma_chi_tieu", _resolve_indicator, indicator_text, catalogue)
        period = check_cell(problems, file, row, "ky", parse_period, period_text, today, period_cache)
        numerator = check_cell(problems, file, row, "tu_so", parse_count, num_text)
        denominator = check_cell(problems, file, row, "mau_so", parse_count, den_text)
        if unit and indicator:
            check_cell(problems, file, row, "ma_don_vi", _check_level, unit, indicator)
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
        "period": row.period.text, "granularity": word(f"granularity_{row.period.granularity}"),
        "other_period": other_period, "other_granularity": word(f"granularity_{other_granularity}"),
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


def _change(row: dict, stored: StoredFigure | None) -> str:
    if stored is None:
        return "insert"
    same = (row["numerator"], row["denominator"], row["note"]) == (stored.numerator, stored.denominator, stored.note)
    return "same" if same else "update"


def _observation_record(row: _ObservationRow, stored: StoredFigure | None, has_notes: bool) -> dict:
    """The row as it will be stored, with its spreadsheet row and what writing it changes."""
    note = row.note if has_notes else (stored.note if stored else None)
    record = {
        "row": row.row, "unit_code": row.unit.code, "stored": stored,
        "unit_id": row.unit.id, "indicator": row.indicator.code, **row.period.columns(),
        "numerator": row.numerator, "denominator": row.denominator, "note": note,
    }
    record["change"] = _change(record, stored)
    return record


def check_observations(conn, catalogue: cat.Catalogue, table: pd.DataFrame, filename: str,
                       today: date | None = None, padded: dict[str, str] | None = None, account=None
                       ) -> tuple[list[dict], list[Problem]]:
    """Check every row of an observations table against the units, the catalogue and the stored rows,
    inside the import's transaction `conn` (lib.store.transaction: writing, or checking for a preview).

    Returns the rows to store (one per key; each with `row`, its spreadsheet row, and `change`:
    insert, update or same; and `stored`, the stored figure it replaces) and the problems found
    (the rows mean nothing unless that list is empty). `padded` collects unit codes whose leading
    zeros were restored. With an `account` (lib.store.auth.Account), rows of units it may not write are
    problems too.
    """
    problems = structure_problems(table, OBSERVATION_COLUMNS, filename)
    if problems:
        return [], problems
    padded = {} if padded is None else padded
    parsed = _parse_observation_rows(table, known_units(conn), catalogue, filename, today or clock.today(),
                                     problems, padded)
    if account is not None:
        _permission_problems(parsed, account, filename, problems)
    parsed = _dedupe_within_file(parsed, filename, problems)
    _mixed_within_file(parsed, filename, problems)
    lock_units(conn, sorted({r.unit.id for r in parsed}))
    stored = stored_figures(conn, {r.unit.id for r in parsed}, {r.indicator.code for r in parsed},
                            {r.period.year for r in parsed})
    _mixed_with_stored(parsed, stored, filename, problems)
    if problems:
        return [], sort_problems(problems, OBSERVATION_COLUMNS)
    has_notes = NOTE_COLUMN in table.columns
    return [_observation_record(r, stored.get(r.key), has_notes) for r in parsed], []

