"""Data entry in a form: one unit, one period, its indicators in an editable table.

Saving goes through the importer's checks and writer (lib.io.importer.import_table), so a figure
typed in the form is checked, audited and protected exactly like one uploaded in a file. The
tables that the entry and upload pages draw around it (problems, overwrites) are built here too.
"""
from __future__ import annotations

import pandas as pd

from lib.core import catalogue as cat
from lib.core import periods
from lib.core.applies import applies
from lib.core.provenance import ENTRY_SOURCE as SOURCE
from lib.io.importer import import_table
from lib.io.problems import ImportRejected, Problem
from lib.io.problems import message as importer_message
from lib.present import i18n, workflow_view
from lib.store.observations import figures_of

FORM_COLUMNS = ["ma_chi_tieu", "ten_chi_tieu", "tu_so", "mau_so", "ghi_chu", "tu_so_la", "mau_so_la"]


def writable_units(units: pd.DataFrame, account) -> pd.DataFrame:
    """The units this account may write: all for the secretariat, their own for an officer."""
    return units[[account.can_write(int(i)) for i in units["id"]]]


def form_rows(engine, catalogue: cat.Catalogue, unit: pd.Series, period_text: str,
              lang: str = "vi") -> pd.DataFrame:
    """The unit's applicable indicators with what is stored for the period (blank when nothing)."""
    period = periods.parse(period_text)
    stored = figures_of(engine, int(unit["id"]), period.text)
    rows = []
    for ind in catalogue.indicators:
        if not applies(ind, unit):
            continue
        num, den, note = stored.get(ind.code, (None, None, None))
        yes_no = ind.measure == "yes_no"
        rows.append({
            "ma_chi_tieu": ind.code, "ten_chi_tieu": ind.name(lang), "tu_so": num, "mau_so": den,
            "ghi_chu": note or "",
            "tu_so_la": i18n.t("entry_yes_no", lang) if yes_no else ind.numerator_label(lang),
            "mau_so_la": "1" if yes_no else ind.denominator_label(lang),
        })
    frame = pd.DataFrame(rows, columns=FORM_COLUMNS)
    frame["tu_so"] = frame["tu_so"].astype("Int64")
    frame["mau_so"] = frame["mau_so"].astype("Int64")
    return frame


def _text(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def to_table(unit_code: str, period_text: str, edited: pd.DataFrame) -> pd.DataFrame:
    """The form's rows as an observations table (contract columns, text cells); its index is the
    form row number (1 = first indicator), which problems refer to."""
    table = pd.DataFrame({
        "ma_don_vi": unit_code,
        "ma_chi_tieu": [_text(v) for v in edited["ma_chi_tieu"]],
        "ky": period_text,
        "tu_so": [_text(v) for v in edited["tu_so"]],
        "mau_so": [_text(v) for v in edited["mau_so"]],
        "ghi_chu": [_text(v) for v in edited["ghi_chu"]],
    })
    table.index = range(1, len(table) + 1)
    return table


def save(engine, account, unit_code: str, period_text: str, edited: pd.DataFrame,
         confirm_overwrite: bool = False, lang: str = "vi"):
    """Check and write the form; raises ImportRejected (problems by form row) or
    OverwriteNeedsConfirmation, and then writes nothing."""
    return import_table(engine, to_table(unit_code, period_text, edited), SOURCE, lang=lang, account=account,
                        confirm_overwrite=confirm_overwrite)


# the form's columns as its headers name them (a problem says `Tử số: ...`, not `tu_so: ...`)
COLUMN_HEADERS = {"tu_so": "col_numerator", "mau_so": "col_denominator", "ghi_chu": "col_note", "ky": "col_period",
                  "ma_don_vi": "col_unit_code", "ma_chi_tieu": "col_code"}


def problems_by_indicator(rejected: ImportRejected, edited: pd.DataFrame, lang: str = "vi") -> dict[str, list[str]]:
    """The problems of a refused form, keyed by the indicator of the row they are on (messages
    shown next to the field); problems with no row are keyed ''."""
    codes = dict(zip(range(1, len(edited) + 1), edited["ma_chi_tieu"]))
    found: dict[str, list[str]] = {}
    for problem in rejected.problems:
        message = problem.text(lang).split(": ", 1)[-1]
        header = COLUMN_HEADERS.get(problem.column)
        column = f"{i18n.t(header, lang) if header else problem.column}: " if problem.column else ""
        found.setdefault(codes.get(problem.row, ""), []).append(column + message)
    return found


ERRORS_COLUMN = "loi"
STATE_COLUMNS = ["trang_thai", "nhan_xet"]  # each figure's workflow state and the secretariat's comment


def with_states(form: pd.DataFrame, states: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """The form with each figure's workflow state in words and the secretariat's last comment on it
    (lib.store.workflow.states_of; blank where nothing is stored), shown next to its fields."""
    by_code = {code: (state, comment) for code, state, comment in zip(states["indicator"], states["state"],
                                                                        states["comment"])}
    held = [by_code.get(code, (None, None)) for code in form["ma_chi_tieu"]]
    return form.assign(trang_thai=[workflow_view.state_name(state, lang) if state else "" for state, _ in held],
                       nhan_xet=[comment or "" for _, comment in held])


def with_errors(form: pd.DataFrame, by_indicator: dict[str, list[str]]) -> pd.DataFrame:
    """The form with a column of the problems of each indicator's row ('' where there are none);
    the column is always there, so the editor keeps its edits when problems come and go."""
    return form.assign(**{ERRORS_COLUMN: [f"⚠ {'; '.join(by_indicator[code])}" if by_indicator.get(code) else ""
                                          for code in form["ma_chi_tieu"]]})


OVERWRITE_COLUMNS = ["unit_code", "unit", "indicator", "indicator_name", "period", "old", "new", "entered_by"]


def overwrite_frame(rows: list[tuple], units: pd.DataFrame, catalogue: cat.Catalogue,
                    lang: str = "vi") -> pd.DataFrame:
    """OverwriteNeedsConfirmation.rows as a table: unit, indicator, period, old → new, who entered it."""
    names = dict(zip(units["code"], units["name"]))
    out = []
    for unit_code, indicator, period, old, new, who in rows:
        ind = catalogue.by_code.get(indicator)
        out.append({"unit_code": unit_code, "unit": names.get(unit_code, unit_code), "indicator": indicator,
                    "indicator_name": ind.name(lang) if ind else indicator, "period": period,
                    "old": old, "new": new, "entered_by": who})
    return pd.DataFrame(out, columns=OVERWRITE_COLUMNS)


PROBLEM_COLUMNS = ["row", "column", "message"]


def problem_frame(problems: list[Problem], lang: str = "vi") -> pd.DataFrame:
    """An import's problems as a table: spreadsheet row ('' for the whole file), column, message."""
    rows = [{"row": "" if p.row is None else str(p.row), "column": p.column or "",
             "message": importer_message(p.key, lang, **p.params) + "."} for p in problems]
    return pd.DataFrame(rows, columns=PROBLEM_COLUMNS)


def preview_frame(table: pd.DataFrame, limit: int = 200) -> pd.DataFrame:
    """The first rows of a read file with their spreadsheet row numbers (as the problems name them)."""
    shown = table.head(limit).reset_index()
    return shown.rename(columns={shown.columns[0]: "row"})
