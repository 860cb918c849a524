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


VIEW_COLUMNS = ["rank", "tie", "unit", "score", "attainment", "met_of", "close", "not_met", "no_data", "previous",
                "change"]


def _number(value, lang: str) -> str:
    return fmt.number(value, lang)


def _int_text(value, lang: str = "vi") -> str:
    return "" if pd.isna(value) else fmt.count(value, lang)


def view_headers(previous_year: int, lang: str = "vi") -> dict[str, str]:
    """The page table's headers: the status columns carry their symbol and word (lib.core.status)."""
    return {"rank": i18n.t("rank.col_rank", lang), "tie": i18n.t("rank.col_tie", lang),
            "unit": i18n.t("col_unit", lang), "score": i18n.t("rank.col_score", lang),
            "attainment": i18n.t("rank.col_attainment", lang),
            "met_of": f"{st.get(st.MET).symbol} {i18n.t('rank.col_met_of', lang)}",
            "close": st.badge(st.CLOSE, lang), "not_met": st.badge(st.NOT_MET, lang),
            "no_data": st.badge(st.NO_DATA, lang),
            "previous": i18n.t("rank.col_previous", lang, year=previous_year),
            "change": i18n.t("col_action", lang)}


def view_frame(frame: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """`rank`'s frame for reading: every cell text (VIEW_COLUMNS)."""
    tied = i18n.t("rank.tied", lang)
    return pd.DataFrame({
        "rank": [_int_text(r, lang) or "—" for r in frame["rank"]],
        "tie": [tied if t else "" for t in frame["tied"]],
        "unit": frame["unit_name"],
        "score": [_number(p, lang) for p in frame["percent"]],
        "attainment": [_number(p, lang) for p in frame["attainment_percent"]],
        "met_of": [f"{fmt.count(m, lang)}/{fmt.count(a, lang)}" for m, a in zip(frame["met"], frame["applicable"])],
        "close": [fmt.count(n, lang) for n in frame["close"]],
        "not_met": [fmt.count(n, lang) for n in frame["not_met"]],
        "no_data": [fmt.count(n, lang) for n in frame["no_data"]],
        "previous": [_int_text(p, lang) for p in frame["previous_rank"]],
        "change": frame["change"],
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
