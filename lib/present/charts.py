"""Altair chart builders. They take DataFrames (from lib.present.views) and never query.

Status colours come from lib.core.status through `status_scale`, whose domain always names all five
statuses (symbol and word), so every legend explains every colour.
"""
from __future__ import annotations

import math

import altair as alt
import pandas as pd
from altair.utils import schemapi

from lib.core import status as st
from lib.present import format as fmt
from lib.present import i18n

# Altair re-hashes (json.dumps) the same static schema dicts tens of thousands of times while it
# builds a page's charts: 40% of an area page's first draw (measured: 1.5 s -> 0.9 s for area 3).
# Remember each schema dict's hash; the dict is kept in the memo, so its id cannot be reused.
_hash_schema = schemapi._FromDict.hash_schema.__func__
_schema_hashes: dict[tuple[int, bool], tuple[dict, int]] = {}


def _remembered_hash_schema(cls, schema, use_json: bool = True) -> int:
    key = (id(schema), use_json)
    known = _schema_hashes.get(key)
    if known is not None and known[0] is schema:
        return known[1]
    value = _hash_schema(cls, schema, use_json)
    _schema_hashes[key] = (schema, value)
    return value


schemapi._FromDict.hash_schema = classmethod(_remembered_hash_schema)

# Lines of a trend: not status colours, so they never read as "met" or "not met".
DISTRICT_INK = "#1f3b73"
SELECTED_INK = "#7b3294"
OTHER_INK = "#c4c4c4"
# Above this many units a trend draws the middle 80% of them as a band instead of one line each
# (a province has hundreds of communes: lines would be a grey smear, and too much data for a page).
MANY_LINES = 60
TARGET_INK = "#333333"


def status_domain(lang: str = "vi") -> list[str]:
    """The five statuses as the charts name them (`✔ Đạt` ...), in lib.core.status order."""
    return [st.badge(code, lang) for code in st.CODES]


def status_scale(lang: str = "vi") -> alt.Scale:
    return alt.Scale(domain=status_domain(lang), range=[st.get(code).colour for code in st.CODES])


def status_legend(lang: str = "vi", orient: str = "bottom", columns: int = 3) -> alt.Legend:
    return alt.Legend(title=i18n.t("legend_status", lang), orient=orient, columns=columns, labelLimit=200,
                      symbolStrokeColor="#666666", symbolStrokeWidth=0.5, labelFontSize=12, titleFontSize=12)


def status_color(field: str = "status_text", lang: str = "vi", legend: alt.Legend | None = None) -> alt.Color:
    return alt.Color(f"{field}:N", scale=status_scale(lang), legend=legend or status_legend(lang))


def glance_bars(long: pd.DataFrame, lang: str = "vi") -> alt.Chart:
    """Per area, its indicators stacked by district status (lib.present.views.glance_long)."""
    order = list(dict.fromkeys(long.sort_values("area")["area_label"]))
    base = alt.Chart(long).encode(
        y=alt.Y("area_label:N", sort=order, title=None, axis=alt.Axis(labelLimit=320, labelFontSize=13)),
        x=alt.X("count:Q", stack="zero", title=i18n.t("axis_count", lang), axis=alt.Axis(tickMinStep=1)),
        order=alt.Order("order:Q"),
    )
    bars = base.mark_bar(stroke="#666666", strokeWidth=0.5).encode(
        color=status_color(lang=lang),
        tooltip=[alt.Tooltip("area_label:N", title=i18n.t("col_area", lang)),
                 alt.Tooltip("status_text:N", title=i18n.t("col_status", lang)),
                 alt.Tooltip("count:Q", title=i18n.t("axis_count", lang))],
    )
    # the count written on each segment, in the status's readable ink
    inks = {st.badge(code, lang): st.get(code).text_colour for code in st.CODES}
    labelled = long.assign(ink=long["status_text"].map(inks))
    labels = alt.Chart(labelled).mark_text(dx=-8, align="right", baseline="middle", fontSize=12,
                                           fontWeight="bold").encode(
        y=alt.Y("area_label:N", sort=order), x=alt.X("count:Q", stack="zero"), order=alt.Order("order:Q"),
        text="count:Q", color=alt.Color("ink:N", scale=None),
    )
    return (bars + labels).properties(height=alt.Step(30))


def _whole_label(frame: pd.DataFrame, lang: str) -> str:
    """The whole's line label (Toàn huyện, Toàn tỉnh), as the trend frame names it."""
    names = frame.loc[frame["series"] == "district", "unit"]
    return names.iloc[0] if len(names) else i18n.t("district_whole", lang)


