"""The upload page's section for the one-stop portal's statistics (the secretariat only): the file
picked, its columns mapped once (saved per set of headers and reused), the names that matched no
unit or two paired by hand (saved too), then the importer's preview and all-or-nothing import.

It only draws; the rules are lib.io.portal, the saved mappings and pairings lib.store.portal.
"""
from __future__ import annotations

import streamlit as st

from lib.io import entry, importer, portal, problems
from lib.present import i18n
from lib.store import auth, portal as stored
from lib.web import cached, data_ui, widgets
from lib.web.text import md

UPLOADS = "portal_generation"  # a new uploader key after an import clears the file
DONE = "portal_done"
READ = "portal_read"  # (upload id, the table read): a file is read once
SKIP = "-"  # the pairing choice "skip these rows"
PROBLEM_HEADERS = {"row": "col_row", "column": "col_column", "message": "col_message"}
PREVIEW_ROWS = 200


def section(account, context: cached.Context, year: int, lang: str) -> None:
    """The portal file part of the upload page; nothing for an account other than the secretariat's."""
    if account.role != auth.NOI_VU:
        return
    state = st.session_state
    st.header(i18n.t("portal_title", lang))
    data_ui.flash(DONE)
    st.caption(i18n.t("portal_intro", lang))
    generation = state.get(UPLOADS, 0)
    upload = data_ui.file_picker(i18n.t("portal_pick", lang), ["csv", "xlsx"], f"portal_file_{generation}", lang)
    if upload is None:
        state.pop(READ, None)
        return
    if state.get(READ, (None,))[0] != upload.file_id:
        try:
            state[READ] = (upload.file_id, portal.read(upload.getvalue(), upload.name, lang))
        except problems.ImportRejected as rejected:
            st.error(md(rejected.text(lang)), icon=":material/error:")
            return
    table = state[READ][1]
    rows = portal.header_rows(table)
    st.caption(i18n.t("portal_header_rows", lang, rows=i18n.t("import.where_row", lang, row=rows[0]) if len(rows) == 1
                      else i18n.t("portal_header_span", lang, first=rows[0], last=rows[-1])))
    engine = cached.engine()
    headers = portal.headers_key(table.columns)
    saved = portal.Mapping.from_dict(stored.mapping_for(engine, headers))
    _mapping_form(engine, table, saved, upload.name, account, context, lang)
    if saved is None:
        return
    period = None
    if saved.month is None:
        st.caption(i18n.t("portal_period", lang))
        period = data_ui.period_picker("portal", lang, context.years, year)
    converted, preview = portal.preview(engine, table, saved, upload.name, period, account, lang)
    if converted.unmatched or converted.ambiguous:
        _pairing_form(engine, converted.unmatched + converted.ambiguous, upload.name, account, lang)
    _preview(engine, table, saved, upload.name, period, preview, account, context, lang)


def _mapping_form(engine, table, saved, filename: str, account, context: cached.Context, lang: str) -> None:
    """Which columns say what: shown open for new headers, folded once saved."""
    columns = list(table.columns)
    mapping = saved or portal.guess(columns)
    if saved is None:
        st.info(i18n.t("portal_mapping_new", lang), icon=":material/table_view:")
    else:
        st.caption(i18n.t("portal_mapping_saved", lang))
    with st.expander(i18n.t("portal_mapping_title", lang), expanded=saved is None), st.form("portal_mapping"):
        unit = st.selectbox(i18n.t("portal_unit_column", lang), columns, key="portal_unit",
                            index=columns.index(mapping.unit) if mapping.unit in columns else 0)
        months = [None] + columns
        month = st.selectbox(i18n.t("portal_month_column", lang), months, key="portal_month",
                             index=months.index(mapping.month) if mapping.month in months else 0,
                             format_func=lambda c: i18n.t("portal_no_month_column", lang) if c is None else c)
        sums, minus = {}, {}
        for indicator, part in portal.TARGETS:
            definition = context.catalogue.by_code[indicator]
            what = definition.numerator_label(lang) if part == "tu_so" else definition.denominator_label(lang)
            label = i18n.t("portal_numerator" if part == "tu_so" else "portal_denominator", lang, code=indicator,
                           what=what)
            key = portal.target_key(indicator, part)
            sums[key] = st.multiselect(label, columns, key=f"portal_sum_{key}",
                                       default=[c for c in mapping.sums.get(key, []) if c in columns])
            if part == "tu_so":  # on time = resolved - late, as Gia Lai's portal gives it
                minus[key] = st.multiselect(i18n.t("portal_minus", lang, code=indicator), columns,
                                            key=f"portal_minus_{key}",
                                            default=[c for c in mapping.minus.get(key, []) if c in columns])
        if st.form_submit_button(i18n.t("portal_save_mapping", lang), type="primary", icon=":material/save:"):
            chosen = portal.Mapping(unit, month, sums, minus)
            stored.save_mapping(engine, portal.headers_key(columns), chosen.as_dict(), account.username, filename)
            data_ui.flash(DONE, i18n.t("portal_mapping_stored", lang))
            st.rerun()


