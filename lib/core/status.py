"""The one place where each status has its label, symbol and colour.

Scoring returns only the stable codes below; everything that draws looks them up here.
"""
from __future__ import annotations

from dataclasses import dataclass

MET = "met"
CLOSE = "close"
NOT_MET = "not_met"
NO_DATA = "no_data"
NOT_APPLICABLE = "not_applicable"

CODES = (MET, CLOSE, NOT_MET, NO_DATA, NOT_APPLICABLE)


@dataclass(frozen=True)
class Status:
    code: str
    label_vi: str
    label_en: str
    symbol: str
    colour: str  # fill
    text_colour: str  # readable text on the fill

    def label(self, lang: str = "vi") -> str:
        return self.label_en if lang == "en" else self.label_vi

    def badge(self, lang: str = "vi") -> str:
        return f"{self.symbol} {self.label(lang)}"


STATUSES = {
    MET: Status(MET, "Đạt", "Met", "✔", "#1a9850", "#ffffff"),
    CLOSE: Status(CLOSE, "Gần đạt", "Close", "◐", "#f0a30a", "#000000"),
    NOT_MET: Status(NOT_MET, "Chưa đạt", "Not met", "✖", "#d73027", "#ffffff"),
    NO_DATA: Status(NO_DATA, "Chưa có số liệu", "No data", "?", "#8c8c8c", "#ffffff"),
    NOT_APPLICABLE: Status(NOT_APPLICABLE, "Không áp dụng", "Not applicable", "–", "#f2f2f2", "#000000"),
}


def get(code: str) -> Status:
    return STATUSES[code]


def label(code: str, lang: str = "vi") -> str:
    return STATUSES[code].label(lang)


def badge(code: str, lang: str = "vi") -> str:
    return STATUSES[code].badge(lang)


def from_label_vi(text: str) -> str:
    """The code for a Vietnamese label as written in the export (for round trips)."""
    for status in STATUSES.values():
        if status.label_vi == text:
            return status.code
    raise KeyError(text)


# How bad a status is when several are combined into one (per-level targets): worst first.
SEVERITY = (NOT_MET, CLOSE, NO_DATA, MET, NOT_APPLICABLE)


def worst(codes) -> str:
    """The worst of several statuses; not applicable counts only when everything is."""
    codes = set(codes)
    for code in SEVERITY:
        if code in codes:
            return code
    return NOT_APPLICABLE
