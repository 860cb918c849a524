"""Importing a units file: every row checked (codes, names, kinds, flags, parents found in the
database or the file, no loops), then the new and changed units written, parents first.

A file may describe only part of each unit: the code and the flag columns (dbkk, tu_chu_mot_phan)
to flag communes, or the code and the name to rename. A column left out keeps the stored value,
so every unit of such a file must exist already; a new unit needs the four UNIT_COLUMNS."""
from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from lib.core import catalogue as cat
from lib.core.settings import Limits
from lib.io.cells import CODE_WIDTHS, checked_text, resolve_code
from lib.io.problems import (CellError, ImportRejected, ImportSummary, Problem, check_cell, file_name, read_file,
                             sort_problems, stopped, structure_problems, summary_of)
from lib.store.transaction import retrying, writing
from lib.store.units import KnownUnit, known_units, write_changed

UNIT_COLUMNS = ("ma_don_vi", "ten_don_vi", "loai", "ma_cha")
DESCRIBING = UNIT_COLUMNS[1:]  # may be left out of a file whose units all exist
UNIT_FLAG_COLUMNS = {"dbkk": "dbkk", "tu_chu_mot_phan": "partly_self_financed"}  # optional
MAX_CODE_LENGTH = 32
MAX_NAME_LENGTH = 200


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
    name: str | None  # None: the file has no such column (the stored value stays)
    kind: str | None
    parent_text: str | None
    flags: dict  # only the flag columns present in the file: dbkk, partly_self_financed


def _parse_kind(text: str) -> str:
    if text == "":
        raise CellError("empty")
    kind = KIND_ALIASES.get(text.lower())
    if kind is None:
        raise CellError("kind_unknown", value=text, allowed=", ".join(cat.UNIT_KINDS))
    return kind


def _parse_flag(text: str) -> bool:
    if text in ("", "0"):
        return False
    if text == "1":
        return True
    raise CellError("flag_invalid", value=text)


def _pad_code(code: str, kind: str) -> str:
    """Commune codes have 5 digits and district codes 3: restore zeros that Excel dropped."""
    width = CODE_WIDTHS.get(cat.LEVEL_OF_KIND[kind])
    if width and code.isdigit() and len(code) < width:
        return code.zfill(width)
    return code


def _column(table: pd.DataFrame, column: str):
    """The column's cells, or None for every row when the file leaves the column out."""
    return table[column] if column in table.columns else [None] * len(table)


def _parse_unit_rows(table: pd.DataFrame, file: str, problems: list[Problem], stored: dict[str, KnownUnit],
                     padded: dict[str, str]) -> list[_UnitRow]:
    flag_columns = [c for c in UNIT_FLAG_COLUMNS if c in table.columns]
    parsed = []
    for row, code_text, name_text, kind_text, parent_text, *flag_texts in zip(
            table.index, *(_column(table, c) for c in UNIT_COLUMNS), *(table[c] for c in flag_columns)):
        if stopped(problems, file, row):
            break
        before = len(problems)
        code = check_cell(problems, file, row, "ma_don_vi", checked_text, code_text, MAX_CODE_LENGTH)
        name = kind = None
        if name_text is not None:
            name = check_cell(problems, file, row, "ten_don_vi", checked_text, name_text, MAX_NAME_LENGTH)
        if kind_text is not None:
            kind = check_cell(problems, file, row, "loai", _parse_kind, kind_text)
        flags = {UNIT_FLAG_COLUMNS[column]: check_cell(problems, file, row, column, _parse_flag, text)
                 for column, text in zip(flag_columns, flag_texts)}
        if len(problems) > before:
            continue
        full_code = _pad_code(code, kind) if kind else (resolve_code(code, stored) or code)
        if full_code not in stored and None in (name_text, kind_text, parent_text):
            missing = ", ".join(c for c, text in zip(DESCRIBING, (name_text, kind_text, parent_text)) if text is None)
            problems.append(Problem(file, row, "ma_don_vi", "unit_new_needs", {"code": code, "columns": missing}))
            continue
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
        if row.parent_text is None:  # no ma_cha column: the stored parent stays
            parents[row.code] = stored[row.code].parent_code
            continue
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
    """The unit as it will be stored; a column missing from the file keeps the stored value."""
    record = {
        "row": row.row, "code": row.code, "name": row.name if row.name is not None else stored.name,
        "kind": row.kind if row.kind is not None else stored.kind, "parent_code": parent,
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


def check_units(conn, table: pd.DataFrame, filename: str, padded: dict[str, str] | None = None
                ) -> tuple[list[dict], list[Problem]]:
    """Check every row of a units table. Returns the units to store (each with `row`, `change` and
    `depth` in the unit tree, so parents can be written first) and the problems found."""
    partial = "ma_don_vi" in table.columns and any(c in table.columns for c in (*DESCRIBING, *UNIT_FLAG_COLUMNS))
    problems = structure_problems(table, ("ma_don_vi",) if partial else UNIT_COLUMNS, filename)
    if problems:
        return [], problems
    padded = {} if padded is None else padded
    stored = known_units(conn)
    rows = _parse_unit_rows(table, filename, problems, stored, padded)
    rows = _dedupe_units(rows, filename, problems)
    parents = _resolve_parents(rows, stored, filename, problems, padded)
    tree = {code: unit.parent_code for code, unit in stored.items()} | parents
    if not problems:
        _cycle_problems(rows, tree, filename, problems)
    if problems:
        return [], sort_problems(problems, UNIT_COLUMNS + tuple(UNIT_FLAG_COLUMNS))
    return [_unit_record(r, parents[r.code], stored.get(r.code), len(_ancestors(r.code, tree))) for r in rows], []


def import_units(engine, source, filename: str | None = None, user: str = "cli",
                 lang: str = "vi", limits: Limits | None = None) -> ImportSummary:
    """Import a units file: all rows or, on any problem, none (raises ImportRejected).
    `user` is accepted for symmetry with import_observations; units do not record who wrote them."""
    filename = file_name(source, filename)
    table = read_file(source, filename, lang, limits)

    def check_and_write():
        padded: dict[str, str] = {}
        with writing(engine, user) as write:
            units, problems = check_units(write.conn, table, filename, padded)
            if problems:
                raise ImportRejected(problems, lang)
            write_changed(write, units)
        return summary_of(filename, table, [u["change"] for u in units], padded)

    return retrying(check_and_write)
