"""The inspection register behind 1.2a and 1.2b, its rules (no SQL, no words): who records what,
and the figures the register stands for.

The secretariat (noi_vu) records each inspection of a commune (date, team) and each issue it found
(what, deadline); the commune's officer (don_vi) records each fix (date, note). For a commune that
uses the register in a year, 1.2a (inspected this year) and 1.2b (issues fixed / issues found) are
computed from it, as rows of the same shape as stored figures (lib.core.year_to_date.ROW_COLUMNS),
so that they pool, score and show exactly as typed figures do:
- 1.2a: done (1 of 1) from the month of the year's first inspection;
- 1.2b: a flow, by month: the issues found that month (the denominator) and the issues of the
  year's inspections fixed that month (the numerator); an inspection that found no issue gives
  0 of 0, so a commune whose inspections found nothing is not applicable for 1.2b.
A commune uses the register or typed figures for 1.2a and 1.2b in a year, never both.
"""
from __future__ import annotations

from datetime import date

import pandas as pd

from lib.core.errors import Refused
from lib.core.roles import DON_VI, NOI_VU
from lib.core.year_to_date import ROW_COLUMNS

INSPECTED, FIXED = "1.2a", "1.2b"
INDICATORS = (INSPECTED, FIXED)
MAX_TEXT = 1000  # characters of a team, an issue or a fix note

INSPECTION, ISSUE, FIX = "inspection", "issue", "fix"
ROLES = {INSPECTION: (NOI_VU,), ISSUE: (NOI_VU,), FIX: (DON_VI, NOI_VU)}  # who may record each


class InspectionError(Refused):
    """A record of the inspection register was refused (nothing was changed)."""
    topic = "inspection"


def check_role(record: str, role: str, account_unit: int | None = None, unit_id: int | None = None) -> None:
    """InspectionError unless an account of `role` may record `record`; an officer only for their
    own commune."""
    if role not in ROLES[record]:
        raise InspectionError("role")
    if role == DON_VI and (account_unit is None or account_unit != unit_id):
        raise InspectionError("not_found")


def clean_text(value: str | None, key: str) -> str:
    """Typed text as stored: trimmed; InspectionError `key` when empty, too_long past MAX_TEXT."""
    value = (value or "").strip()
    if not value:
        raise InspectionError(key)
    if len(value) > MAX_TEXT:
        raise InspectionError("too_long", limit=MAX_TEXT)
    return value


def check_one_source(typed: bool) -> None:
    """A commune whose 1.2a or 1.2b figures of the year were typed or imported cannot use the register that year."""
    if typed:
        raise InspectionError("typed_figures")


def register_rows(inspections: pd.DataFrame, issues: pd.DataFrame, year: int) -> pd.DataFrame:
    """The figures the register stands for (ROW_COLUMNS), for `year`: `inspections` (unit_id,
    day) and `issues` (unit_id, found: the inspection's day, fixed: the fix's day or None). Only
    inspections of `year` count, and fixes of their issues made in `year`."""
    rows: dict[tuple[int, str, int], list[int]] = {}

    def add(unit_id: int, indicator: str, month: int, numerator: int, denominator: int) -> None:
        row = rows.setdefault((int(unit_id), indicator, month), [0, 0])
        row[0] += numerator
        row[1] += denominator

    this_year = inspections[[d.year == year for d in inspections["day"]]] if len(inspections) else inspections
    for unit_id, days in this_year.groupby("unit_id")["day"]:
        first = min(days)
        rows[(int(unit_id), INSPECTED, first.month)] = [1, 1]
        for day in days:
            add(unit_id, FIXED, day.month, 0, 0)  # an inspection that found nothing still says so
    for unit_id, found, fixed in issues[["unit_id", "found", "fixed"]].itertuples(index=False):
        if found.year != year:
            continue
        add(unit_id, FIXED, found.month, 0, 1)
        if fixed is not None and not pd.isna(fixed) and fixed.year == year:
            add(unit_id, FIXED, max(fixed.month, found.month), 1, 0)
    return pd.DataFrame([(u, i, m, n, d) for (u, i, m), (n, d) in sorted(rows.items())], columns=ROW_COLUMNS)


def is_open(fixed: date | None) -> bool:
    """An issue not yet fixed."""
    return fixed is None or pd.isna(fixed)
