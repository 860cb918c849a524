"""Evidence and provenance on the pages. `provenance` draws, under a table of units' figures (the
area pages, the commune page), a closed expander with each figure's provenance (how it arrived, who
entered it and when, its state, its evidence count) and a download for each evidence document the
reader may read; `attach` is the page Gửi và thẩm định's evidence of a unit and period (list,
download, delete, attach), `fixes` the documents of the inspection register's fixes (download,
attach), `required` the secretariat's indicators that need evidence. Every
refusal is the store's (lib.store.evidence), whatever is offered here; a document is only ever
downloaded, under its safe name and checked MIME type, never shown."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.core import settings
from lib.core.applies import applies
from lib.core.evidence_files import KINDS
from lib.core.roles import DON_VI, NOI_VU
from lib.present import i18n
from lib.present import provenance as words
from lib.store import evidence
from lib.store import provenance as reads
from lib.web import cached, data_ui, guard, widgets
from lib.web.text import md

# the provenance table's column widths in pixels: with the unit or the indicator, it fits the 750
# pixels an expander has on a 1280-pixel screen (a longer file name is cut, whole on hover)
WIDTHS = {"unit": 145, "indicator": 55, "period": 70, "arrival": 110, "updated_by": 125, "updated_at_text": 115,
          "state_text": 130, "documents": 55}
UPLOAD_TYPES = sorted({ending.lstrip(".") for endings, _ in KINDS.values() for ending in endings})
DONE = "evidence_done"
FIX_DONE = "fix_evidence_done"


@st.cache_resource(max_entries=256, ttl=cached.TTL, show_spinner=False)
def _provenance(src: cached.Source, unit_codes: tuple[str, ...] | None, indicators: tuple[str, ...], year: int,
                month: int, lang: str) -> tuple[pd.DataFrame, list[dict]]:
    """The provenance table for reading (lib.present.provenance.frame) and the evidence documents, of
    `unit_codes` (None: every unit of the scope); kept as they are (never changed by the caller),
    keyed on the data version."""
    units = cached.units_of(src, unit_codes)
    with cached.engine().connect() as conn:
        ids = [int(i) for i in units["id"]]
        figures = reads.figures(conn, ids, list(indicators), year, month)
        documents = reads.documents(conn, ids, list(indicators), year, month)
    return words.frame(figures, lang), documents.to_dict("records")


def _download(document: dict, account, label: str, key: str) -> None:
    """A document's download button labelled `label` (shown as text); its bytes are read (and the
    reader checked again) on the click."""
    engine, evidence_id = cached.engine(), int(document["id"])
    st.download_button(md(label),
                       data=lambda: evidence.document(engine, account, evidence_id).content,
                       file_name=document["file_name"], mime=document["mime"], key=key, on_click="ignore",
                       icon=":material/attach_file:")


def provenance(data: cached.Data, choices, indicators: list[str], key: str, unit_codes: list[str] | None = None,
               hide: tuple[str, ...] = ()) -> None:
    """The provenance of the figures of `indicators` (of `unit_codes`, else every unit shown) in
    the sidebar's year up to its month, in a closed expander read only once opened (a province's
    figures are many); `hide` names columns not to repeat."""
    lang = choices.lang
    box = st.expander(i18n.t("prov_title", lang), icon=":material/history:", key=f"{key}_open", on_change="rerun")
    if not box.open:
        return
    shown, documents = _provenance(data.src, None if unit_codes is None else tuple(unit_codes), tuple(indicators),
                                   choices.year, choices.month, lang)
    with box:
        if shown.empty:
            st.caption(i18n.t("prov_none", lang))
            return
        st.caption(words.intro(len(shown), lang))
        columns = {name: header for name, header in words.COLUMNS.items() if name not in hide}
        widgets.table(shown, columns, lang, key=key, height=min(36 + 35 * len(shown), 400), widths=WIDTHS)
        account = guard.current_account()
        readable = [d for d in documents if evidence.may_read(account, int(d["unit_id"]))]
        if readable:
            st.markdown(f"**{i18n.t('prov_documents', lang)}**")
            for document in readable:
                _download(document, account, words.document_label(document, lang), key=f"{key}_doc_{document['id']}")


def attach(engine, account, unit: pd.Series, period: str, catalogue, lang: str) -> None:
    """The unit's (a row of the units frame) evidence documents of the period: each downloadable and
    deletable, and a new one attached to one of the indicators that apply to the unit."""
    unit_id = int(unit["id"])
    st.header(i18n.t("evidence_title", lang))
    data_ui.flash(DONE)
    st.caption(i18n.t("evidence_intro", lang))
    needed = evidence.required_list(engine)
    listed = evidence.listing(engine, account, unit_id, [period])
    if listed.empty:
        st.caption(i18n.t("evidence_none", lang))
    for document in listed.to_dict("records"):
        left, right = st.columns([5, 1], vertical_alignment="center")
        with left:
            _download(document, account, words.document_label(document, lang), key=f"evidence_get_{document['id']}")
        if right.button(i18n.t("evidence_delete", lang), key=f"evidence_delete_{document['id']}",
                        icon=":material/delete:"):
            data_ui.attempt(lambda: evidence.delete_document(engine, account, int(document["id"])), lang, DONE,
                            i18n.t("evidence_deleted", lang, file=md(document["file_name"])))

    codes = [ind.code for ind in catalogue.indicators if applies(ind, unit)]
    names = {ind.code: ind.name(lang) for ind in catalogue.indicators}
    indicator = st.selectbox(i18n.t("evidence_indicator", lang), codes, key="evidence_indicator",
                             format_func=lambda c: f"{c} · {names[c]}" + (" *" if c in needed else ""))
    st.caption(i18n.t("evidence_types", lang, mb=settings.max_evidence_bytes() // settings.MB))
    upload = data_ui.file_picker(i18n.t("evidence_pick", lang), UPLOAD_TYPES, key="evidence_file", lang=lang,
                                 max_mb=settings.max_evidence_bytes() // settings.MB)
    if st.button(i18n.t("evidence_attach", lang), key="evidence_attach", icon=":material/attach_file:",
                 disabled=upload is None):
        data_ui.attempt(lambda: evidence.add(engine, account, unit_id, indicator, period, upload.name,
                                             upload.getvalue()),
                        lang, DONE, i18n.t("evidence_attached", lang, file=md(upload.name), indicator=indicator))


def fixes(engine, account, issues: pd.DataFrame, lang: str) -> None:
    """Under a commune's inspection register (lib.store.inspections.issues): the documents of its
    fixes, each downloadable by whoever may read them, and, for whoever may record a fix (the
    commune's officer, the secretariat), a new one attached to a fixed issue."""
    fixed = issues[issues["fixed"].notna()] if not issues.empty else issues
    if fixed.empty:
        return
    st.header(i18n.t("fix_evidence_title", lang))
    data_ui.flash(FIX_DONE)
    whats = dict(zip(fixed["issue_id"].astype(int), fixed["what"]))
    documents = evidence.fix_documents(engine, account, list(whats))
    if documents.empty:
        st.caption(i18n.t("fix_evidence_none", lang))
    for document in documents.to_dict("records"):
        _download(document, account, words.fix_document_label(document, whats[int(document["issue_id"])], lang),
                  key=f"fix_evidence_get_{document['id']}")
    if account is None or account.role not in (NOI_VU, DON_VI):
        return
    issue = st.selectbox(i18n.t("col_issue", lang), list(whats), key="fix_evidence_issue", format_func=whats.get)
    st.caption(i18n.t("evidence_types", lang, mb=settings.max_evidence_bytes() // settings.MB))
    upload = data_ui.file_picker(i18n.t("evidence_pick", lang), UPLOAD_TYPES, key="fix_evidence_file", lang=lang,
                                 max_mb=settings.max_evidence_bytes() // settings.MB)
    if st.button(i18n.t("evidence_attach", lang), key="fix_evidence_attach", icon=":material/attach_file:",
                 disabled=upload is None):
        data_ui.attempt(lambda: evidence.add_to_fix(engine, account, issue, upload.name, upload.getvalue()), lang,
                        FIX_DONE, i18n.t("fix_evidence_attached", lang, file=md(upload.name), what=md(whats[issue])))


def required(engine, account, catalogue, lang: str) -> None:
    """The secretariat chooses the indicators that need evidence before they can be submitted."""
    st.header(i18n.t("evidence_required_title", lang))
    needed = evidence.required_list(engine)
    codes = [ind.code for ind in catalogue.indicators]
    picked = st.multiselect(i18n.t("evidence_required_pick", lang), codes, default=[c for c in needed if c in codes],
                            key="evidence_required", placeholder=i18n.t("pick_indicators", lang))
    if st.button(i18n.t("evidence_required_save", lang), key="evidence_required_save", icon=":material/save:"):
        data_ui.attempt(lambda: evidence.set_required(engine, account, picked), lang, DONE,
                        i18n.t("evidence_required_saved", lang, codes=", ".join(picked) or "—"))
