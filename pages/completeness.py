"""Tình hình báo cáo: who has not reported what by the end of the sidebar's month (the chase
list, filterable, downloadable, with each report's workflow state, who must act and for how long),
the reporting rate per area and the due reports by state (lib.core.completeness, worded by
lib.present.reporting and lib.present.workflow_view). A report counts as received as the pages count."""
import streamlit as st

from lib.core import completeness
from lib.core.catalogue import LEVELS
from lib.present import format as fmt
from lib.present import i18n, reporting, workflow_view
from lib.store import auth
from lib.web import cached, data_ui, guard, sidebar, widgets

account = guard.page_guard(roles=(auth.LANH_DAO, auth.NOI_VU, auth.DON_VI))

# the rate in words (lib.present.format's numbers), then its bar without a number of its own
RATE_HEADERS = {"name": "col_area", "due": "col_due_count", "received": "col_received", "rate_text": "col_rate",
                "rate": "col_rate"}

choices = sidebar.choices()
lang = choices.lang
data = cached.data()
context = data.context()
catalogue = context.catalogue
chase, rate = data.completeness(choices)

st.title(i18n.t("completeness_title", lang, month=choices.month, year=choices.year))
widgets.stamp(context, choices)
st.caption(i18n.t("completeness_rule", lang))
st.caption(i18n.t("completeness_counting", lang, counting=workflow_view.counting_name(data.src.counting, lang)))

st.header(i18n.t("completeness_rate", lang))
rates = reporting.rate_frame(rate, catalogue, lang, context.layout)
widgets.table(rates, RATE_HEADERS, lang, key="completeness_rates", extra_config={
    "rate": st.column_config.ProgressColumn(" ", min_value=0, max_value=100, format=" ", width=160),
})

st.header(i18n.t("completeness_states", lang))
st.dataframe(workflow_view.state_count_frame(data.completeness_states(choices), catalogue, lang), hide_index=True,
             key="completeness_state_counts")

st.header(i18n.t("completeness_chase", lang))
if chase.empty:
    st.success(i18n.t("completeness_all_done", lang), icon=":material/check_circle:")
    st.stop()
area_col, level_col = st.columns(2)
areas = area_col.multiselect(i18n.t("col_area", lang), sorted(catalogue.areas), key="completeness_areas",
                             format_func=lambda a: f"{a}. {catalogue.area_name(a, lang)}",
                             placeholder=i18n.t("audit_all", lang))
levels = level_col.multiselect(i18n.t("col_level", lang), [lv for lv in LEVELS if lv in set(chase["level"])],
                               key="completeness_levels", format_func=lambda lv: catalogue.level_name(lv, lang),
                               placeholder=i18n.t("audit_all", lang))
shown = completeness.filter_chase(reporting.chase_frame(chase, catalogue, choices.year, lang), areas, levels)
shown = workflow_view.chase_extras(shown, lang)
st.caption(i18n.t("completeness_count", lang, count=fmt.count(len(shown), lang)))
widgets.table(shown, {**reporting.CHASE_VIEW_COLUMNS, **workflow_view.CHASE_EXTRA_COLUMNS}, lang,
              key="completeness_chase", height=480)
data_ui.download_table(workflow_view.chase_download(reporting.chase_download(shown, lang), shown, lang),
                       f"chua_bao_cao_{choices.year}-{choices.month:02d}",
                       lang, key="completeness_download", sample=context.sample,
                       help=i18n.t("download_chase_help", lang))
