"""Approved figures are locked (lib.core.workflow): the check that every write of figures (the
entry form, an upload, the command line's import) makes of the rows it would change, as problems
naming the file, row and column, and the unlock that the secretariat's import may be told to do
with a reason (`import FILE --unlock REASON`)."""
from __future__ import annotations

import pandas as pd

from lib.core.roles import NOI_VU
from lib.io.problems import Problem
from lib.store import workflow


def _changing(rows: pd.DataFrame) -> list[dict]:
    """The checked rows (lib.io.observation_checks.ROW_COLUMNS) that change a stored figure (only a
    stored figure can be locked: a file of new figures costs no query)."""
    return rows[rows["change"] == "update"].to_dict("records")


def _key(row: dict) -> workflow.Key:
    return row["unit_id"], row["indicator"], row["period"]


def _column(row: dict) -> str:
    """The column that changes a locked figure: the numerator, else the denominator, else the note."""
    stored = row["stored"]
    if row["numerator"] != stored.numerator:
        return "tu_so"
    return "mau_so" if row["denominator"] != stored.denominator else "ghi_chu"


def may_unlock(account, reason: str | None) -> bool:
    """Whether this write unlocks what it changes: a reason was given, by the command line or the secretariat."""
    return bool((reason or "").strip()) and (account is None or account.role == NOI_VU)


def locked_problems(conn, rows: pd.DataFrame, filename: str, account=None, unlock: str | None = None) -> list[Problem]:
    """A problem for each checked row (lib.io.observation_checks) that would change an approved
    figure, unless the write may unlock it (`may_unlock`)."""
    changing = _changing(rows)
    locked = workflow.locked(conn, [_key(r) for r in changing])
    if not locked or may_unlock(account, unlock):
        return []
    return [Problem(filename, r["row"], _column(r), "locked",
                    {"unit": r["unit_code"], "indicator": r["indicator"], "period": r["period"]})
            for r in changing if _key(r) in locked]


def unlock_changed(write, rows: pd.DataFrame, account=None, unlock: str | None = None) -> None:
    """Unlock, with the reason, the approved figures these rows change (nothing unless `may_unlock`)."""
    if not may_unlock(account, unlock):
        return
    changing = _changing(rows)
    locked = workflow.locked(write.conn, [_key(r) for r in changing])
    codes = {r["unit_id"]: r["unit_code"] for r in changing}
    workflow.unlock_for_import(write, sorted(locked), unlock, codes)
