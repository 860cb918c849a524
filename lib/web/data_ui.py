"""Streamlit pieces shared by the pages that keep the data current (entry, upload, reporting,
targets, log, accounts, boundaries): the period picker, the file picker, the overwrite list and table
downloads.

They only draw; the logic is in lib.io.entry, lib.io.importer, lib.core.completeness, lib.store.targets, lib.store.audit
and lib.store.auth (worded by lib.present's targets_view, audit_view and accounts_view).
"""
from __future__ import annotations

import functools
import json
from datetime import date

import pandas as pd
import streamlit as st

from lib.core import clock
from lib.core import periods, settings
from lib.core.errors import Refused
from lib.io import entry, importer, problems, sheets
from lib.present import format as fmt
from lib.present import i18n
from lib.web import cached, widgets
from lib.web.text import md

XLSX_MIME = widgets.XLSX_MIME
OVERWRITE_HEADERS = {"unit": "col_unit", "indicator": "col_code", "indicator_name": "col_indicator",
                     "period": "col_period", "old": "col_old", "new": "col_new", "entered_by": "col_entered_by"}


def max_upload_mb() -> int:
    """The uploaders' size limit (CCHC_MAX_FILE_MB): the browser refuses a larger file before sending it."""
    return settings.limits().max_file_bytes // settings.MB


# Streamlit's file picker writes "Upload" and "20MB per file • CSV, XLSX" in English whatever the
# page's language, and no option changes them: a style sheet hides its words and writes ours.
UPLOADER_CSS = """<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p,
[data-testid="stFileUploaderDropzoneInstructions"] span { font-size: 0 !important; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after { content: %s; font-size: 14px; }
[data-testid="stFileUploaderDropzoneInstructions"] span::after { content: %s; font-size: 14px; }
</style>"""


def file_picker(label: str, types: list[str], key: str, lang: str, max_mb: int | None = None):
    """st.file_uploader of one file of `types` (extensions), at most `max_mb` (default
    max_upload_mb()), its button and its limits worded in the page's language; returns the uploaded
    file or None."""
    max_mb = max_mb or max_upload_mb()
    words = (i18n.t("upload_button", lang),
             i18n.t("upload_limits", lang, mb=max_mb, types=", ".join(t.upper() for t in types)))
    st.html(UPLOADER_CSS % tuple(json.dumps(w, ensure_ascii=False) for w in words))
    return st.file_uploader(label, type=types, key=key, max_upload_size=max_mb)


def period_picker(prefix: str, lang: str, years: list[int], default_year: int, today: date | None = None) -> str:
    """Year, kind of period (year / quarter / month) and which one; returns the period's text
    (`2022`, `2022-Q3`, `2022-07`). Only periods that have begun are offered."""
    today = today or clock.today()
    years = sorted({y for y in years if y <= today.year} | {today.year})
    year_col, kind_col, which_col = st.columns([1, 1.6, 1])
    year = year_col.selectbox(i18n.t("period_year_pick", lang), years, key=f"{prefix}_year",
                              index=years.index(default_year) if default_year in years else len(years) - 1)
    kind = kind_col.radio(i18n.t("period_kind", lang), periods.GRANULARITIES, index=1, horizontal=True,
                          key=f"{prefix}_kind", format_func=lambda g: i18n.t(f"kind_{g}", lang))
    if kind == "Y":
        return periods.compose(year, kind)
    options = periods.choices(year, kind, today)
    default = periods.default_choice(year, kind, today)
    label = (lambda q: i18n.t("period_quarter", lang, q=q)) if kind == "Q" else (lambda m: f"{m:02d}/{year}")
    which = which_col.selectbox(i18n.t(f"kind_{kind}", lang), options, index=options.index(default),
                                format_func=label, key=f"{prefix}_which_{kind}_{year}")
    return periods.compose(year, kind, which)


def overwrite_list(rows: list[tuple], context: cached.Context, lang: str, key: str) -> None:
    """What a save would overwrite: unit, indicator, period, old → new, who entered the old figure."""
    st.warning(i18n.t("overwrite_warning", lang, count=fmt.count(len(rows), lang)), icon=":material/warning:")
    frame = entry.overwrite_frame(rows, context.units, context.catalogue, lang)
    widgets.table(frame, OVERWRITE_HEADERS, lang, key=key)


def download_table(frame: pd.DataFrame, name: str, lang: str, key: str, sample: bool = False,
                   help: str | None = None, sheet: str = "CCHC") -> None:
    """Excel and CSV (UTF-8 with BOM) downloads of a table, built when clicked."""
    widgets.downloads(name, functools.partial(sheets.xlsx_bytes, frame, sheet=sheet, sample=sample),
                      functools.partial(sheets.csv_bytes, frame), lang, key, help=help)


def flash(key: str, message: str | None = None) -> None:
    """Remember a success message across the rerun that follows a write (`message` given), or show
    and forget it (`message` omitted)."""
    if message is not None:
        st.session_state[key] = message
    elif key in st.session_state:
        st.success(st.session_state.pop(key), icon=":material/check_circle:")


def import_checked(run, lang: str, done_key: str, then=None) -> None:
    """Write a previewed file: `run()` imports it and returns its ImportSummary. Refused because the
    data changed since the preview: said, nothing written; else `then()` (forget the file), the
    summary kept for the rerun's flash, and the page run again."""
    try:
        summary = run()
    except problems.ImportRejected as rejected:  # the data changed since the check
        st.error(md(rejected.text(lang)))
    except importer.OverwriteNeedsConfirmation:
        st.warning(i18n.t("changed_meanwhile", lang))
    else:
        if then is not None:
            then()
        flash(done_key, md(summary.text(lang)))
        st.rerun()


def attempt(write, lang: str, done_key: str, message) -> None:
    """Run a write a page offers (`write()`, a lib.store function that checks role and state itself): a
    refusal (lib.core.errors.Refused) is said and nothing changed; else `message` (a text, or a
    function of what `write` returned) is kept for the rerun's flash, and the page run again."""
    try:
        result = write()
    except Refused as error:
        st.error(md(i18n.say(error, lang)), icon=":material/block:")
    else:
        flash(done_key, message(result) if callable(message) else message)
        st.rerun()
