"""The emulation ranking (lib.core.ranking) as people read it: the page's table and its headers, the
download under headers in the language, the weights' editor."""
from __future__ import annotations

from fractions import Fraction

import pandas as pd

from lib.core import status as st
from lib.core.catalogue import Catalogue
from lib.core.ranking import DEFAULT_WEIGHT, LEVELS, ranked_indicators
from lib.present import format as fmt
from lib.present import i18n


def tie_break_words(tie_break: str, lang: str = "vi") -> str:
    return i18n.t(f"rank.tie_break_{tie_break}", lang)


def weights_frame(catalogue: Catalogue, weights: dict[str, Fraction], lang: str = "vi") -> pd.DataFrame:
    """One row per weighted indicator for the editor: code, name, levels, weight (a float)."""
    rows = []
    for ind in ranked_indicators(catalogue):
        weight = weights.get(ind.code, DEFAULT_WEIGHT)
        levels = "; ".join(i18n.t(f"rank.level_{lv}", lang) for lv in LEVELS if lv in ind.levels)
        rows.append({"code": ind.code, "name": ind.name(lang), "levels": levels, "weight": float(weight)})
    return pd.DataFrame(rows, columns=["code", "name", "levels", "weight"])


# The page's table fits a 1280 px screen beside the sidebar: a tie is read in the rank's cell, the
# three status counts are headed by their symbols (worded by `columns_note` under the table), and
# last year's rank carries the change beside it.
VIEW_COLUMNS = ["rank", "unit", "score", "attainment", "met_of", "close", "not_met", "no_data", "previous"]
COUNTED = {"close": st.CLOSE, "not_met": st.NOT_MET, "no_data": st.NO_DATA}
# Their widths in pixels: together they fit the 820 px beside the sidebar at 1280x720
# (tests/browser/test_layout_browser.py); the unit's is that of the longest agency's name
VIEW_WIDTHS = {"rank": 100, "unit": 276, "score": 70, "attainment": 105, "met_of": 62, "close": 38, "not_met": 38,
               "no_data": 38, "previous": 88}


def _number(value, lang: str) -> str:
    return fmt.number(value, lang)


def _int_text(value, lang: str = "vi") -> str:
    return "" if pd.isna(value) else fmt.count(value, lang)


def view_headers(previous_year: int, lang: str = "vi") -> dict[str, str]:
    """The page table's headers (VIEW_COLUMNS): a status count is headed by its status's symbol."""
    return {"rank": i18n.t("rank.col_rank", lang), "unit": i18n.t("col_unit", lang),
            "score": i18n.t("rank.col_score", lang), "attainment": i18n.t("rank.col_attainment_short", lang),
            "met_of": st.badge(st.MET, lang),
            **{name: st.get(code).symbol for name, code in COUNTED.items()},
            "previous": i18n.t("rank.col_previous_short", lang, year=previous_year)}


def view_help(previous_year: int, lang: str = "vi") -> dict[str, str]:
    """Each header's tooltip where the header is short: the status's word, the mean, the change."""
    return {"attainment": i18n.t("rank.col_attainment", lang), "met_of": i18n.t("rank.col_met_of", lang),
            **{name: i18n.t("rank.count_help", lang, status=st.badge(code, lang)) for name, code in COUNTED.items()},
            "previous": i18n.t("rank.previous_help", lang, year=previous_year)}


def columns_note(previous_year: int, lang: str = "vi") -> str:
    """The line under the table that words its short headers."""
    counts = ", ".join(st.badge(code, lang) for code in COUNTED.values())
    return i18n.t("rank.columns_note", lang, counts=counts, year=previous_year)


def view_frame(frame: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """`rank`'s frame for reading: every cell text (VIEW_COLUMNS)."""
    def rank_text(rank, tied) -> str:
        text = _int_text(rank, lang) or "—"
        return i18n.t("rank.rank_tied", lang, rank=text) if tied else text

    def previous_text(previous, change) -> str:
        text = _int_text(previous, lang)
        return f"{text} ({change})" if text and change else text

    return pd.DataFrame({
        "rank": [rank_text(r, t) for r, t in zip(frame["rank"], frame["tied"])],
        "unit": frame["unit_name"],
        "score": [_number(p, lang) for p in frame["percent"]],
        "attainment": [_number(p, lang) for p in frame["attainment_percent"]],
        "met_of": [f"{fmt.count(m, lang)}/{fmt.count(a, lang)}" for m, a in zip(frame["met"], frame["applicable"])],
        "close": [fmt.count(n, lang) for n in frame["close"]],
        "not_met": [fmt.count(n, lang) for n in frame["not_met"]],
        "no_data": [fmt.count(n, lang) for n in frame["no_data"]],
        "previous": [previous_text(p, c) for p, c in zip(frame["previous_rank"], frame["change"])],
    }, columns=VIEW_COLUMNS)


def export_frame(frame: pd.DataFrame, previous_year: int, lang: str = "vi") -> pd.DataFrame:
    """`rank`'s frame under headers in the language, numbers left as numbers (blank when none)."""
    tied = i18n.t("rank.tied", lang)
    return pd.DataFrame({
        i18n.t("rank.col_rank", lang): frame["rank"].astype("Int64"),
        i18n.t("rank.col_tie", lang): [tied if t else "" for t in frame["tied"]],
        i18n.t("col_unit_code", lang): frame["unit_code"],
        i18n.t("col_unit", lang): frame["unit_name"],
        i18n.t("rank.col_score", lang): frame["percent"].astype(float),
        i18n.t("rank.col_attainment", lang): frame["attainment_percent"].astype(float),
        i18n.t("rank.col_met", lang): frame["met"].astype(int),
        i18n.t("rank.col_applicable", lang): frame["applicable"].astype(int),
        i18n.t("col_close", lang): frame["close"].astype(int),
        i18n.t("col_not_met", lang): frame["not_met"].astype(int),
        i18n.t("col_no_data", lang): frame["no_data"].astype(int),
        i18n.t("rank.col_previous", lang, year=previous_year): frame["previous_rank"].astype("Int64"),
        i18n.t("col_action", lang): frame["change"],
    })