def value_axis(values) -> tuple[float, float]:
    """The value axis of a trend: it frames the values and the targets with a little room (a
    trend from 96,7% to 97,5% against 100% is not drawn flat on 0-100), never below 0 nor, for
    percentages of at most 100, above 100."""
    values = [float(v) for v in values if v is not None and not pd.isna(v)]
    if not values:
        return 0.0, 100.0
    low, high = min(values), max(values)
    room = max((high - low) * 0.15, 2.0)
    top = high + room if high > 100 else min(100.0, high + room)
    return float(max(0, math.floor(low - room))), float(math.ceil(top))


def many_units(frame: pd.DataFrame) -> bool:
    """Whether a trend has too many units for a line each (lib.present.charts.MANY_LINES)."""
    return frame.loc[frame["series"] == "unit", "unit_code"].nunique() > MANY_LINES


def trend_chart(frame: pd.DataFrame, rules: pd.DataFrame, lang: str = "vi", selected: str | None = None,
                height: int = 300, pace: pd.DataFrame | None = None) -> alt.LayerChart:
    """Year-to-date values over the periods (lib.present.views.trend_frame): the whole district bold, the
    selected unit in its own colour, every other unit faint; the target(s) as dashed rules; the pace a
    completion-type target expects at each point (lib.present.views.pace_frame) as a dotted line."""
    pace = pace if pace is not None and not pace.empty else None
    district_label = _whole_label(frame, lang)
    frame = frame.copy()
    frame["value_text"] = [fmt.number(v, lang) for v in frame["value"]]
    frame["line"] = "other"
    frame.loc[frame["series"] == "district", "line"] = district_label
    selected_label = None
    if selected is not None and (frame["unit_code"] == selected).any():
        selected_label = frame.loc[frame["unit_code"] == selected, "unit"].iloc[0]
        frame.loc[frame["unit_code"] == selected, "line"] = selected_label
    periods = list(dict.fromkeys(frame.sort_values("order")["period"]))
    if pace is not None:  # along the trend's own periods
        pace = pace[pace["period"].isin(periods)]
    domain = [district_label] + ([selected_label] if selected_label else [])
    inks = [DISTRICT_INK] + ([SELECTED_INK] if selected_label else [])
    low, top = value_axis([*frame["value"], *rules["target"], *(pace["pace"] if pace is not None else [])])
    x = alt.X("period:N", sort=periods, title=i18n.t("axis_period", lang), axis=alt.Axis(labelAngle=0))
    y = alt.Y("value:Q", title=i18n.t("axis_value", lang), scale=alt.Scale(domain=[low, top], nice=False))
    tooltip = [alt.Tooltip("unit:N", title=i18n.t("col_unit", lang)),
               alt.Tooltip("period:N", title=i18n.t("axis_period", lang)),
               alt.Tooltip("value_text:N", title=i18n.t("col_value", lang)),
               alt.Tooltip("status_text:N", title=i18n.t("col_status", lang))]
    rest = frame[frame["line"] == "other"]
    if many_units(frame):
        band = (rest.groupby(["order", "period"], as_index=False)["value"]
                .agg(low=lambda v: v.quantile(0.1), high=lambda v: v.quantile(0.9)))
        band = band.assign(low_text=[fmt.number(v, lang) for v in band["low"]],
                           high_text=[fmt.number(v, lang) for v in band["high"]])
        others = alt.Chart(band).mark_area(color=OTHER_INK, opacity=0.6).encode(
            x=x, y=alt.Y("low:Q", title=i18n.t("axis_value", lang), scale=alt.Scale(domain=[low, top], nice=False)), y2="high:Q",
            tooltip=[alt.Tooltip("period:N", title=i18n.t("axis_period", lang)),
                     alt.Tooltip("low_text:N", title="10%"), alt.Tooltip("high_text:N", title="90%")])
    else:
        others = alt.Chart(rest).mark_line(
            color=OTHER_INK, strokeWidth=1, opacity=0.8).encode(x=x, y=y, detail="unit_code:N", tooltip=tooltip)
    main = alt.Chart(frame[frame["line"] != "other"]).mark_line(point=alt.OverlayMarkDef(size=50)).encode(
        x=x, y=y, detail="unit_code:N", tooltip=tooltip,
        # the legend is drawn beside the chart from `trend_legend` (Streamlit's theme lays a line
        # legend's labels over its symbols)
        color=alt.Color("line:N", scale=alt.Scale(domain=domain, range=inks), legend=None),
        strokeWidth=alt.StrokeWidth("line:N", scale=alt.Scale(domain=domain, range=[3, 2.5][:len(domain)]),
                                    legend=None),
    )
    layers = [others, main]
    if pace is not None:
        layers.insert(0, alt.Chart(pace).mark_line(color=TARGET_INK, strokeDash=[2, 3], strokeWidth=2).encode(
            x=x, y=alt.Y("pace:Q", title=i18n.t("axis_value", lang), scale=alt.Scale(domain=[low, top], nice=False)),
            tooltip=[alt.Tooltip("period:N", title=i18n.t("axis_period", lang)),
                     alt.Tooltip("label:N", title=" ")]))
    if not rules.empty:
        layers.append(alt.Chart(rules).mark_rule(color=TARGET_INK, strokeDash=[6, 4], strokeWidth=1.5).encode(
            y="target:Q", tooltip=[alt.Tooltip("label:N", title=i18n.t("col_target", lang))]))
        # the rule's label above its line, or below it when the line runs along the top
        high = rules["target"] > low + 0.9 * (top - low)
        for part, baseline, dy in ((rules[~high], "bottom", -3), (rules[high], "top", 3)):
            if part.empty:
                continue
            for halo in (True, False):  # a white outline first keeps the label readable over the lines
                style = {"stroke": "white", "strokeWidth": 4, "strokeOpacity": 0.9} if halo else {}
                layers.append(alt.Chart(part).mark_text(align="left", baseline=baseline, dx=4, dy=dy, fontSize=12,
                                                        fontWeight="bold", color=TARGET_INK, **style).encode(
                    y="target:Q", x=alt.value(0), text="label:N"))
    return alt.layer(*layers).properties(height=height)


