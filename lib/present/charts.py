"""Chart builders: plain Vega-Lite specs (dicts, the data as rows in named `datasets`), built
without Altair, whose objects cost 40-75 ms a chart to build, copy and serialise (most of a cold
area page). They take DataFrames (from lib.present.views) and never query; the specs are checked
against the Vega-Lite schema in tests/unit/present/test_charts.py.

Status colours come from lib.core.status through `status_scale`, whose domain always names all five
statuses (symbol and word), so every legend explains every colour.
"""
from __future__ import annotations

import math

import pandas as pd

from lib.core import status as st
from lib.present import format as fmt
from lib.present import i18n

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.4.1.json"
VIEW = {"continuousWidth": 300, "continuousHeight": 300}  # Vega-Lite's default view, as Altair wrote it

# Lines of a trend: not status colours, so they never read as "met" or "not met".
DISTRICT_INK = "#1f3b73"
SELECTED_INK = "#7b3294"
OTHER_INK = "#c4c4c4"
# Above this many units a trend draws the middle 80% of them as a band instead of one line each
# (a province has hundreds of communes: lines would be a grey smear, and too much data for a page).
MANY_LINES = 60
TARGET_INK = "#333333"


# --- the pieces of a spec -------------------------------------------------------------------------

def rows(frame: pd.DataFrame) -> list[dict]:
    """A frame as Vega-Lite's rows: plain Python values, a missing one None."""
    names = list(frame.columns)
    columns = []
    for name in names:
        values = frame[name].tolist()
        if frame[name].hasnans:
            values = [None if v is None or v is pd.NA or v != v else v for v in values]
        columns.append(values)
    return [dict(zip(names, values)) for values in zip(*columns)]


def top(spec: dict, datasets: dict[str, pd.DataFrame], view: dict | None = None) -> dict:
    """A whole spec: the schema, the view's config and the named datasets (frames, written as rows)."""
    return {"$schema": SCHEMA, "config": {"view": {**VIEW, **(view or {})}}, **spec,
            "datasets": {name: rows(frame) for name, frame in datasets.items()}}


def field(name: str, kind: str = "nominal", **extra) -> dict:
    """An encoding of a field (`kind`: nominal, ordinal, quantitative)."""
    return {"field": name, "type": kind, **extra}


def tooltip(*fields: tuple[str, str], kind: str = "nominal") -> list[dict]:
    """Tooltip lines of (field, title)."""
    return [field(name, kind, title=title) for name, title in fields]


def named(name: str) -> dict:
    return {"name": name}


def worded(frame: pd.DataFrame, lang: str, *columns: str) -> pd.DataFrame:
    """`frame` with each of `columns` (default: value) also as text, `{column}_text`, as people read
    it (lib.present.format.number): what tooltips show."""
    return frame.assign(**{f"{c}_text": [fmt.number(v, lang) for v in frame[c]] for c in columns or ("value",)})


# --- statuses ------------------------------------------------------------------------------------

def status_domain(lang: str = "vi") -> list[str]:
    """The five statuses as the charts name them (`✔ Đạt` ...), in lib.core.status order."""
    return [st.badge(code, lang) for code in st.CODES]


def status_scale(lang: str = "vi") -> dict:
    return {"domain": status_domain(lang), "range": [st.get(code).colour for code in st.CODES]}


def status_legend(lang: str = "vi", orient: str = "bottom", columns: int = 3) -> dict:
    return {"title": i18n.t("legend_status", lang), "orient": orient, "columns": columns, "labelLimit": 200,
            "symbolStrokeColor": "#666666", "symbolStrokeWidth": 0.5, "labelFontSize": 12, "titleFontSize": 12}


def status_color(name: str = "status_text", lang: str = "vi", legend: dict | None = None) -> dict:
    return field(name, scale=status_scale(lang), legend=legend or status_legend(lang))


def ink(name: str = "ink") -> dict:
    """A colour taken as it is from a field (a readable text colour)."""
    return field(name, scale=None)


# --- the overview --------------------------------------------------------------------------------

