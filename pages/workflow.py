"""Gửi và thẩm định: one unit's figures of one period with their workflow states; the officer
submits them ("Gửi"); the secretariat appraises each submitted figure (accept, or return with a
comment), unlocks approved ones with a reason, sees every figure awaiting appraisal and chooses what
the pages count by default. The rules and the refusals are lib.core.workflow and lib.store.workflow
(checked there by role, whatever this page offers); the words lib.present.workflow_view."""
import pandas as pd
import streamlit as st

from lib.core import workflow as wf
from lib.io import entry
from lib.present import format as fmt, i18n, workflow_view
from lib.store import auth, workflow
from lib.web import cached, data_ui, evidence_ui, guard, sidebar, widgets
from lib.web.text import md

account = guard.page_guard(roles=(auth.NOI_VU, auth.DON_VI))

DONE = "workflow_done"

choices = sidebar.choices()
lang = choices.lang
data = cached.data()
context = data.context()
engine = cached.engine()
secretariat = account.role == auth.NOI_VU

st.title(i18n.t("page_workflow", lang))
widgets.stamp(context, choices)
data_ui.flash(DONE)
st.markdown(i18n.t("workflow_intro", lang))
st.caption(i18n.t("workflow_counting", lang, counting=workflow_view.counting_name(data.src.counting, lang)))


units = entry.writable_units(context.units, account)
if units.empty:
    st.warning(i18n.t("entry_no_units", lang))
    st.stop()
names = dict(zip(units["code"], units["name"]))
unit_code = st.selectbox(i18n.t("entry_unit", lang), list(names), format_func=lambda c: f"{names[c]} ({c})",
                         key="workflow_unit", disabled=len(names) == 1)
unit_id = int(units.loc[units["code"] == unit_code, "id"].iloc[0])
period = data_ui.period_picker("workflow", lang, context.years, choices.year)

st.header(i18n.t("workflow_figures", lang))
figures = workflow.queue(engine, [unit_id], wf.STATES)
figures = figures[figures["period"] == period].reset_index(drop=True)
if figures.empty:
    st.info(i18n.t("workflow_none", lang))
else:
    shown = workflow_view.figures_frame(figures, context.catalogue, lang)
    widgets.table(shown, workflow_view.FIGURE_COLUMNS, lang, key="workflow_figures")
    if st.button(i18n.t("workflow_submit", lang), type="primary", key="workflow_submit", icon=":material/send:",
                 help=i18n.t("workflow_submit_help", lang)):
        data_ui.attempt(lambda: workflow.submit(engine, account, unit_id, period), lang, DONE,
                        lambda count: i18n.t("workflow_submitted", lang, count=count, unit=md(names[unit_code]),
                                             period=period))

evidence_ui.attach(engine, account, units[units["code"] == unit_code].iloc[0], period, context.catalogue, lang)

if secretariat and not figures.empty:
    waiting = figures[figures["state"] == wf.SUBMITTED]
    if not waiting.empty:
        st.header(i18n.t("workflow_appraise_title", lang))
        st.caption(i18n.t("workflow_appraise_intro", lang))
        decision_words = {wf.ACCEPT: i18n.t("workflow_accept", lang), wf.RETURN: i18n.t("workflow_return", lang)}
        sheet = pd.DataFrame({"indicator": waiting["indicator"], "numerator": waiting["numerator"],
                              "denominator": waiting["denominator"], "decision": None, "comment": ""})
        edited = st.data_editor(
            sheet, key=f"workflow_appraise_{unit_code}_{period}", hide_index=True, num_rows="fixed", placeholder="",
            disabled=["indicator", "numerator", "denominator"],
            column_config={
                "indicator": st.column_config.TextColumn(i18n.t("col_code", lang), width=60),
                "numerator": st.column_config.NumberColumn(i18n.t("col_numerator", lang),
                                                           format=fmt.count_format(lang)),
                "denominator": st.column_config.NumberColumn(i18n.t("col_denominator", lang),
                                                             format=fmt.count_format(lang)),
                "decision": st.column_config.SelectboxColumn(
                    i18n.t("col_decision", lang), options=list(decision_words),
                    format_func=lambda d: decision_words.get(d, "")),
                "comment": st.column_config.TextColumn(i18n.t("col_comment", lang), max_chars=1000, width="large"),
            })
        if st.button(i18n.t("workflow_appraise_save", lang), type="primary", key="workflow_appraise",
                     icon=":material/fact_check:"):
            decisions = {code: (decision, comment or "") for code, decision, comment
                         in zip(edited["indicator"], edited["decision"], edited["comment"]) if decision}
            if not decisions:
                st.warning(i18n.t("workflow_nothing_chosen", lang))
            else:
                data_ui.attempt(lambda: workflow.appraise(engine, account, unit_id, period, decisions),
                                lang, DONE, lambda count: i18n.t("workflow_appraised", lang, count=count))

    approved = figures.loc[figures["state"] == wf.APPROVED, "indicator"].tolist()
    if approved:
        st.header(i18n.t("workflow_unlock_title", lang))
        picked = st.multiselect(i18n.t("workflow_unlock_pick", lang), approved, key="workflow_unlock_pick",
                                placeholder=i18n.t("pick_indicators", lang))
        reason = st.text_input(i18n.t("workflow_unlock_reason", lang), key="workflow_unlock_reason", max_chars=500)
        if st.button(i18n.t("workflow_unlock", lang), key="workflow_unlock", icon=":material/lock_open:",
                     disabled=not picked):
            data_ui.attempt(lambda: workflow.unlock(engine, account, unit_id, period, picked, reason),
                            lang, DONE, lambda count: i18n.t("workflow_unlocked", lang, count=count))

if secretariat:
    st.header(i18n.t("workflow_queue_title", lang))
    queue = workflow.queue(engine, context.units["id"].tolist())
    if queue.empty:
        st.success(i18n.t("workflow_queue_empty", lang), icon=":material/check_circle:")
    else:
        widgets.table(workflow_view.figures_frame(queue, context.catalogue, lang), workflow_view.QUEUE_COLUMNS,
                      lang, key="workflow_queue")

    st.header(i18n.t("workflow_close_title", lang))
    st.caption(i18n.t("workflow_close_intro", lang))
    is_closed = choices.year in context.closed_years
    if st.button(i18n.t("workflow_reopen" if is_closed else "workflow_close", lang, year=choices.year),
                 key="workflow_close", icon=":material/lock_open:" if is_closed else ":material/lock:"):
        data_ui.attempt(lambda: workflow.close_year(engine, account, choices.year, closed=not is_closed), lang, DONE,
                        i18n.t("workflow_reopened" if is_closed else "workflow_closed", lang, year=choices.year))

    evidence_ui.required(engine, account, context.catalogue, lang)

    st.header(i18n.t("workflow_setting_title", lang))
    setting = st.radio(i18n.t("sidebar_counting", lang), list(wf.COUNTING), key="workflow_setting",
                       index=list(wf.COUNTING).index(context.counting_default),
                       format_func=lambda c: workflow_view.counting_name(c, lang))
    if st.button(i18n.t("workflow_setting_save", lang), key="workflow_setting_save", icon=":material/save:"):
        data_ui.attempt(lambda: workflow.set_counting(engine, account, setting), lang, DONE,
                        i18n.t("workflow_setting_saved", lang, counting=workflow_view.counting_name(setting, lang)))
