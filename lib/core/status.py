"""The one place where each status has its label, symbol and colour, and where the app's other
colours that must not read as a status live (the accent, the quiet look of a zero count).

Scoring returns only the stable codes below; everything that draws looks them up here. Every fill
and its text colour pass WCAG AA (contrast at least 4.5:1, tests/unit/core/test_status.py).
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
    MET: Status(MET, "Đạt", "Met", "✔", "#1a7f40", "#ffffff"),
    CLOSE: Status(CLOSE, "Gần đạt", "Close", "◐", "#f3b12e", "#000000"),
    NOT_MET: Status(NOT_MET, "Chưa đạt", "Not met", "✖", "#d73027", "#ffffff"),
    NO_DATA: Status(NO_DATA, "Chưa có số liệu", "No data", "?", "#6b6b6b", "#ffffff"),
    NOT_APPLICABLE: Status(NOT_APPLICABLE, "Không áp dụng", "Not applicable", "–", "#f2f2f2", "#000000"),
}

# A count of zero says nothing is wrong: drawn quietly (grey text in a grey outline, no fill),
# never in its status's colour, so red shows only where something fails.
QUIET_TEXT = "#595959"
QUIET_BORDER = "#a6a6a6"
# The app's accent (buttons, active tabs, progress bars: .streamlit/config.toml's primaryColor):
# a calm blue that is no status's colour, so a Save button or a 98% bar never reads as "not met".
ACCENT = "#1f5fa8"


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
