"""Nhập số liệu: one unit's figures for one period, typed into a table and saved through the
importer's checks (lib.io.entry). Problems come back next to their indicator and nothing is written;
changing figures that someone else entered needs an explicit confirmation. Each figure shows its
workflow state and the secretariat's comment next to it; an approved (locked) figure is refused."""
import streamlit as st

from lib.io import entry, importer, problems
from lib.present import format as fmt, i18n, workflow_view
from lib.store import auth, workflow
from lib.web import cached, data_ui, guard, sidebar, widgets
from lib.web.text import md

account = guard.page_guard(roles=(auth.NOI_VU, auth.DON_VI))

ERRORS = "entry_errors"  # the refused save: where, the ImportRejected, the form as saved
PENDING = "entry_pending"  # the save that waits for an overwrite confirmation
DONE = "entry_done"  # the success message shown after the rerun
EDITABLE = ["tu_so", "mau_so", "ghi_chu"]

choices = sidebar.choices()
lang = choices.lang
data = cached.data()
context = data.context()

st.title(i18n.t("page_entry", lang))
widgets.stamp(context, choices)
units = entry.writable_units(context.units, account)
if units.empty:
    st.warning(i18n.t("entry_no_units", lang))
    st.stop()
st.markdown(i18n.t("entry_intro", lang))

names = dict(zip(units["code"], units["name"]))
unit_code = st.selectbox(i18n.t("entry_unit", lang), list(names), format_func=lambda c: f"{names[c]} ({c})",
                         key="entry_unit", disabled=len(names) == 1)
period_text = data_ui.period_picker("entry", lang, context.years, choices.year)
where = (unit_code, period_text)
editor_key = f"entry_editor_{unit_code}_{period_text}"
state = st.session_state

form = entry.form_rows(cached.engine(), context.catalogue, units[units["code"] == unit_code].iloc[0], period_text, lang)
if form.empty:
    st.info(i18n.t("entry_no_indicators", lang))
    st.stop()

data_ui.flash(DONE)
refused = state.get(ERRORS) if state.get(ERRORS, {}).get("where") == where else None
by_indicator = entry.problems_by_indicator(refused["rejected"], refused["form"], lang) if refused else {}
general = by_indicator.pop("", [])


def forget_pending() -> None:
    # an edit after the overwrite warning makes the listed overwrites stale
    state.pop(PENDING, None)


unit_id = int(units.loc[units["code"] == unit_code, "id"].iloc[0])
states = workflow.states_of(cached.engine(), unit_id, period_text)
returned = workflow_view.returned_lines(states, context.catalogue, lang)
if returned:  # the secretariat's comments in full, above the table whose column may cut them
    st.warning("\n".join([i18n.t("entry_returned", lang, count=len(returned))]
                         + [f"- {md(line)}" for line in returned]), icon=":material/undo:")
edited = st.data_editor(
    entry.with_states(entry.with_errors(form, by_indicator), states, lang), key=editor_key, hide_index=True,
    num_rows="fixed", height="content",
    placeholder="", alt=i18n.t("page_entry", lang),
    disabled=[c for c in form.columns if c not in EDITABLE] + [entry.ERRORS_COLUMN, *entry.STATE_COLUMNS],
    on_change=forget_pending,
    # beside the fields, within a 1280-pixel screen: a refused save's problems first, else each
    # figure's state and the secretariat's comment
    column_order=["ma_chi_tieu", "ten_chi_tieu", "tu_so", "mau_so", "ghi_chu",
                  *([entry.ERRORS_COLUMN, *entry.STATE_COLUMNS] if by_indicator
                    else [*entry.STATE_COLUMNS, entry.ERRORS_COLUMN]), "tu_so_la", "mau_so_la"],
    column_config={
        # pinned: on a phone the figures are typed beside the code, the name scrolled away
        "ma_chi_tieu": st.column_config.TextColumn(i18n.t("col_code", lang), width=60, pinned=True),
        "ten_chi_tieu": st.column_config.TextColumn(i18n.t("col_indicator", lang), width="medium"),
        "tu_so": st.column_config.NumberColumn(i18n.t("col_numerator", lang), min_value=0, step=1,
                                               format=fmt.count_format(lang)),
        "mau_so": st.column_config.NumberColumn(i18n.t("col_denominator", lang), min_value=0, step=1,
                                                format=fmt.count_format(lang)),
        "ghi_chu": st.column_config.TextColumn(i18n.t("col_note", lang), max_chars=1000),
        entry.ERRORS_COLUMN: st.column_config.TextColumn(i18n.t("col_errors", lang),
                                                         width="large" if by_indicator else "small"),
        # "Đã gửi, chờ thẩm định" whole at 1280 (the columns' own width cut it)
        "trang_thai": st.column_config.TextColumn(i18n.t("col_state", lang), width=155),
        "nhan_xet": st.column_config.TextColumn(i18n.t("col_comment", lang)),
        "tu_so_la": st.column_config.TextColumn(i18n.t("col_numerator_means", lang)),
        "mau_so_la": st.column_config.TextColumn(i18n.t("col_denominator_means", lang)),
    })
edited = edited.drop(columns=[entry.ERRORS_COLUMN, *entry.STATE_COLUMNS])

if refused:
    st.error(i18n.t("entry_rejected", lang, count=len(refused["rejected"].problems)), icon=":material/error:")
    for text in general:
        st.error(md(text))


def save(frame, confirm: bool) -> None:
    try:
        summary = entry.save(cached.engine(), account, unit_code, period_text, frame, confirm_overwrite=confirm,
                             lang=lang)
    except problems.ImportRejected as rejected:
        state[ERRORS] = {"where": where, "rejected": rejected, "form": frame}
        state.pop(PENDING, None)
    except importer.OverwriteNeedsConfirmation as needed:
        state[PENDING] = {"where": where, "rows": needed.rows, "form": frame}
        state.pop(ERRORS, None)
    else:
        for key in (ERRORS, PENDING, editor_key):
            state.pop(key, None)
        saved = i18n.t("entry_saved", lang, unit=md(names[unit_code]), period=period_text,
                       inserted=summary.inserted, updated=summary.updated, unchanged=summary.unchanged)
        data_ui.flash(DONE, saved + summary.demo_note(lang))
    st.rerun()


pending = state.get(PENDING) if state.get(PENDING, {}).get("where") == where else None
if pending:
    data_ui.overwrite_list(pending["rows"], context, lang, key="entry_overwrites")
    with st.container(horizontal=True):
        if st.button(i18n.t("overwrite_confirm", lang), type="primary", key="entry_confirm",
                     icon=":material/done_all:"):
            save(pending["form"], confirm=True)
        if st.button(i18n.t("overwrite_cancel", lang), key="entry_cancel"):
            state.pop(PENDING, None)
            data_ui.flash(DONE, i18n.t("overwrite_cancelled", lang))
            st.rerun()
elif st.button(i18n.t("entry_save", lang), type="primary", key="entry_save", icon=":material/save:"):
    save(edited, confirm=False)
