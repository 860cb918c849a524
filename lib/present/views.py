"""The tables the pages draw, built from `Scores`: plain DataFrames, no Streamlit.

Columns have stable English names (the pages give them headers through lib.present.i18n). Figures are
written exactly as the export writes them (lib.present.format.percent_text, two decimals, half up,
decided on the unrounded value), only in the reader's number format: `98,04` in Vietnamese.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from lib.core import applies
from lib.core import clock
from lib.core import status as st
from lib.core.catalogue import Catalogue, IndicatorDef
from lib.core.scoring import WHOLE_CODES, Scores, Target
from lib.core.trends import Point
from lib.present import format as fmt
from lib.present import i18n, lift_text, reasons

COUNTED = (st.MET, st.CLOSE, st.NOT_MET)
# What the at-a-glance counts always show (not applicable only when it occurs).
GLANCE = (st.MET, st.CLOSE, st.NOT_MET, st.NO_DATA)


# --- cells -------------------------------------------------------------------------------------

def value_text(numerator, denominator, status: str, lang: str = "vi") -> str:
    """The value in percent as the export writes it (empty without data or when it does not apply)."""
    if status not in COUNTED:
        return ""
    return fmt.percent(numerator, denominator, lang)


def count_text(n, lang: str = "vi") -> str:
    return "" if n is None or pd.isna(n) else fmt.count(n, lang)


def status_text(code: str, lang: str = "vi") -> str:
    """Symbol and word, never colour alone: `✔ Đạt`."""
    return st.badge(code, lang)


def status_count_text(code: str, n: int, lang: str = "vi") -> str:
    return f"{st.badge(code, lang)}: {n}"


def _cells(numerator, denominator, status, target, lang, why: str = "") -> dict:
    """A figure's cells; where the indicator does not apply, no figures and no target, only why."""
    shown = status != st.NOT_APPLICABLE
    return {
        "value": value_text(numerator, denominator, status, lang),
        "numerator": count_text(numerator, lang) if shown else "",
        "denominator": count_text(denominator, lang) if shown else "",
        "target": fmt.target_text(target, lang) if shown else "",
        "status": status,
        "status_text": status_text(status, lang),
        "why": why,
    }


def _why(catalogue: Catalogue, scores: Scores, code: str, level: str | None, status: str, denominator,
         lang: str) -> str:
    """reasons.why for one figure of `code` at `level` (None: the whole)."""
    ind = catalogue.by_code[code]
    if level is None and shows_levels(ind) and status in COUNTED:
        return i18n.t("why_levels", lang)
    rule = catalogue.target(code, scores.year, level or "all")
    return reasons.why(ind, rule, status, scores.month, lang, denominator=denominator)


# --- the overview ------------------------------------------------------------------------------

def area_glance(catalogue: Catalogue, scores: Scores, lang: str = "vi") -> pd.DataFrame:
    """Per area: how many of its indicators the district meets, is close to, misses, lacks data for."""
    district = scores.district.set_index("indicator")["status"]
    rows = []
    for area in sorted(catalogue.areas):
        codes = [ind.code for ind in catalogue.of_area(area) if ind.code in district.index]
        statuses = [district[c] for c in codes]
        row = {"area": area, "name": catalogue.area_name(area, lang), "indicators": len(codes)}
        row.update({code: statuses.count(code) for code in st.CODES})
        rows.append(row)
    return pd.DataFrame(rows, columns=["area", "name", "indicators", *st.CODES])


def glance_total(glance: pd.DataFrame) -> dict:
    """The at-a-glance counts of all areas together."""
    return {"indicators": int(glance["indicators"].sum()), **{code: int(glance[code].sum()) for code in st.CODES}}


def count_badges(counts, lang: str = "vi") -> list[tuple[str, str, bool]]:
    """(status code, `✔ Đạt: 3`, quiet) for status counts (code -> n): the four main statuses
    always, not applicable only when some unit or indicator has it; a zero is quiet (drawn
    without its status's colour)."""
    codes = list(GLANCE) + ([st.NOT_APPLICABLE] if counts.get(st.NOT_APPLICABLE) else [])
    return [(code, status_count_text(code, int(counts.get(code, 0)), lang), not counts.get(code))
            for code in codes]


