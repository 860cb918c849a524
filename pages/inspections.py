"""Sổ kiểm tra CCHC: the inspection register of one commune for the sidebar's year, behind 1.2a and
1.2b. The secretariat records each inspection (date, team) and each issue found (what, deadline);
the commune's officer records each fix (date, note) and attaches its evidence documents. The rules and the refusals are
lib.core.inspections and lib.store.inspections (checked there by role and unit, whatever this page
offers); the words lib.present.inspections_view."""
from datetime import timedelta

import streamlit as st

from lib.core import clock
from lib.core import inspections as rules
from lib.present import format as fmt
from lib.present import i18n, inspections_view
from lib.store import auth, inspections
from lib.web import cached, data_ui, evidence_ui, guard, sidebar, widgets
from lib.web.text import md

account = guard.page_guard(roles=(auth.NOI_VU, auth.DON_VI, auth.LANH_DAO))

DONE = "inspections_done"

choices = sidebar.choices()
lang = choices.lang
year = choices.year
context = cached.data().context()
engine = cached.engine()

st.title(i18n.t("page_inspections", lang))
data_ui.flash(DONE)
st.caption(i18n.t("inspections_intro", lang, year=year))


communes = context.units[context.units["level"] == "commune"]
if account.role == auth.DON_VI:
    communes = communes[communes["id"] == account.unit_id]
if communes.empty:
    st.info(i18n.t("commune_none", lang))
    st.stop()
names = dict(zip(communes["id"].astype(int), communes["name"]))
unit_id = st.selectbox(i18n.t("commune_pick", lang), list(names), key="inspections_unit",
                       format_func=names.get, disabled=len(names) == 1)

issues = inspections.issues(engine, [unit_id], year)
held = inspections.inspections_of(engine, unit_id, year)
if held.empty:
    st.info(i18n.t("inspections_none", lang, year=year))
else:
    st.caption(i18n.t("inspections_used", lang, year=year))
    for row in held.itertuples(index=False):
        st.markdown(f"- {md(fmt.date_text(row.day))} · {md(row.team)}")
if not issues.empty:
    widgets.table(inspections_view.issues_frame(issues, lang), inspections_view.ISSUE_COLUMNS, lang,
                  key="inspections_issues")

today = clock.today()
if account.role == auth.NOI_VU:
    st.header(i18n.t("inspections_add_title", lang))
    day = st.date_input(i18n.t("col_inspection_day", lang), value=today, max_value=today, key="inspections_day",
                        format="DD/MM/YYYY")
    team = st.text_input(i18n.t("col_inspection_team", lang), key="inspections_team", max_chars=rules.MAX_TEXT)
    if st.button(i18n.t("inspections_add", lang), key="inspections_add", icon=":material/add:"):
        data_ui.attempt(lambda: inspections.record_inspection(engine, account, unit_id, day, team),
                        lang, DONE, i18n.t("inspections_added", lang))
    if not held.empty:
        st.header(i18n.t("inspections_issue_title", lang))
        ids = dict(zip(held["id"].astype(int), held["day"]))
        inspection = st.selectbox(i18n.t("col_inspection_day", lang), list(ids), key="inspections_which",
                                  format_func=lambda i: fmt.date_text(ids[i]))
        what = st.text_input(i18n.t("col_issue", lang), key="inspections_what", max_chars=rules.MAX_TEXT)
        deadline = st.date_input(i18n.t("col_directive_deadline", lang), value=today + timedelta(days=30),
                                 key="inspections_deadline", format="DD/MM/YYYY")
        if st.button(i18n.t("inspections_issue_add", lang), key="inspections_issue_add", icon=":material/report:"):
            data_ui.attempt(lambda: inspections.record_issue(engine, account, inspection, what, deadline),
                            lang, DONE, i18n.t("inspections_issue_added", lang))

still_open = issues[issues["fixed"].isna()] if not issues.empty else issues
if account.role in (auth.DON_VI, auth.NOI_VU) and not still_open.empty:
    st.header(i18n.t("inspections_fix_title", lang))
    whats = dict(zip(still_open["issue_id"].astype(int), still_open["what"]))
    issue = st.selectbox(i18n.t("col_issue", lang), list(whats), key="inspections_issue",
                         format_func=whats.get)
    fixed = st.date_input(i18n.t("col_fix_day", lang), value=today, max_value=today, key="inspections_fixed",
                          format="DD/MM/YYYY")
    note = st.text_input(i18n.t("col_fix_note", lang), key="inspections_note", max_chars=rules.MAX_TEXT)
    if st.button(i18n.t("inspections_fix", lang), type="primary", key="inspections_fix", icon=":material/build:"):
        data_ui.attempt(lambda: inspections.record_fix(engine, account, issue, fixed, note),
                        lang, DONE, i18n.t("inspections_fixed", lang))

evidence_ui.fixes(engine, account, issues, lang)  # the fixes' documents: downloaded, attached
