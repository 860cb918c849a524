"""Data entry in a form: one unit, one period, its indicators in an editable table.

Saving goes through the importer's checks and writer (lib.importer.import_table), so a figure
typed in the form is checked, audited and protected exactly like one uploaded in a file.
"""
from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine

from lib import catalogue as cat
from lib import periods
from lib.importer import ImportRejected, OverwriteNeedsConfirmation, import_table  # noqa: F401 - re-exported
from lib.models import Observation
from lib.scoring import in_scope

SOURCE = "Nhập trực tiếp"
FORM_COLUMNS = ["ma_chi_tieu", "ten_chi_tieu", "tu_so", "mau_so", "ghi_chu", "tu_so_la", "mau_so_la"]


def writable_units(units: pd.DataFrame, account) -> pd.DataFrame:
    """The units this account may write: all for the secretariat, their own for an officer."""
    return units[[account.can_write(int(i)) for i in units["id"]]]


def form_rows(conn: Connection, catalogue: cat.Catalogue, unit: pd.Series, period_text: str,
              lang: str = "vi") -> pd.DataFrame:
    """The unit's applicable indicators with what is stored for the period (blank when nothing)."""
    period = periods.parse(period_text)
    stored = {
        code: (num, den, note)
        for code, num, den, note in conn.execute(
            select(Observation.indicator, Observation.numerator, Observation.denominator, Observation.note)
            .where(Observation.unit_id == int(unit["id"]), Observation.period == period.text))
    }
    frame = unit.to_frame().T
    rows = []
    for ind in catalogue.indicators:
        if unit["level"] not in ind.levels or not bool(in_scope(ind, frame).iloc[0]):
            continue
        num, den, note = stored.get(ind.code, (None, None, None))
        yes_no = ind.measure == "yes_no"
        rows.append({
            "ma_chi_tieu": ind.code, "ten_chi_tieu": ind.name(lang), "tu_so": num, "mau_so": den,
            "ghi_chu": note or "",
            "tu_so_la": ("1 = có, 0 = chưa" if lang != "en" else "1 = yes, 0 = no") if yes_no else ind.numerator_label(lang),
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


def save(engine: Engine, account, unit_code: str, period_text: str, edited: pd.DataFrame,
         confirm_overwrite: bool = False, lang: str = "vi"):
    """Check and write the form; raises ImportRejected (problems by form row) or
    OverwriteNeedsConfirmation, and then writes nothing."""
    return import_table(engine, to_table(unit_code, period_text, edited), SOURCE, lang=lang, account=account,
                        confirm_overwrite=confirm_overwrite)


def problems_by_indicator(rejected: ImportRejected, edited: pd.DataFrame, lang: str = "vi") -> dict[str, list[str]]:
    """The problems of a refused form, keyed by the indicator of the row they are on (messages
    shown next to the field); problems with no row are keyed ''."""
    codes = dict(zip(range(1, len(edited) + 1), edited["ma_chi_tieu"]))
    found: dict[str, list[str]] = {}
    for problem in rejected.problems:
        message = problem.text(lang).split(": ", 1)[-1]
        column = f"{problem.column}: " if problem.column else ""
        found.setdefault(codes.get(problem.row, ""), []).append(column + message)
    return found
