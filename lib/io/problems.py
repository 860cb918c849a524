"""What an import says (in the words of the catalogue's import.* messages, lib.present.i18n): a
problem at a file's row and column, a refused file, the summary of a done import, and the checks
every table gets (a readable file, its columns, one cell at a time, a stop after enough problems)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import pandas as pd

from lib.core.errors import Refused
from lib.core.settings import Limits
from lib.io.tabular import TableError, read_table, source_name
from lib.present import i18n

MAX_PROBLEMS = 1000  # a file of bad rows is not checked to its end: its first problems are enough


class Bilingual(NamedTuple):
    """A message parameter that reads differently in each language (a kind of unit, a level...)."""

    vi: str
    en: str


def message(key: str, lang: str = "vi", **params) -> str:
    values = {k: (v.en if lang == "en" else v.vi) if isinstance(v, Bilingual) else v for k, v in params.items()}
    return i18n.t("import." + key, lang, **values)


def word(key: str) -> Bilingual:
    return Bilingual(i18n.t("import." + key, "vi"), i18n.t("import." + key, "en"))


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


class CellError(Refused):
    """A cell that cannot be read (noted as a Problem at its row and column by `check_cell`)."""
    topic = "import"


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


def stop_at(counts: np.ndarray, found: int = 0) -> int | None:
    """Where checking rows stops, as `stopped` decides it row by row: the position of the first row
    before which MAX_PROBLEMS problems were found (`counts`: each row's problems; `found`: those
    found before the first row), or None when every row is checked."""
    before = found + np.cumsum(counts) - counts
    over = np.flatnonzero(before >= MAX_PROBLEMS)
    return int(over[0]) if len(over) else None


def read_file(source, filename: str, lang: str, limits: Limits | None = None, find_header=None) -> pd.DataFrame:
    """The file as a table of text cells (lib.io.tabular; `find_header` as read_table's), or
    ImportRejected naming why not."""
    try:
        return read_table(source, filename, limits, find_header)
    except TableError as exc:
        raise ImportRejected([Problem(filename, exc.row, exc.column, exc.key, exc.params)], lang) from exc


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


def summary_of(filename: str, table: pd.DataFrame, changes: list[str], padded: dict[str, str]) -> ImportSummary:
    """What writing the checked rows of the read `table` did (`changes`: each row's insert, update or same)."""
    blank = int(((table["tu_so"] == "") & (table["mau_so"] == "")).sum()) if "tu_so" in table.columns else 0
    return ImportSummary(file=filename, rows_read=len(table), skipped=blank, inserted=changes.count("insert"),
                         updated=changes.count("update"), unchanged=changes.count("same"), padded_codes=padded)

