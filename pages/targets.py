"""Chỉ tiêu giao (the secretariat only): the targets in force for a year, edited per indicator and
level and saved all or nothing (lib.store.targets); a year without targets of its own starts from the
previous year's."""
from datetime import date

import streamlit as st

from lib.core import catalogue
from lib.present import i18n, targets_view
from lib.store import auth, targets
from lib.web import cached, data_ui, guard, sidebar
from lib.web.text import md

account = guard.page_guard(roles=(auth.NOI_VU,))

ERRORS = "targets_errors"  # the refused save: year and TargetsRefused
DONE = "targets_done"
ERRORS_COLUMN = "loi"

choices = sidebar.choices()
lang = choices.lang
context = cached.data().context()
state = st.session_state
engine = cached.engine()

today = date.today()
years = sorted(set(context.years) | {choices.year, today.year, today.year + 1})
st.title(i18n.t("page_targets", lang))
year = st.columns([1, 3])[0].selectbox(i18n.t("targets_year", lang), years, index=years.index(choices.year),
                                       key="targets_year")
data_ui.flash(DONE)
st.markdown(i18n.t("targets_intro", lang))
st.subheader(i18n.t("targets_title", lang, year=year))

rows = targets.table(engine, year, lang)
own = targets.has_own(engine, year)

if not own:
    st.info(i18n.t("targets_inherited", lang, year=year), icon=":material/info:")
    if st.button(i18n.t("targets_start", lang, year=year), key="targets_start", icon=":material/content_copy:"):
        try:
            count = targets.start_year(engine, year, actor=account.username)
        except targets.TargetError as error:
            st.error(md(i18n.say(error, lang)))
        else:
            data_ui.flash(DONE, i18n.t("targets_started", lang, count=count, year=year))
            st.rerun()

before = targets_view.editor_frame(targets.frame(rows), lang)
refused = state[ERRORS]["refused"] if state.get(ERRORS, {}).get("year") == year else None
by_row = targets_view.refused_by_row(refused, lang) if refused else {}
editor_key = f"targets_editor_{year}"
edited = st.data_editor(
    before.assign(**{ERRORS_COLUMN: [f"⚠ {by_row[i]}" if i in by_row else "" for i in range(len(before))]}),
    key=editor_key, hide_index=True, num_rows="fixed", height="content", alt=i18n.t("page_targets", lang),
    disabled=[c for c in before.columns if c not in targets.EDITABLE] + [ERRORS_COLUMN],
    column_order=["indicator", "name", "level_name", "op", "value", "tolerance", ERRORS_COLUMN, "from_year"],
    column_config={
        "indicator": st.column_config.TextColumn(i18n.t("col_code", lang), width=60),
        "name": st.column_config.TextColumn(i18n.t("col_indicator", lang), width="large"),
        "level_name": st.column_config.TextColumn(i18n.t("col_level", lang)),
        "op": st.column_config.SelectboxColumn(i18n.t("col_op", lang), options=list(catalogue.OPERATORS),
                                               required=True, width=80),
        # text in the language's number form (lib.present.targets_view.editor_frame); the store checks it
        "value": st.column_config.TextColumn(i18n.t("col_target_value", lang), width=90),
        "tolerance": st.column_config.TextColumn(i18n.t("col_tolerance", lang), width=90),
        ERRORS_COLUMN: st.column_config.TextColumn(i18n.t("col_errors", lang), width="large" if by_row else "small"),
        "from_year": st.column_config.NumberColumn(i18n.t("col_from_year", lang), format="%d", width=80),
    })

if refused:
    st.error(i18n.t("targets_refused", lang, count=len(refused.errors)), icon=":material/error:")

if st.button(i18n.t("targets_save", lang), type="primary", key="targets_save", icon=":material/save:"):
    changed = targets.changes(before, edited)
    if not changed:
        st.info(i18n.t("nothing_to_save", lang))
    else:
        try:
            count = targets.set_targets(engine, year, changed, actor=account.username)
        except targets.TargetsRefused as error:
            state[ERRORS] = {"year": year, "refused": error}
        else:
            state.pop(ERRORS, None)
            state.pop(editor_key, None)
            data_ui.flash(DONE, i18n.t("targets_saved", lang, count=count))
        st.rerun()
