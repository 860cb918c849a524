"""Provenance in words, beside a unit's figures on the area and commune pages: how each figure
arrived (typed in the entry form, the sample data, or which file), who entered it and when (in
Vietnam's time), its workflow state and its evidence documents (lib.store.provenance reads them)."""
from __future__ import annotations

import pandas as pd

from lib.core import provenance
from lib.present import format as fmt
from lib.present import i18n, workflow_view

# the table's columns (name -> header key); the unit first, the evidence count last (the figures
# themselves are in the table above it)
COLUMNS = {"unit": "col_unit", "indicator": "col_code", "period": "col_period", "arrival": "col_arrival",
           "updated_by": "col_updated_by", "updated_at_text": "col_updated_at", "state_text": "col_state",
           "documents": "col_documents"}


def arrival_text(source: str | None, lang: str = "vi") -> str:
    """`Nhập trên biểu mẫu`, `Dữ liệu mẫu` or `Tệp so-lieu-thang-5.xlsx`."""
    how = provenance.arrival(source)
    if how == provenance.ENTRY:
        return i18n.t("prov_entry", lang)
    if how == provenance.SAMPLE:
        return i18n.t("prov_sample", lang)
    return i18n.t("import.where_file", lang, file=source or "")


def _worded(values: pd.Series, word) -> list[str]:
    """`word` of each value, worded once per distinct value (a province's 30,000 figures share a few
    sources, states and import times)."""
    values = values.astype(object)
    words = {value: word(value) for value in dict.fromkeys(values)}
    return [words[value] for value in values]


def frame(figures: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """lib.store.provenance.figures for reading (COLUMNS)."""
    return pd.DataFrame({
        "unit": figures["unit_name"],
        "indicator": figures["indicator"],
        "period": figures["period"],
        "arrival": _worded(figures["source"], lambda s: arrival_text(s, lang)),
        "updated_by": figures["updated_by_name"].where(figures["updated_by_name"].notna(),
                                                       figures["updated_by"]).fillna(""),
        "updated_at_text": _worded(figures["updated_at"], fmt.datetime_text),
        "state_text": _worded(figures["state"], lambda s: workflow_view.state_name(s, lang)),
        "documents": [int(n) for n in figures["documents"]],
    }, columns=list(COLUMNS))


def intro(count: int, lang: str = "vi") -> str:
    """The line above the table: `12 số liệu của năm đến tháng đang xem: ...`."""
    return i18n.t("prov_intro", lang, count=fmt.count(count, lang))


def _kilobytes(document: dict, lang: str) -> str:
    """A document's size in whole KB (at least 1), as the interface writes counts."""
    return fmt.count(max(1, round(int(document["size"]) / 1024)), lang)


def document_label(document: dict, lang: str = "vi") -> str:
    """A document's download label: `Xã Bắc Sơn · 3.4 · 2026-05 · qd-5.pdf (120 KB)`, without the
    unit when the document has no `unit_name` (a page of one unit)."""
    label = i18n.t("prov_document", lang, indicator=document["indicator"], period=document["period"],
                   file=document["file_name"], size=_kilobytes(document, lang))
    unit = document.get("unit_name")
    return f"{unit} · {label}" if unit else label


def fix_document_label(document: dict, what: str, lang: str = "vi") -> str:
    """The download label of a document of a fix of the issue `what` (the inspection register):
    `Chưa niêm yết đủ thủ tục · anh.pdf (120 KB)`."""
    return i18n.t("fix_document", lang, what=what, file=document["file_name"], size=_kilobytes(document, lang))
