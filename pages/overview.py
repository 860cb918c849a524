"""Tổng quan: the seven areas at a glance (with each area's reporting rate), the district's figure
of every indicator, and the communes with the most unmet targets."""
import streamlit as st

from lib.present import i18n, reporting, views
from lib.web import cached, directive_ui, guard, sidebar, widgets

guard.page_guard()

choices = sidebar.choices()
lang = choices.lang
data = cached.data()
context = data.context()
overview = data.overview(choices)
rates = reporting.rate_frame(data.completeness(choices)[1], context.catalogue, lang, context.layout).set_index("area")

st.title(i18n.t("overview_title", lang, year=choices.year))
directive_list = directive_ui.seen()
directive_ui.yours(directive_list, context, lang)  # a unit's officer sees their open directives first
stamp, brief = st.columns([2, 1], vertical_alignment="bottom")  # the button's words whole at 1280
with stamp:
    widgets.stamp(context, choices)
with brief:
    st.download_button(i18n.t("brief_download", lang),
                       data.brief(choices, directive_ui.brief_lines(directive_list, context, lang)),
                       file_name=f"tom_tat_cchc_{choices.year}-{choices.month:02d}.html", mime="text/html",
                       on_click="ignore", key="overview_brief", icon=":material/print:",
                       help=i18n.t("brief_help", lang))

whole = context.whole(lang).lower()
directive_ui.summary(directive_list, lang)
st.header(i18n.t("overview_glance", lang, whole=whole))
glance = overview["glance"]
cards = st.columns(4)
for i, row in enumerate(glance.itertuples(index=False)):
    with cards[i % 4].container(border=True):
        st.markdown(f"**{row.area}. {row.name}**  \n{i18n.t_count('indicator_count', row.indicators, lang)}")
        widgets.badges(views.glance_items(row._asdict(), lang))
        if row.area in rates.index:
            st.caption(i18n.t("overview_reporting", lang, rate=rates.loc[row.area, "rate_text"]))
        st.page_link(f"pages/area_{row.area}.py", label=i18n.t("open_area", lang), icon=":material/arrow_forward:")
with cards[len(glance) % 4].container(border=True):
    # the eighth card: every indicator of the district together
    total = views.glance_total(glance)
    st.markdown(f"**{context.whole(lang)}**  \n{i18n.t_count('indicator_count', total['indicators'], lang)}")
    widgets.badges(views.glance_items(total, lang))
    st.caption(i18n.t("overview_reporting", lang, rate=rates.loc[0, "rate_text"]))
widgets.chart(overview["glance_spec"], key="overview_glance_chart")

st.header(i18n.t("overview_indicators", lang, whole=whole))
widgets.static_table(overview["indicators"], {
    "code": "col_code", "indicator": "col_indicator", "value": "col_value", "numerator": "col_numerator",
    "denominator": "col_denominator", "target": "col_target", "status_text": "col_status", "why": "col_why",
}, lang)

st.header(i18n.t_layout("overview_communes", context.layout, lang))
worst = overview["communes"]
if worst.empty:
    st.info(i18n.t_layout("overview_no_unmet", context.layout, lang))
else:
    widgets.table(worst, {"unit": "col_unit", "not_met": "col_not_met", "close": "col_close", "no_data": "col_no_data",
                     "unmet": "col_unmet_list"}, lang, key="overview_communes")
