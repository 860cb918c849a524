"""Ý kiến chỉ đạo: the leaders' directives the account may see, filtered by responsible unit, area
and state, downloadable (CSV/XLSX); a leader gives a new one, the responsible unit's officer notes
progress, the secretariat closes one as done. The rules and the refusals are lib.core.directives
and lib.store.directives (checked there by role and unit, whatever this page offers); the words
lib.present.directives_view."""
from datetime import timedelta

import streamlit as st

from lib.core import clock
from lib.core import directives as rules
from lib.present import directives_view, i18n
from lib.present import format as fmt
from lib.store import auth, directives
from lib.web import cached, data_ui, guard, sidebar, widgets
from lib.web.text import md

account = guard.page_guard()

DONE = "directives_done"

choices = sidebar.choices()
lang = choices.lang
context = cached.data().context()
catalogue = context.catalogue
engine = cached.engine()
whole = context.whole(lang).lower()
units = context.units.sort_values("code")
unit_names = dict(zip(units["id"].astype(int), units["name"]))

st.title(i18n.t("page_directives", lang))
data_ui.flash(DONE)
st.caption(i18n.t("directives_intro", lang, whole=whole))


every = directives.visible(engine, account)
st.markdown(md(directives_view.counts_text(every, lang)))

unit_col, area_col, state_col = st.columns(3)
responsible = sorted(set(every["responsible_id"].astype(int)))
names = {**unit_names, **dict(zip(every["responsible_id"].astype(int), every["responsible_name"]))}
picked_units = unit_col.multiselect(i18n.t("col_directive_unit", lang), responsible, key="directives_units",
                                    format_func=lambda u: names.get(u, str(u)), placeholder=i18n.t("audit_all", lang))
picked_areas = area_col.multiselect(i18n.t("col_area", lang), sorted(catalogue.areas), key="directives_areas",
                                    format_func=lambda a: f"{a}. {catalogue.area_name(a, lang)}",
                                    placeholder=i18n.t("audit_all", lang))
picked_states = state_col.multiselect(i18n.t("directives_filter_state", lang), list(rules.FILTERS),
                                      key="directives_states", placeholder=i18n.t("audit_all", lang),
                                      format_func=lambda s: directives_view.state_name(s, lang))
shown = directives_view.filtered(every, picked_units, picked_areas, picked_states)
if shown.empty:
    st.info(i18n.t("directives_none", lang))
else:
    st.caption(i18n.t("directives_count", lang, count=len(shown)))
    widgets.table(directives_view.list_frame(shown, catalogue, whole, lang), directives_view.LIST_COLUMNS, lang,
                  key="directives_table")
    data_ui.download_table(directives_view.download_frame(shown, catalogue, whole, lang),
                           f"y_kien_chi_dao_{clock.today().isoformat()}", lang, key="directives_download",
                           sheet="Y kien chi dao")

# one directive: its text and progress, and the step this account may take on it
if not shown.empty:
    st.header(i18n.t("directives_notes_title", lang))
    rows = {int(r["id"]): r for _, r in shown.iterrows()}
    chosen = st.selectbox(i18n.t("directives_pick", lang), list(rows), key="directives_pick",
                          format_func=lambda i: f"{i} · " + directives_view.short_line(rows[i], catalogue, whole, lang))
    row = rows[chosen]
    st.markdown(md(row["text"]))
    notes = directives.notes(engine, account, chosen)
    if notes.empty:
        st.caption(i18n.t("directives_no_notes", lang))
    for note in notes.itertuples(index=False):
        st.markdown(f"**{md(fmt.datetime_text(note.at))} · {md(note.username)}**: {md(note.note)}")
    still_open = row["state"] == rules.OPEN
    if still_open and account.role == auth.DON_VI and row["responsible_id"] == account.unit_id:
        note = st.text_area(i18n.t("directives_note", lang, n=rules.MAX_NOTE), key="directives_note",
                            max_chars=rules.MAX_NOTE)
        if st.button(i18n.t("directives_answer", lang), type="primary", key="directives_answer",
                     icon=":material/edit_note:"):
            data_ui.attempt(lambda: directives.answer(engine, account, chosen, note),
                            lang, DONE, i18n.t("directives_answered", lang, id=chosen))
    if still_open and account.role == auth.NOI_VU:
        note = st.text_input(i18n.t("directives_closing_note", lang), key="directives_closing_note",
                             max_chars=rules.MAX_NOTE)
        if st.button(i18n.t("directives_close", lang), key="directives_close", icon=":material/task_alt:"):
            data_ui.attempt(lambda: directives.close(engine, account, chosen, note),
                            lang, DONE, i18n.t("directives_closed", lang, id=chosen))

if account.role == auth.LANH_DAO:
    st.header(i18n.t("directives_new_title", lang))
    kind = st.radio(i18n.t("col_directive_cell", lang), list(rules.CELLS), key="directives_kind", horizontal=True,
                    format_func=lambda k: i18n.t(f"directive_cell_{k}", lang, whole=whole))
    indicator = unit_id = area = None
    if kind == rules.CELL_AREA:
        area = st.selectbox(i18n.t("col_area", lang), sorted(catalogue.areas), key="directives_area",
                            format_func=lambda a: f"{a}. {catalogue.area_name(a, lang)}")
    else:
        codes = [ind.code for ind in catalogue.indicators]
        indicator = st.selectbox(i18n.t("col_indicator", lang), codes, key="directives_indicator",
                                 format_func=lambda c: f"{c} · {catalogue.by_code[c].name(lang)}")
        if kind == rules.CELL_UNIT:
            unit_id = st.selectbox(i18n.t("col_unit", lang), list(unit_names), key="directives_unit",
                                   format_func=unit_names.get)
    default = unit_id if unit_id in unit_names else None
    responsible_id = st.selectbox(i18n.t("col_directive_unit", lang), list(unit_names), key="directives_responsible",
                                  index=list(unit_names).index(default) if default is not None else None,
                                  format_func=unit_names.get)
    text = st.text_area(i18n.t("directives_text", lang, n=rules.MAX_TEXT), key="directives_text",
                        max_chars=rules.MAX_TEXT)
    deadline = st.date_input(i18n.t("col_directive_deadline", lang), key="directives_deadline",
                             value=clock.today() + timedelta(days=14), min_value=clock.today(), format="DD/MM/YYYY")
    if st.button(i18n.t("directives_create", lang), type="primary", key="directives_create", icon=":material/flag:",
                 disabled=responsible_id is None):
        data_ui.attempt(lambda: directives.create(engine, account, responsible_id=responsible_id, text=text,
                                                  deadline=deadline, indicator=indicator, unit_id=unit_id, area=area),
                        lang, DONE, lambda new_id: i18n.t("directives_created", lang, id=new_id))
