"""The body of the seven area pages (pages/area_N.py call `draw(N)`).

On top, what the first screen shows: the title, the area's counts and export, and what needs
attention. Then each indicator of the area, a fragment (a click on its map reruns that indicator
alone): the district's figure against its target (each level's too for 3.3 and 7.2) and, when the
whole does not meet it, which units would lift it there; the tile map of the communes (a click
picks the commune of the trend), the year-to-date trend with its target, and the table of units.
Session-state keys start with `area{N}_`.
"""
from __future__ import annotations

import streamlit as st

from lib.core import trends
from lib.present import attention, charts, i18n, maps, views
from lib.web import cached, directive_ui, evidence_ui, sidebar, widgets
from lib.web.text import md

LEVEL_COLUMNS = {"level_name": "col_level", "value": "col_value", "numerator": "col_numerator",
                 "denominator": "col_denominator", "target": "col_target", "status_text": "col_status",
                 "why": "col_why"}
# the status right after the name, so it shows on narrow screens too; why says the target; the
# unit's type last, when the units are of several types (they fit in 1280 px without it)
UNIT_COLUMNS = {"unit": "col_unit", "status_text": "col_status", "value": "col_value", "numerator": "col_numerator",
                "denominator": "col_denominator", "why": "col_why", "kind": "col_kind"}


def _key(area: int, name: str) -> str:
    return f"area{area}_{name}"


def draw(area: int) -> None:
    choices = sidebar.choices()
    lang = choices.lang
    data = cached.data()
    context = data.context()
    catalogue = context.catalogue
    scores = data.scores(choices.year, choices.month)

    st.title(i18n.t("area_title", lang, n=area, name=catalogue.area_name(area, lang)))
    widgets.stamp(context, choices)
    found = directive_ui.seen()
    directive_ui.beside(found, context, lang, area=area)

    summary, downloads = st.columns([3, 2], vertical_alignment="bottom")
    with summary:
        district = scores.district.set_index("indicator")["status"]
        counts = views.status_counts(district[ind.code] for ind in catalogue.of_area(area)
                                     if ind.code in district.index)
        st.markdown(f"**{i18n.t('area_summary', lang)}**")
        widgets.badges(views.count_badges(counts, lang))
    with downloads:
        widgets.download_buttons(data, choices, area, key=_key(area, "download"))
    first = st.container()  # what needs attention, filled once the indicators are built

    # the key carries the language: Streamlit keeps a radio's choice by its label, which the
    # language changes (a switch of language starts again from months)
    grain = st.radio(i18n.t("grain", lang), list(trends.GRAINS), horizontal=True, key=_key(area, f"grain_{lang}"),
                     format_func=lambda g: i18n.t(f"grain_{g}", lang))
    indicators, map_specs = data.area(choices, area, grain)
    with first:
        _attention(data.attention(choices, area, grain), lang)
    absent = [view for view in indicators if views.absent(view)]
    if absent:  # said once, not as cards without figures
        st.info(i18n.t("area_absent", lang, whole=context.district["name"],
                       indicators="; ".join(f"{v.code} · {v.name} ({v.levels_text})" for v in absent)))
    for view in indicators:
        if not views.absent(view):
            _section(area, view, map_specs.get(view.code), data, choices, grain, found)


@st.fragment
def _section(area: int, view: views.IndicatorView, map_spec: dict | None, data: cached.Data, choices, grain,
             found) -> None:
    """One indicator in its box, a fragment: a click on its map reruns this indicator alone (its trend
    follows the commune), not the page's other indicators."""
    with st.container(border=True):
        _indicator(area, view, map_spec, data, choices, grain)
        directive_ui.beside(found, data.context(), choices.lang, indicator=view.code)


def _attention(frame, lang: str) -> None:
    """The indicators not met or close, each a link to its section, with why and the units behind it."""
    if frame.empty:
        st.success(i18n.t("attention_none", lang), icon=":material/check_circle:")
        return
    lines = []
    for row in frame.itertuples():
        line = f"- **[{md(row.status_text)} · {row.code} {md(row.name)}](#{row.anchor})**"
        if row.why:
            line += f" — {md(row.why)}"
        if row.units:
            line += f"  \n  {md(i18n.t('attention_units', lang, units=row.units))}"
        lines.append(line)
    with st.container(border=True):
        st.markdown(f"**{i18n.t('attention_title', lang)}**")
        st.markdown("\n".join(lines))


def _indicator(area: int, view: views.IndicatorView, map_spec: dict | None, data: cached.Data, choices, grain) -> None:
    lang = choices.lang
    st.subheader(f"{view.code} · {view.name}", anchor=attention.anchor(view.code))
    st.caption(view.levels_text)
    figure = view.figure
    left, middle, right = st.columns([3, 2, 2], vertical_alignment="center")
    left.markdown(f"**{figure['whole']}:** {figure['line']}")
    middle.markdown(f"**{i18n.t('target_line', lang, target=figure['target'])}**")
    with right:
        widgets.badges([(figure["status"], figure["status_text"])])
        if figure["why"]:
            st.caption(figure["why"])
        directive_ui.give_whole(view.code, figure["status"], data.context(), lang, _key(area, f"give_{view.code}"))
    if view.lift:
        st.markdown(md(view.lift))
    if view.levels is not None:
        st.markdown(f"**{i18n.t('levels_title', lang)}**")
        widgets.table(view.levels, LEVEL_COLUMNS, lang, key=_key(area, f"levels_{view.code}"))

    selected = None
    if map_spec is None:
        trend_box = st.container()
    else:
        map_box, trend_box = st.columns([5, 4])
        with map_box:
            st.markdown(f"**{i18n.t_layout('map_title', data.context().layout, lang)}**")
            event = widgets.chart(map_spec, key=_key(area, f"map_{view.code}"), width="stretch",
                                  on_select="rerun", selection_mode=maps.SELECTION)
            selected = maps.selected_code(event)
            st.caption(i18n.t("map_hint", lang))
    with trend_box:
        st.markdown(f"**{i18n.t('trend_title', lang)}**")
        if view.trend.empty:
            st.info(i18n.t("trend_empty", lang))
        else:
            widgets.line_legend(charts.trend_legend(view.trend, view.rules, lang, selected, view.pace))
            widgets.chart(data.trend_spec(choices, area, grain, view.code, selected),
                          key=_key(area, f"trend_{view.code}"))

    st.markdown(f"**{i18n.t('units_title', lang)}**")
    if view.units.empty:
        st.info(i18n.t_layout("units_none", data.context().layout, lang))
    else:
        columns = UNIT_COLUMNS if view.units["kind"].nunique() > 1 else {
            name: header for name, header in UNIT_COLUMNS.items() if name != "kind"}
        widgets.table(view.units, columns, lang, key=_key(area, f"units_{view.code}"))
        directive_ui.give_units(view.code, view.units, data.context(), lang, _key(area, f"give_units_{view.code}"))
    evidence_ui.provenance(data, choices, [view.code], key=_key(area, f"provenance_{view.code}"), hide=("indicator",))