def glance_bars(long: pd.DataFrame, lang: str = "vi") -> dict:
    """Per area, its indicators stacked by district status (lib.present.views.glance_long)."""
    order = list(dict.fromkeys(long.sort_values("area")["area_label"]))
    count = i18n.t("axis_count", lang)
    bars = {"data": named("bars"), "mark": {"type": "bar", "stroke": "#666666", "strokeWidth": 0.5}, "encoding": {
        "y": field("area_label", sort=order, title=None, axis={"labelLimit": 320, "labelFontSize": 13}),
        "x": field("count", "quantitative", stack="zero", title=count, axis={"tickMinStep": 1}),
        "order": field("order", "quantitative"),
        "color": status_color(lang=lang),
        "tooltip": [*tooltip(("area_label", i18n.t("col_area", lang)), ("status_text", i18n.t("col_status", lang))),
                    field("count", "quantitative", title=count)],
    }}
    # the count written on each segment, in the status's readable ink
    inks = {st.badge(code, lang): st.get(code).text_colour for code in st.CODES}
    labels = {"data": named("labels"), "mark": {"type": "text", "dx": -8, "align": "right", "baseline": "middle",
                                                "fontSize": 12, "fontWeight": "bold"}, "encoding": {
        "y": field("area_label", sort=order), "x": field("count", "quantitative", stack="zero"),
        "order": field("order", "quantitative"), "text": field("count", "quantitative"), "color": ink(),
    }}
    return top({"layer": [bars, labels], "height": {"step": 30}},
               {"bars": long, "labels": long.assign(ink=long["status_text"].map(inks))})


# --- the trend -----------------------------------------------------------------------------------

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


PANEL_SPAN = 20  # a small panel's value axis spans at least this many points: a flat 100% stays flat


def panel_axis(values) -> tuple[float, float]:
    """A small panel's value axis (`value_axis`, at least PANEL_SPAN points tall)."""
    low, high = value_axis(values)
    if high - low < PANEL_SPAN:
        low = max(0.0, high - PANEL_SPAN)
        high = max(high, low + PANEL_SPAN)
    return low, high


def many_units(frame: pd.DataFrame) -> bool:
    """Whether a trend has too many units for a line each (lib.present.charts.MANY_LINES)."""
    return frame.loc[frame["series"] == "unit", "unit_code"].nunique() > MANY_LINES


def trend_chart(frame: pd.DataFrame, rules: pd.DataFrame, lang: str = "vi", selected: str | None = None,
                height: int = 300, pace: pd.DataFrame | None = None) -> dict:
    """Year-to-date values over the periods (lib.present.views.trend_frame): the whole district bold, the
    selected unit in its own colour, every other unit faint; the target(s) as dashed rules; the pace a
    completion-type target expects at each point (lib.present.views.pace_frame) as a dotted line."""
    pace = pace if pace is not None and not pace.empty else None
    district_label = _whole_label(frame, lang)
    frame = frame.copy()
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
    low, upper = value_axis([*frame["value"], *rules["target"], *(pace["pace"] if pace is not None else [])])
    axis_value, period = i18n.t("axis_value", lang), ("period", i18n.t("axis_period", lang))
    x = field("period", sort=periods, title=period[1], axis={"labelAngle": 0})

    def y(name: str) -> dict:
        return field(name, "quantitative", title=axis_value, scale={"domain": [low, upper], "nice": False})

    tips = tooltip(("unit", i18n.t("col_unit", lang)), period, ("value_text", i18n.t("col_value", lang)),
                   ("status_text", i18n.t("col_status", lang)))
    rest = frame[frame["line"] == "other"]
    datasets = {}
    if many_units(frame):
        values = rest.groupby(["order", "period"])["value"]
        band = pd.DataFrame({"low": values.quantile(0.1), "high": values.quantile(0.9)}).reset_index()
        datasets["band"] = worded(band, lang, "low", "high")
        others = {"data": named("band"), "mark": {"type": "area", "color": OTHER_INK, "opacity": 0.6}, "encoding": {
            "x": x, "y": y("low"), "y2": {"field": "high"},
            "tooltip": tooltip(period, ("low_text", "10%"), ("high_text", "90%"))}}
    else:
        datasets["others"] = worded(rest, lang)
        others = {"data": named("others"), "mark": {"type": "line", "color": OTHER_INK, "strokeWidth": 1,
                                                    "opacity": 0.8},
                  "encoding": {"x": x, "y": y("value"), "detail": field("unit_code"), "tooltip": tips}}
    datasets["main"] = worded(frame[frame["line"] != "other"], lang)
    main = {"data": named("main"), "mark": {"type": "line", "point": {"size": 50}}, "encoding": {
        "x": x, "y": y("value"), "detail": field("unit_code"), "tooltip": tips,
        # the legend is drawn beside the chart from `trend_legend` (Streamlit's theme lays a line
        # legend's labels over its symbols)
        "color": field("line", scale={"domain": domain, "range": inks}, legend=None),
        "strokeWidth": field("line", scale={"domain": domain, "range": [3, 2.5][:len(domain)]}, legend=None),
    }}
    layers = [others, main]
    if pace is not None:
        datasets["pace"] = pace
        layers.insert(0, {"data": named("pace"), "mark": {"type": "line", "color": TARGET_INK, "strokeDash": [2, 3],
                                                          "strokeWidth": 2},
                          "encoding": {"x": x, "y": y("pace"), "tooltip": tooltip(period, ("label", " "))}})
    if not rules.empty:
        datasets["rules"] = rules
        target = field("target", "quantitative")
        layers.append({"data": named("rules"), "mark": {"type": "rule", "color": TARGET_INK, "strokeDash": [6, 4],
                                                        "strokeWidth": 1.5},
                       "encoding": {"y": target, "tooltip": tooltip(("label", i18n.t("col_target", lang)))}})
        # the rule's label above its line, or below it when the line runs along the top
        high = rules["target"] > low + 0.9 * (upper - low)
        for name, part, baseline, dy in (("rules_below", rules[~high], "bottom", -3),
                                         ("rules_above", rules[high], "top", 3)):
            if part.empty:
                continue
            datasets[name] = part
            for halo in (True, False):  # a white outline first keeps the label readable over the lines
                style = {"stroke": "white", "strokeWidth": 4, "strokeOpacity": 0.9} if halo else {}
                layers.append({"data": named(name), "mark": {"type": "text", "align": "left", "baseline": baseline,
                                                             "dx": 4, "dy": dy, "fontSize": 12, "fontWeight": "bold",
                                                             "color": TARGET_INK, **style},
                               "encoding": {"y": target, "x": {"value": 0}, "text": field("label")}})
    return top({"layer": layers, "height": height}, datasets)


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