def trend_legend(frame: pd.DataFrame, rules: pd.DataFrame, lang: str = "vi", selected: str | None = None,
                 pace: pd.DataFrame | None = None) -> list[dict]:
    """What the lines of `trend_chart` mean: dicts of colour, dashed, label."""
    items = [{"colour": DISTRICT_INK, "dashed": False, "label": _whole_label(frame, lang)}]
    chosen = frame.loc[frame["unit_code"] == selected, "unit"] if selected is not None else []
    if len(chosen):
        items.append({"colour": SELECTED_INK, "dashed": False, "label": chosen.iloc[0]})
    if (frame["series"] == "unit").any():
        label = "trend_units_band" if many_units(frame) else "trend_other_units"
        items.append({"colour": OTHER_INK, "dashed": False, "label": i18n.t(label, lang)})
    items += [{"colour": TARGET_INK, "dashed": True, "label": label} for label in rules["label"]]
    if pace is not None and not pace.empty:
        items.append({"colour": TARGET_INK, "dashed": True, "label": i18n.t("trend_pace_legend", lang)})
    return items


# A phone's commune page (390 px wide) draws the panels one under another, each as wide as the screen.
PHONE_TRENDS = {"columns": 1, "panel_width": 290}


def commune_trends(frame: pd.DataFrame, lang: str = "vi", columns: int = 3,
                   panel_width: int = 185) -> alt.FacetChart:
    """Small multiples of one commune's indicators (lib.present.views.commune_trend_frame): the
    year-to-date line and the target as a dashed rule, one panel per indicator, `columns` panels
    of `panel_width` px a row."""
    periods = list(dict.fromkeys(frame.sort_values("order")["period"]))
    order = list(dict.fromkeys(frame["label"]))
    frame = frame.assign(value_text=[fmt.number(v, lang) for v in frame["value"]])
    base = alt.Chart().encode(x=alt.X("period:N", sort=periods, title=None, axis=alt.Axis(labelAngle=0,
                                                                                       labelOverlap=True)))
    line = base.mark_line(color=DISTRICT_INK, point=alt.OverlayMarkDef(size=20)).encode(
        y=alt.Y("value:Q", title=None, scale=alt.Scale(domain=[0, 100])),
        tooltip=[alt.Tooltip("label:N", title=i18n.t("col_indicator", lang)),
                 alt.Tooltip("period:N", title=i18n.t("axis_period", lang)),
                 alt.Tooltip("value_text:N", title=i18n.t("col_value", lang))])
    rule = alt.Chart().mark_rule(color=TARGET_INK, strokeDash=[5, 3]).encode(y="mean(target):Q")
    return alt.layer(line, rule, data=frame).properties(width=panel_width, height=90).facet(
        facet=alt.Facet("label:N", sort=order, title=None,
                        header=alt.Header(labelLimit=panel_width + 5, labelFontSize=12, labelAlign="left",
                                          labelAnchor="start")),
        columns=columns,
    )
