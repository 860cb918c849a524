"""Tải tệp lên: a figures file (CSV/XLSX, as people send them) previewed and checked row by row
with the account's permissions, then imported all or nothing (lib.io.importer); the secretariat's
section for the one-stop portal's statistics (lib.web.portal_ui); and the XLSX template of the
account's units for a chosen period (lib.io.template)."""
import functools

import streamlit as st

from lib.io import entry, importer, problems, template
from lib.present import format as fmt
from lib.present import i18n
from lib.store import auth
from lib.web import cached, data_ui, guard, portal_ui, sidebar, widgets
from lib.web.text import md

account = guard.page_guard(roles=(auth.NOI_VU, auth.DON_VI))

UPLOADS = "upload_generation"  # a new uploader key after an import clears the file
DONE = "upload_done"
CHECKED = "upload_checked"  # (upload id, account, data version) and its preview: read and checked once
PROBLEM_HEADERS = {"row": "col_row", "column": "col_column", "message": "col_message"}
PREVIEW_ROWS = 200

choices = sidebar.choices()
lang = choices.lang
data = cached.data()
context = data.context()
state = st.session_state

st.title(i18n.t("page_upload", lang))
widgets.stamp(context, choices)
data_ui.flash(DONE)
st.markdown(i18n.t("upload_intro", lang))

generation = state.get(UPLOADS, 0)
upload = data_ui.file_picker(i18n.t("upload_pick", lang), ["csv", "xlsx"], f"upload_file_{generation}", lang)


def do_import(content: bytes, filename: str, confirm: bool) -> None:
    data_ui.import_checked(lambda: importer.import_observations(cached.engine(), content, filename, account=account,
                                                                lang=lang, confirm_overwrite=confirm),
                           lang, DONE, then=lambda: state.update({UPLOADS: generation + 1}))


def checked_preview(upload) -> importer.Preview:
    """The upload's preview, read and checked once per upload (and again only after a data change)."""
    key = (upload.file_id, account.username, data.src.version)
    held = state.get(CHECKED)
    if held is None or held[0] != key:
        preview = importer.preview_observations(cached.engine(), upload.getvalue(), upload.name, account=account,
                                                lang=lang)
        held = state[CHECKED] = (key, preview)
    return held[1]


if upload is None:
    state.pop(CHECKED, None)
else:
    content = upload.getvalue()
    preview = checked_preview(upload)
    if not preview.table.empty:
        st.subheader(i18n.t("upload_preview", lang, rows=fmt.count(len(preview.table), lang)))
        st.dataframe(entry.preview_frame(preview.table, PREVIEW_ROWS), hide_index=True, key="upload_preview",
                     column_config={"row": st.column_config.NumberColumn(i18n.t("col_row", lang), width=60)})
        if len(preview.table) > PREVIEW_ROWS:
            st.caption(i18n.t("upload_preview_more", lang, shown=PREVIEW_ROWS))
    if preview.problems:
        st.error(i18n.t("upload_problems", lang, file=md(upload.name), count=fmt.count(len(preview.problems), lang)),
                 icon=":material/error:")
        widgets.table(entry.problem_frame(preview.problems, lang), PROBLEM_HEADERS, lang, key="upload_problem_list",
                 extra_config={"row": st.column_config.TextColumn(i18n.t("col_row", lang), width=70),
                               "column": st.column_config.TextColumn(i18n.t("col_column", lang), width=120)})
    else:
        summary = preview.summary
        st.info(i18n.t("upload_ready", lang, inserted=summary.inserted, updated=summary.updated,
                       unchanged=summary.unchanged), icon=":material/task_alt:")
        if summary.skipped:
            st.caption(problems.message("skipped", lang, count=summary.skipped))
        if summary.padded_codes:
            st.info(md(summary.padded_text(lang)), icon=":material/info:")
        if not summary.changed:
            st.info(i18n.t("upload_nothing", lang))
        elif preview.overwrites:
            data_ui.overwrite_list(preview.overwrites, context, lang, key="upload_overwrites")
            if st.button(i18n.t("upload_import_overwrite", lang), type="primary", key="upload_confirm",
                         icon=":material/done_all:"):
                do_import(content, upload.name, confirm=True)
        elif st.button(i18n.t("upload_import", lang), type="primary", key="upload_import",
                       icon=":material/upload:"):
            do_import(content, upload.name, confirm=False)

portal_ui.section(account, context, choices.year, lang)

st.header(i18n.t("template_title", lang))
st.caption(i18n.t("template_intro", lang))
period = data_ui.period_picker("template", lang, context.years, choices.year)
mine = entry.writable_units(context.units, account)
st.download_button(i18n.t("template_download", lang),
                   functools.partial(template.workbook_for, context.catalogue, mine, period),
                   file_name=f"mau_nhap_so_lieu_{period}.xlsx", mime=data_ui.XLSX_MIME, on_click="ignore",
                   key="upload_template", icon=":material/download:", disabled=mine.empty)
