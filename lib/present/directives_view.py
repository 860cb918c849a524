"""The leaders' directives in words (lib.core.directives, lib.store.directives.visible): the state
as shown (open, overdue, done), the cell a directive is attached to, the list page's table and its
download, and the short lines shown beside a cell, on the overview, the slides and the brief.
Text typed by users stays plain text here: the web pages show it through lib.web.text.md, the
brief and the slides through autoescaping templates."""
from __future__ import annotations

import pandas as pd

from lib.core import catalogue as cat
from lib.core import directives as rules
from lib.present import format as fmt
from lib.present import i18n

SHORT = 120  # characters of a directive's text in a short line


def state_name(state: str, lang: str = "vi") -> str:
    """`Đang thực hiện`, `Quá hạn`, `Đã hoàn thành`; an unknown code as it is."""
    return i18n.t(f"directive_state_{state}", lang) if state in rules.FILTERS else str(state)


def cell_text(row, catalogue: cat.Catalogue, whole: str, lang: str = "vi") -> str:
    """What a directive is attached to: `3.4 · Xã Việt Long`, `3.4 · Toàn huyện`, `Lĩnh vực 3: ...`."""
    if isinstance(row.get("indicator"), str) and row["indicator"]:
        where = row["unit_name"] if isinstance(row.get("unit_name"), str) else whole
        return f"{row['indicator']} · {where}"
    area = int(row["area"])
    name = catalogue.area_name(area, lang) if area in catalogue.areas else ""
    return i18n.t("area_title", lang, n=area, name=name)


def counts(frame: pd.DataFrame) -> dict[str, int]:
    """How many directives are open (overdue ones included) and how many overdue."""
    shown = frame["shown_state"] if not frame.empty else pd.Series([], dtype=str)
    return {"open": int(shown.isin([rules.OPEN, rules.OVERDUE]).sum()), "overdue": int((shown == rules.OVERDUE).sum())}


def counts_text(frame: pd.DataFrame, lang: str = "vi") -> str:
    """`3 ý kiến chỉ đạo đang mở, 1 quá hạn`."""
    return i18n.t("directive_counts", lang, **counts(frame))


def open_ones(frame: pd.DataFrame, indicator: str | None = None, unit_id: int | None = None,
              area: int | None = None) -> pd.DataFrame:
    """The open directives (overdue first, then by deadline), of one cell when asked: an indicator
    for a unit (`indicator` and `unit_id`), for the whole (`indicator` alone), every indicator of a
    unit (`unit_id` alone) or an area (`area` alone)."""
    if frame.empty:
        return frame
    chosen = frame[frame["shown_state"] != rules.DONE]
    if indicator is not None:
        chosen = chosen[chosen["indicator"] == indicator]
        chosen = chosen[chosen["unit_id"] == unit_id] if unit_id is not None else chosen[chosen["unit_id"].isna()]
    elif unit_id is not None:
        chosen = chosen[chosen["unit_id"] == unit_id]
    elif area is not None:
        chosen = chosen[(chosen["area"] == area) & chosen["indicator"].isna()]
    order = chosen.assign(_late=chosen["shown_state"] != rules.OVERDUE).sort_values(["_late", "deadline", "id"])
    return order.drop(columns="_late")


def short_line(row, catalogue: cat.Catalogue, whole: str, lang: str = "vi") -> str:
    """One directive in a line: `Quá hạn · hạn 15/12/2026 · 3.4 · Xã A → Xã A: the text…`."""
    text = row["text"] if len(row["text"]) <= SHORT else row["text"][:SHORT - 1].rstrip() + "…"
    return i18n.t("directive_line", lang, state=state_name(row["shown_state"], lang),
                  deadline=fmt.date_text(row["deadline"]), cell=cell_text(row, catalogue, whole, lang),
                  unit=row["responsible_name"], text=text)


def short_lines(frame: pd.DataFrame, catalogue: cat.Catalogue, whole: str, lang: str = "vi",
                limit: int = 5) -> list[str]:
    """The first `limit` open directives of `frame` (open_ones' order) in a line each."""
    return [short_line(row, catalogue, whole, lang) for _, row in open_ones(frame).head(limit).iterrows()]


def filtered(frame: pd.DataFrame, units: list[int], areas: list[int], states: list[str]) -> pd.DataFrame:
    """The directives of the responsible `units`, the `areas` and the shown `states` (an empty list: all)."""
    keep = pd.Series(True, index=frame.index)
    if units:
        keep &= frame["responsible_id"].isin(units)
    if areas:
        keep &= frame["area"].isin(areas)
    if states:
        keep &= frame["shown_state"].isin(states)
    return frame[keep]


LIST_COLUMNS = {"id": "col_directive_id", "cell": "col_directive_cell", "responsible_name": "col_directive_unit",
                "text": "col_directive_text", "deadline_text": "col_directive_deadline", "state_text": "col_state",
                "notes": "col_directive_notes", "last_note": "col_directive_last_note",
                "created_by": "col_directive_by"}


def list_frame(frame: pd.DataFrame, catalogue: cat.Catalogue, whole: str, lang: str = "vi") -> pd.DataFrame:
    """lib.store.directives.visible for reading: the cell, the deadline and the state in words."""
    shown = frame.copy()
    shown["cell"] = [cell_text(row, catalogue, whole, lang) for _, row in frame.iterrows()]
    shown["deadline_text"] = [fmt.date_text(d) for d in frame["deadline"]]
    shown["state_text"] = [state_name(s, lang) for s in frame["shown_state"]]
    return shown


DOWNLOAD_COLUMNS = {"id": "col_directive_id", "area": "col_area", "indicator": "col_code", "cell": "col_directive_cell",
                    "responsible_code": "col_unit_code", "responsible_name": "col_directive_unit",
                    "text": "col_directive_text", "deadline": "col_directive_deadline", "state_text": "col_state",
                    "created_by": "col_directive_by", "created_at": "col_at", "notes": "col_directive_notes",
                    "last_note": "col_directive_last_note", "closed_by": "col_directive_closed_by",
                    "closed_at": "col_directive_closed_at", "closing_note": "col_directive_closing_note"}


def download_frame(frame: pd.DataFrame, catalogue: cat.Catalogue, whole: str, lang: str = "vi") -> pd.DataFrame:
    """The directives as a file (lib.io.sheets writes it): one row each, headers in the language,
    times in Vietnam's time; typed text exactly as typed (the sheets writer neutralises formulas)."""
    shown = list_frame(frame, catalogue, whole, lang)
    shown["created_at"] = [fmt.datetime_text(t) for t in shown["created_at"]]
    shown["closed_at"] = [fmt.datetime_text(t) for t in shown["closed_at"]]
    shown["indicator"] = shown["indicator"].fillna("")
    for column in ("closed_by", "closing_note"):
        shown[column] = shown[column].fillna("")
    return shown[list(DOWNLOAD_COLUMNS)].rename(columns={k: i18n.t(v, lang) for k, v in DOWNLOAD_COLUMNS.items()})
