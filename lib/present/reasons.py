"""Why a figure has its status, in words: the pace a completion-type target expects before the
year's end (lib.core.scoring.pace), the close band of a target with a tolerance
(lib.core.scoring.close_limit), or why the indicator does not apply (lib.core.applies).

`why` words one figure: `đúng tiến độ: cần ≥91,7% đến tháng 11`, `trong ngưỡng gần đạt (>96%)`, `không áp dụng (xã vùng DTTS, ĐBKK)`; `gap_text` how far a figure is from its
target (`còn thiếu 12 hồ sơ trực tuyến để đạt >30%`); `pace_frame` the pace line of a trend.
"""
from __future__ import annotations

import pandas as pd

from lib.core import applies
from lib.core import status as st
from lib.core.catalogue import Catalogue, IndicatorDef, TargetRule
from lib.core.scoring import close_limit, pace, shortfall
from lib.core.trends import Point
from lib.present import format as fmt
from lib.present import i18n

def not_applicable(ind: IndicatorDef, lang: str = "vi", denominator=None, reason: str | None = None) -> str:
    """Why the indicator does not apply: nothing to count in the period (a denominator of 0), out of
    its scope (`reason`, or the indicator's own scope), or not reported at this level."""
    if reason is None and denominator is not None and not pd.isna(denominator) and int(denominator) == 0:
        return i18n.t("gap_nothing", lang)
    reason = reason or applies.OUT_OF_SCOPE.get(ind.scope or "")
    if reason == applies.DBKK:
        return i18n.t("gap_not_applicable_dbkk", lang)
    if reason == applies.NOT_PARTLY_SELF_FINANCED:
        return i18n.t("why_not_partly_self_financed", lang)
    return i18n.t("gap_not_applicable", lang)


def why(ind: IndicatorDef, rule: TargetRule | None, status: str, month: int, lang: str = "vi",
        denominator=None, reason: str | None = None) -> str:
    """Why a figure has `status` against `rule` as of the end of `month` ('' without data)."""
    if status == st.NOT_APPLICABLE:
        return not_applicable(ind, lang, denominator, reason)
    if status == st.NO_DATA or rule is None:
        return ""
    target = fmt.target_text(rule, lang)
    if status == st.MET:
        return i18n.t("why_met", lang, target=target)
    expected = pace(rule, ind.kind, month)
    if expected is not None:
        return i18n.t("why_on_pace" if status == st.CLOSE else "why_behind_pace", lang,
                      pace=fmt.bound(rule.op, expected, lang), month=month)
    limit = close_limit(rule)
    if limit is None:
        return i18n.t("why_short", lang, target=target)
    band = fmt.bound(rule.op, limit, lang)
    return i18n.t("why_close_band" if status == st.CLOSE else "why_outside_band", lang, band=band)


def gap_text(ind: IndicatorDef, rule: TargetRule | None, numerator, denominator, status: str, month: int,
             lang: str = "vi", reason: str | None = None, whole: bool = False) -> str:
    """How far a figure is from its target, in words (the count from lib.core.scoring.shortfall, the
    words from the indicator). A unit's figure gets a sentence, `còn thiếu 12 hồ sơ trực tuyến để đạt
    >30%`; a whole's (`whole`: the brief's table, where the target has its own column) the count
    alone, `12 hồ sơ trực tuyến`. `reason`: why the indicator does not apply (lib.core.applies.why_not)."""
    if status == st.NO_DATA:
        return i18n.t("gap_no_data", lang)
    if status == st.NOT_APPLICABLE:
        return not_applicable(ind, lang, denominator, reason)
    if status == st.MET:
        return i18n.t("gap_met", lang)
    # a yes/no figure of one unit is done or not; the whole of one (share of units) counts units,
    # unless only the district itself reports it (6.2)
    one_unit = not whole or tuple(ind.levels) == ("district",)
    if (ind.measure == "yes_no" and one_unit) or rule is None:
        return i18n.t("gap_not_done", lang)
    n = shortfall(int(numerator), int(denominator), rule)
    if n <= 0:  # an upper-bound target (`<`): no count of things to add
        return "" if whole else i18n.t("gap_not_done", lang)
    on_track = status == st.CLOSE and ind.kind == "completion" and month < 12
    if whole:
        return i18n.t("gap_whole_on_track" if on_track else "gap_whole_short", lang, n=fmt.count(n, lang),
                      what=ind.numerator_label(lang))
    return i18n.t("gap_on_track" if on_track else "gap_short", lang, n=fmt.count(n, lang),
                  what=ind.numerator_label(lang), target=fmt.target_text(rule, lang))


def pace_frame(catalogue: Catalogue, code: str, points: list[Point], year: int, lang: str = "vi") -> pd.DataFrame:
    """The pace a completion-type target expects at each point of a trend (lib.core.scoring.pace:
    target x month / 12 during `year`, the whole target at a year's end); empty for other kinds."""
    ind = catalogue.by_code[code]
    rule = catalogue.target(code, year, "all")
    if ind.kind != "completion" or rule is None:
        return pd.DataFrame(columns=["order", "period", "pace", "label"])
    rows = []
    for point in points:
        expected = pace(rule, ind.kind, point.month) if point.year == year else None
        value = rule.value if expected is None else expected
        rows.append({"order": point.order, "period": fmt.point_label(point, lang), "pace": float(value),
                     "label": i18n.t("trend_pace", lang, bound=fmt.bound(rule.op, value, lang))})
    return pd.DataFrame(rows, columns=["order", "period", "pace", "label"])