def commune_trends(frame: pd.DataFrame, lang: str = "vi", columns: int = 3, panel_width: int = 185) -> dict:
    """Small multiples of one commune's indicators (lib.present.views.commune_trend_frame): the
    year-to-date line and the target as a dashed rule, one panel per indicator, `columns` panels
    of `panel_width` px a row; each panel's value axis frames its values and target (`value_axis`,
    drawn by two unseen points: a facet's panels cannot be given a domain each)."""
    periods = list(dict.fromkeys(frame.sort_values("order")["period"]))
    order = list(dict.fromkeys(frame["label"]))
    frame = worded(frame, lang)
    bounds = pd.DataFrame([{"label": label, "period": periods[0], "bound": bound}
                           for label, panel in frame.groupby("label", sort=False)
                           for bound in panel_axis([*panel["value"], *panel["target"]])])
    x = field("period", sort=periods, title=None, axis={"labelAngle": 0, "labelOverlap": True})
    y = {"title": None, "scale": {"zero": False, "nice": False}, "axis": {"tickCount": 3, "format": "d"}}
    line = {"transform": [{"filter": "datum.bound == null"}],
            "mark": {"type": "line", "color": DISTRICT_INK, "point": {"size": 20}}, "encoding": {
                "x": x, "y": field("value", "quantitative", **y),
                "tooltip": tooltip(("label", i18n.t("col_indicator", lang)), ("period", i18n.t("axis_period", lang)),
                                   ("value_text", i18n.t("col_value", lang)))}}
    rule = {"mark": {"type": "rule", "color": TARGET_INK, "strokeDash": [5, 3]},
            "encoding": {"y": field("target", "quantitative", aggregate="mean")}}
    frame_of_axis = {"mark": {"type": "point", "opacity": 0}, "encoding": {"x": x, "y": field("bound", "quantitative")}}
    return top({"data": named("values"),
                "facet": field("label", sort=order, title=None, header={"labelLimit": 190, "labelFontSize": 12,
                                                                         "labelAlign": "left",
                                                                         "labelAnchor": "start"}),
                "spec": {"layer": [line, rule, frame_of_axis], "width": panel_width, "height": 90},
                "resolve": {"scale": {"y": "independent"}}, "columns": columns},
               {"values": pd.concat([frame, bounds], ignore_index=True)})
