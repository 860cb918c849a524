"""Từng xã, thị trấn: every indicator of one commune, with its trend and its distance to the target."""
import streamlit as st

from lib.present import i18n, inspections_view, search, views
from lib.store import inspections
from lib.web import cached, directive_ui, evidence_ui, guard, sidebar, widgets
from lib.web.text import md

guard.page_guard()

COLUMNS = {"code": "col_code", "indicator": "col_indicator", "status_text": "col_status", "value": "col_value",
           "target": "col_target", "gap": "col_gap"}

choices = sidebar.choices()
lang = choices.lang
data = cached.data()
context = data.context()
scores = data.scores(choices.year, choices.month)
communes = views.communes(scores)

if communes.empty:
    st.title(i18n.t_layout("page_commune", context.layout, lang))
    widgets.stamp(context, choices)
    st.info(i18n.t_layout("commune_none", context.layout, lang))
    st.stop()

names = dict(zip(communes["unit_code"], communes["unit_name"]))
find, pick = st.columns([1, 2])
# typed without diacritics or with, in any case (lib.present.search)
query = find.text_input(i18n.t("commune_search", lang), key="commune_search", placeholder="thuan an")
shown = search.matching(names, query)
if not shown:
    find.caption(i18n.t("commune_search_none", lang))
    shown = list(names)
code = pick.selectbox(i18n.t_layout("commune_pick", context.layout, lang), shown, format_func=names.get,
                      key="commune_code")
st.title(md(names[code]))
widgets.stamp(context, choices)
if context.is_dbkk(code):
    st.info(i18n.t("commune_dbkk", lang), icon=":material/info:")

frame, trend_specs = data.commune(choices, code)

unit = context.units[context.units["code"] == code]
kind = unit["kind"].iloc[0] if len(unit) else "xa"  # xã, phường or thị trấn
st.header(i18n.t("commune_summary", lang, kind=context.catalogue.kind_name(kind, lang).lower()))
counts = views.status_counts(frame["status"])
widgets.badges(views.count_badges(counts, lang))
unit_ids = unit["id"]
if len(unit_ids):
    directive_ui.beside(directive_ui.seen(), context, lang, unit_id=int(unit_ids.iloc[0]))
    open_issues = inspections_view.open_lines(inspections.issues(cached.engine(), [int(unit_ids.iloc[0])],
                                                                 choices.year), lang)
    if open_issues:  # the issues behind 1.2b, from the inspection register
        st.markdown(f"**{i18n.t('inspections_open_title', lang)}**")
        st.markdown("\n".join(f"- {md(line)}" for line in open_issues))
widgets.static_table(frame, COLUMNS, lang)
if len(unit_ids):  # a leader gives the commune a directive on an indicator it does not meet
    directive_ui.give_commune(frame, int(unit_ids.iloc[0]), context, lang, "commune_give")
evidence_ui.provenance(data, choices, frame["code"].tolist(), key="commune_provenance", unit_codes=[code],
                       hide=("unit",))

st.header(i18n.t("col_trend", lang))
if trend_specs is None:
    st.info(i18n.t("trend_empty", lang))
else:
    st.caption(i18n.t("commune_trend_hint", lang))
    wide, phone = widgets.by_screen("commune_trends")  # three panels a row; one on a phone
    with wide:
        widgets.chart(trend_specs["wide"], key="commune_trends", width="content")
    with phone:
        widgets.chart(trend_specs["phone"], key="commune_trends_phone", width="content")
