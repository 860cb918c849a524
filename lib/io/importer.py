"""Importing observations from CSV/XLSX files (units: lib.io.unit_import), and the preview of one.

Every row of a file is checked before anything is written. A file with any problem is
rejected as a whole (`ImportRejected`, listing each problem with its file, row and column);
a clean file is written in one transaction (lib.store.transaction.writing, run again when the
server rolled it back) with an insert-or-update on the natural key, so importing the same rows
again updates them and never duplicates them. The messages and problems live in lib.io.problems,
the cells' parsing in lib.io.cells, the checks in lib.io.observation_checks, the SQL in
lib.store.observations.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

import pandas as pd

from lib.core.settings import Limits
from lib.core.workflow import state_after_write
from lib.io import locks
from lib.io.observation_checks import check_observations
from lib.io.problems import ImportRejected, ImportSummary, Problem, file_name, read_file, summary_of
from lib.store import definitions
from lib.store.observations import write_observations
from lib.store.transaction import checking, retrying, writing


class OverwriteNeedsConfirmation(Exception):
    """The file would change figures that somebody else entered; nothing was written.
    `.rows`: (unit code, indicator, period, old numerator/denominator, new, who entered the old)."""

    def __init__(self, rows: list[tuple]):
        super().__init__(len(rows))
        self.rows = rows


def _overwrites_of_others(rows: pd.DataFrame, user: str) -> list[tuple]:
    updates = rows[rows["change"] == "update"]
    return [
        (code, indicator, period, f"{stored.numerator}/{stored.denominator}", f"{num}/{den}", stored.updated_by)
        for code, indicator, period, num, den, stored in updates[
            ["unit_code", "indicator", "period", "numerator", "denominator", "stored"]].itertuples(index=False)
        if stored.updated_by != user
    ]


def import_observations(engine, source, filename: str | None = None, user: str = "cli",
                        lang: str = "vi", today: date | None = None, account=None,
                        confirm_overwrite: bool = True, limits: Limits | None = None,
                        unlock: str | None = None) -> ImportSummary:
    """Import an observations file (path, bytes or upload): all rows or, on any problem, none
    (raises ImportRejected). `limits`: what the file may hold (default: the settings'); `unlock`:
    the reason to unlock the approved figures the file changes (lib.io.locks)."""
    filename = file_name(source, filename)
    return import_table(engine, read_file(source, filename, lang, limits), filename, user, lang, today, account,
                        confirm_overwrite, unlock)


def import_table(engine, table: pd.DataFrame, filename: str, user: str = "cli", lang: str = "vi",
                 today: date | None = None, account=None, confirm_overwrite: bool = True,
                 unlock: str | None = None) -> ImportSummary:
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
        with writing(engine, user) as write:
            conn = write.conn
            rows, problems = check_observations(conn, definitions.load_catalogue(conn), table, filename, today, padded, account)
            problems = problems or locks.locked_problems(conn, rows, filename, account, unlock)
            if problems:
                raise ImportRejected(problems, lang)
            if not confirm_overwrite:
                others = _overwrites_of_others(rows, user)
                if others:
                    raise OverwriteNeedsConfirmation(others)
            locks.unlock_changed(write, rows, account, unlock)
            ended_demo = write_observations(write, rows, filename, state_after_write(account and account.role))
        return replace(summary_of(filename, table, rows["change"].tolist(), padded), ended_demo=ended_demo)

    return retrying(check_and_write)


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


def preview_observations(engine, source, filename: str | None = None, user: str = "cli",
                         lang: str = "vi", today: date | None = None, account=None,
                         limits: Limits | None = None) -> Preview:
    """Run every check of `import_observations` (with the account's permissions) and write nothing."""
    filename = file_name(source, filename)
    if account is not None:
        user = account.username
    try:
        table = read_file(source, filename, lang, limits)
    except ImportRejected as rejected:
        return Preview(pd.DataFrame(), rejected.problems, ImportSummary(file=filename))
    padded: dict[str, str] = {}
    with checking(engine) as conn:
        rows, problems = check_observations(conn, definitions.load_catalogue(conn), table, filename, today, padded, account)
        problems = problems or locks.locked_problems(conn, rows, filename, account)
    if problems:
        return Preview(table, problems, ImportSummary(file=filename, rows_read=len(table), padded_codes=padded))
    return Preview(table, [], summary_of(filename, table, rows["change"].tolist(), padded), _overwrites_of_others(rows, user))