def glance_items(row, lang: str = "vi") -> list[tuple[str, str, bool]]:
    """count_badges for one area of `area_glance`."""
    return count_badges({code: int(row[code]) for code in st.CODES}, lang)


def glance_long(glance: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """The at-a-glance counts in long form, for the stacked bar chart."""
    rows = []
    for row in glance.itertuples(index=False):
        for order, code in enumerate(st.CODES):
            n = getattr(row, code)
            if n:
                rows.append({"area": row.area, "area_label": f"{row.area}. {row.name}", "status": code,
                             "status_text": status_text(code, lang), "order": order, "count": int(n)})
    return pd.DataFrame(rows, columns=["area", "area_label", "status", "status_text", "order", "count"])


def indicator_frame(catalogue: Catalogue, scores: Scores, lang: str = "vi", area: int | None = None) -> pd.DataFrame:
    """The district's figure of every indicator (of one area) against its target."""
    district = scores.district.set_index("indicator")
    rows = []
    for ind in catalogue.indicators:
        if (area is not None and ind.area != area) or ind.code not in district.index:
            continue
        d = district.loc[ind.code]
        rows.append({"area": ind.area, "code": ind.code, "indicator": ind.name(lang),
                     **_cells(d["numerator"], d["denominator"], d["status"], d["target"], lang,
                              _why(catalogue, scores, ind.code, None, d["status"], d["denominator"], lang))})
    return pd.DataFrame(rows, columns=["area", "code", "indicator", "value", "numerator", "denominator",
                                       "target", "status", "status_text", "why"])


def worst_communes(scores: Scores, lang: str = "vi", limit: int = 5) -> pd.DataFrame:
    """The communes with the most unmet targets (then the most close ones), those with any."""
    units = scores.units[scores.units["level"] == "commune"]
    statuses = units["status"]
    keys = ["unit_code", "unit_name"]
    counts = (units[keys].assign(not_met=(statuses == st.NOT_MET).astype(int), close=(statuses == st.CLOSE).astype(int),
                                 no_data=(statuses == st.NO_DATA).astype(int))
              .groupby(keys, sort=True)[["not_met", "close", "no_data"]].sum())
    counts = counts[counts["not_met"] > 0]
    # the unmet indicators of each commune, in catalogue order (the order of scores.units)
    unmet = units[statuses == st.NOT_MET].groupby(keys, sort=True)["indicator"].agg(", ".join)
    frame = counts.join(unmet.rename("unmet")).reset_index().rename(columns={"unit_name": "unit"})
    frame = frame[["unit_code", "unit", "not_met", "close", "no_data", "unmet"]]
    frame = frame.sort_values(["not_met", "close", "unit_code"], ascending=[False, False, True], kind="stable")
    return frame.head(limit).reset_index(drop=True)


# --- an area's indicators ----------------------------------------------------------------------

def district_figure(catalogue: Catalogue, scores: Scores, code: str, lang: str = "vi") -> dict:
    """The whole's (district's or province's) figure of one indicator, with the words for its fraction."""
    ind = catalogue.by_code[code]
    d = scores.district.set_index("indicator").loc[code]
    cells = _cells(d["numerator"], d["denominator"], d["status"], d["target"], lang,
                   _why(catalogue, scores, code, None, d["status"], d["denominator"], lang))
    if cells["value"]:
        cells["line"] = i18n.t("figure_line", lang, value=cells["value"] + "%", numerator=cells["numerator"],
                               denominator=cells["denominator"], what=ind.numerator_label(lang))
    else:
        cells["line"] = i18n.t("no_figure", lang)
    cells["whole"] = i18n.whole(scores.whole, lang)
    return cells


def shows_levels(ind: IndicatorDef) -> bool:
    """Whether the status depends on each level's own figure (3.3, 7.2), so the page shows them."""
    return ind.aggregate == "worst_level"


def level_frame(catalogue: Catalogue, scores: Scores, code: str, lang: str = "vi") -> pd.DataFrame:
    """Each level's pooled figure of one indicator (the district's own; communes pooled...)."""
    rows = [{"level": lv["level"], "level_name": catalogue.level_name(lv["level"], lang),
             **_cells(lv["numerator"], lv["denominator"], lv["status"], lv["target"], lang,
                      _why(catalogue, scores, code, lv["level"], lv["status"], lv["denominator"], lang))}
            for lv in scores.levels[scores.levels["indicator"] == code].to_dict("records")]
    return pd.DataFrame(rows, columns=["level", "level_name", "value", "numerator", "denominator", "target",
                                       "status", "status_text", "why"])


def unit_frame(catalogue: Catalogue, scores: Scores, code: str, lang: str = "vi") -> pd.DataFrame:
    """Every unit of the indicator's levels (those without data or out of scope too)."""
    units = scores.units[scores.units["indicator"] == code]
    own = len(catalogue.by_code[code].levels) > 1  # the district's own row beside other levels: said so
    rows = [{"unit_code": u.unit_code,
             "unit": i18n.t("own_row", lang, name=u.unit_name) if own and u.level == "district" else u.unit_name,
             "kind": catalogue.kind_name(u.kind, lang),
             "level": u.level, **_cells(u.numerator, u.denominator, u.status, u.target, lang,
                                        _why(catalogue, scores, code, u.level, u.status, u.denominator, lang))}
            for u in units.itertuples()]
    return pd.DataFrame(rows, columns=["unit_code", "unit", "kind", "level", "value", "numerator", "denominator",
                                       "target", "status", "status_text", "why"])


def map_frame(scores: Scores, code: str, lang: str = "vi", catalogue: Catalogue | None = None) -> pd.DataFrame:
    """The communes' statuses of one indicator, for the map (empty when communes do not report it);
    with the catalogue, why each has its status (for the tooltip)."""
    units = scores.units[(scores.units["indicator"] == code) & (scores.units["level"] == "commune")]
    rows = []
    for u in units.itertuples():
        value = value_text(u.numerator, u.denominator, u.status, lang)
        why = _why(catalogue, scores, code, u.level, u.status, u.denominator, lang) if catalogue else ""
        rows.append({"unit_code": u.unit_code, "unit": u.unit_name, "short": short_name(u.unit_name),
                     "status": u.status, "status_text": status_text(u.status, lang),
                     "symbol": st.get(u.status).symbol, "value": f"{value}%" if value else "", "why": why})
    return pd.DataFrame(rows, columns=["unit_code", "unit", "short", "status", "status_text", "symbol", "value",
                                       "why"])


_PREFIXES = (("Thị trấn ", "TT. "), ("Phường ", "P. "), ("Xã ", ""))


def short_name(name: str) -> str:
    """A commune's name without `Xã` (`Thị trấn` and `Phường` abbreviated), for small tiles."""
    for prefix, short in _PREFIXES:
        if name.startswith(prefix):
            return short + name[len(prefix):]
    return name


# --- trends ------------------------------------------------------------------------------------

TREND_COLUMNS = ["order", "period", "unit_code", "unit", "level", "series", "value", "status", "status_text"]


def history_frame(history: list[tuple[Point, Scores]], lang: str = "vi",
                  indicators: list[str] | None = None) -> pd.DataFrame:
    """The year-to-date values of every indicator at every point, in long form (column
    `indicator` plus TREND_COLUMNS): the whole district (series `district`) and every unit of the
    indicator's levels (series `unit`); points without a value are left out."""
    frames = []
    for point, scores in history:
        marks = {"order": point.order, "period": fmt.point_label(point, lang)}
        district = scores.district[["indicator", "value", "status"]]
        frames.append(district.assign(unit_code=WHOLE_CODES[scores.whole], unit=i18n.whole(scores.whole, lang),
                                      level="all", series="district", **marks))
        units = scores.units[["indicator", "unit_code", "unit_name", "level", "value", "status"]]
        frames.append(units.rename(columns={"unit_name": "unit"}).assign(series="unit", **marks))
    columns = ["indicator", *TREND_COLUMNS]
    if not frames:
        return pd.DataFrame(columns=columns)
    frame = pd.concat(frames, ignore_index=True)
    keep = frame["value"].notna()
    if indicators is not None:
        keep &= frame["indicator"].isin(indicators)
    frame = frame[keep].reset_index(drop=True)
    frame["value"] = frame["value"].astype(float)
    frame["status_text"] = frame["status"].map({c: status_text(c, lang) for c in st.CODES})
    return frame[columns]


def trend_frame(history: list[tuple[Point, Scores]] | pd.DataFrame, code: str, lang: str = "vi") -> pd.DataFrame:
    """One indicator's part of `history_frame` (given the history or the frame already built)."""
    long = history if isinstance(history, pd.DataFrame) else history_frame(history, lang, [code])
    return long[long["indicator"] == code][TREND_COLUMNS].reset_index(drop=True)


def target_rules(catalogue: Catalogue, code: str, year: int, lang: str = "vi") -> pd.DataFrame:
    """The target line(s) of a trend: one per distinct target among the indicator's levels
    (7.2: 40% for agencies and 30% for communes)."""
    ind = catalogue.by_code[code]
    rules: dict[Target, list[str]] = {}
    for level in ind.levels:
        rule = catalogue.target(code, year, level)
        if rule is None:
            continue
        rules.setdefault(Target(rule.op, rule.value), []).append(level)
    rows = []
    for target, levels in rules.items():
        label = fmt.target_text(target, lang)
        if len(rules) > 1:
            label += " " + ", ".join(catalogue.level_name(lv, lang) for lv in levels)
        rows.append({"target": float(target.value), "label": i18n.t("target_rule", lang, target=label)})
    return pd.DataFrame(rows, columns=["target", "label"])


# --- a whole area page ------------------------------------------------------------------------

@dataclass
class IndicatorView:
    """Everything the area page draws for one indicator."""

    code: str
    name: str
    levels_text: str  # which levels report it, in words
    figure: dict  # lib.present.views.district_figure
    levels: pd.DataFrame | None  # each level's figure, when the status depends on them (3.3, 7.2)
    communes: pd.DataFrame  # the map's frame (empty when communes do not report it)
    trend: pd.DataFrame  # lib.present.views.trend_frame
    rules: pd.DataFrame  # the trend's target lines
    units: pd.DataFrame  # every unit of its levels
    lift: str = ""  # what would lift the whole to target (lib.present.lift_text), when it is not met
    pace: pd.DataFrame | None = None  # the pace line of a completion-type target (pace_frame)


def absent(view: IndicatorView) -> bool:
    """Whether the indicator has no unit at all in this tree (the district level of a 2025
    province): the page says so once instead of drawing it."""
    return view.units.empty and view.figure["status"] == st.NOT_APPLICABLE


def _own_lines(trend: pd.DataFrame, ind: IndicatorDef) -> pd.DataFrame:
    # an indicator only the district reports: its one unit's line would repeat the district's
    if tuple(ind.levels) == ("district",):
        return trend[trend["series"] == "district"].reset_index(drop=True)
    return trend


def area_view(catalogue: Catalogue, scores: Scores, history: list[tuple[Point, Scores]], area: int,
              lang: str = "vi") -> list[IndicatorView]:
    """The frames of every indicator of an area, in catalogue order."""
    out = []
    long = history_frame(history, lang, [ind.code for ind in catalogue.of_area(area)])
    for ind in catalogue.of_area(area):
        out.append(IndicatorView(
            code=ind.code, name=ind.name(lang),
            levels_text=", ".join(catalogue.level_name(level, lang) for level in ind.levels),
            figure=district_figure(catalogue, scores, ind.code, lang),
            levels=level_frame(catalogue, scores, ind.code, lang) if shows_levels(ind) else None,
            communes=map_frame(scores, ind.code, lang, catalogue),
            trend=_own_lines(trend_frame(long, ind.code, lang), ind),
            rules=target_rules(catalogue, ind.code, scores.year, lang),
            units=unit_frame(catalogue, scores, ind.code, lang),
            lift=lift_text.page_line(catalogue, scores, ind.code, lang),
            pace=reasons.pace_frame(catalogue, ind.code, [point for point, _ in history], scores.year, lang),
        ))
    return out


# --- one commune -------------------------------------------------------------------------------

def communes(scores: Scores) -> pd.DataFrame:
    """The district's communes and townships (code, name), by code."""
    units = scores.units[scores.units["level"] == "commune"][["unit_code", "unit_name"]]
    return units.drop_duplicates().sort_values("unit_code").reset_index(drop=True)


def commune_frame(catalogue: Catalogue, scores: Scores, unit_code: str, lang: str = "vi",
                  dbkk: bool = False) -> pd.DataFrame:
    """Every indicator of one commune: status, value, target and the distance to it in words."""
    mine = scores.units[scores.units["unit_code"] == unit_code].set_index("indicator")
    rows = []
    for ind in catalogue.indicators:
        if ind.code not in mine.index:
            continue
        u = mine.loc[ind.code]
        rule = catalogue.target(ind.code, scores.year, u["level"])
        reason = applies.why_not(ind, {"level": u["level"], "dbkk": dbkk, "partly_self_financed": False})
        rows.append({"area": ind.area, "code": ind.code, "indicator": ind.name(lang),
                     **_cells(u["numerator"], u["denominator"], u["status"], u["target"], lang),
                     "gap": reasons.gap_text(ind, rule, u["numerator"], u["denominator"], u["status"], scores.month,
                                     lang, reason=reason)})
    return pd.DataFrame(rows, columns=["area", "code", "indicator", "value", "numerator", "denominator", "target",
                                       "status", "status_text", "gap"])


COMMUNE_TREND_COLUMNS = ["code", "label", "order", "period", "value", "target"]


def commune_trend_frame(catalogue: Catalogue, values: pd.DataFrame, trend_points: list[Point], unit_code: str,
                        year: int, lang: str = "vi") -> pd.DataFrame:
    """One commune's year-to-date value of each of its indicators at every point (from
    lib.store.results.trend_values), with the commune-level target, for small multiples."""
    own = values[values["unit_code"] == unit_code]
    labels = {p.order: fmt.point_label(p, lang) for p in trend_points}
    rows = []
    for ind in catalogue.indicators:
        if "commune" not in ind.levels:
            continue
        rule = catalogue.target(ind.code, year, "commune")
        for r in own[own["indicator"] == ind.code].itertuples():
            if r.order in labels:
                rows.append({"code": ind.code, "label": f"{ind.code} · {ind.name(lang)}", "order": r.order,
                             "period": labels[r.order], "value": float(r.value),
                             "target": float(rule.value) if rule else None})
    return pd.DataFrame(rows, columns=COMMUNE_TREND_COLUMNS)


def status_counts(statuses) -> dict[str, int]:
    statuses = list(statuses)
    return {code: statuses.count(code) for code in st.CODES}


# --- the sidebar's choices -----------------------------------------------------------------------

def default_year(years: list[int], today: date | None = None) -> int:
    """The latest year with figures (this year when there are none)."""
    today = today or clock.today()
    return max(years) if years else today.year


def month_options(year: int, default_month: int, today: date | None = None) -> list[int]:
    """The as-of months one may choose: every month of a past year; this year up to the later of
    the default as-of month and the last full month."""
    today = today or clock.today()
    if year < today.year:
        return list(range(1, 13))
    last_full = today.month - 1 if year == today.year else 12
    return list(range(1, max(default_month, last_full, 1) + 1))