def _pairing_form(engine, names: list[str], filename: str, account, lang: str) -> None:
    """A unit (or 'skip') for each name that matched no unit or two; saved for the next files."""
    units = dict(stored.reporting_units(engine))
    options = ["", SKIP] + list(units)
    label = {"": "", SKIP: i18n.t("portal_pair_skip", lang)} | {code: f"{code} {name}" for code, name in units.items()}
    st.subheader(i18n.t("portal_pair_title", lang))
    st.caption(i18n.t("portal_pair_intro", lang))
    with st.form("portal_pairs"):
        chosen = {name: st.selectbox(md(name), options, key=f"portal_pair_{i}", format_func=label.get)
                  for i, name in enumerate(names)}
        if st.form_submit_button(i18n.t("portal_pair_save", lang), icon=":material/link:"):
            pairs = {name: "" if code == SKIP else code for name, code in chosen.items() if code}
            count = stored.save_pairs(engine, pairs, account.username, filename)
            data_ui.flash(DONE, i18n.t("portal_paired", lang, count=count))
            st.rerun()


def _preview(engine, table, mapping, filename: str, period, preview: importer.Preview, account,
             context: cached.Context, lang: str) -> None:
    """The figures the file gives, its problems at its rows and columns, or the import's button."""
    if not preview.table.empty:
        st.subheader(i18n.t("upload_preview", lang, rows=len(preview.table)))
        st.dataframe(entry.preview_frame(preview.table, PREVIEW_ROWS), hide_index=True, key="portal_preview")
        if len(preview.table) > PREVIEW_ROWS:
            st.caption(i18n.t("upload_preview_more", lang, shown=PREVIEW_ROWS))
    if preview.problems:
        st.error(i18n.t("upload_problems", lang, file=md(filename), count=len(preview.problems)),
                 icon=":material/error:")
        widgets.table(entry.problem_frame(preview.problems, lang), PROBLEM_HEADERS, lang, key="portal_problem_list")
        return
    summary = preview.summary
    st.info(i18n.t("upload_ready", lang, inserted=summary.inserted, updated=summary.updated,
                   unchanged=summary.unchanged), icon=":material/task_alt:")
    if not summary.changed:
        st.info(i18n.t("upload_nothing", lang))
        return
    confirm = bool(preview.overwrites)
    if confirm:
        data_ui.overwrite_list(preview.overwrites, context, lang, key="portal_overwrites")
    if st.button(i18n.t("upload_import_overwrite" if confirm else "upload_import", lang), type="primary", key="portal_import", icon=":material/upload:"):
        def forget_file() -> None:
            st.session_state[UPLOADS] = st.session_state.get(UPLOADS, 0) + 1
            st.session_state.pop(READ, None)

        data_ui.import_checked(lambda: portal.import_file(engine, table, mapping, filename, period, account, lang,
                                                          confirm_overwrite=confirm), lang, DONE, then=forget_file)
