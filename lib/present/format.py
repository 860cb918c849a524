"""The one formatter: numbers, percentages, targets, periods and times as people read them, in both
languages, and in the export's form (CONTRACT.md). Everything else writes a number, a target or a
period through here.

A target is data (lib.core.scoring.Target, lib.core.catalogue.TargetRule: an operator and a value in
percent, and for a whole judged level by level the level each part is set for); the words for it
are made only here.
"""
from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal, localcontext

import pandas as pd

from lib.core import clock
from lib.core.catalogue import number_text  # a target's number in the export's form (20, 97.5)
from lib.core.trends import Point
from lib.present import i18n

# --- numbers -----------------------------------------------------------------------------------


def count(n, lang: str = "vi") -> str:
    """A count with the thousands separator of the language: 1.234 (vi), 1,234 (en)."""
    text = f"{int(n):,}"
    return text.replace(",", ".") if lang != "en" else text


def count_format(lang: str = "vi") -> str:
    """The printf format under which Streamlit's tables (a NumberColumn's `format`) show a count as
    `count` writes it: 1.763 (vi), 1,763 (en). Streamlit's printf (1.67) groups thousands with the `,`
    flag and takes the separator from a `'X` padding flag; its other named formats ("localized")
    follow the browser's locale, not the interface's language. A decimal comma cannot be asked for
    (its `%f` always writes a dot), so the editors show counts only."""
    return "%,d" if lang == "en" else "%'.,d"


def decimal(text: str, lang: str = "vi") -> str:
    """A decimal written with a dot (`98.04`) in the language's form: `98,04` in Vietnamese."""
    return text.replace(".", ",") if lang != "en" else text


def number(value, lang: str = "vi", decimals: int = 2) -> str:
    """A number with `decimals` decimals (half up) and the thousands separator of the language:
    `1.234,50` (vi), `1,234.50` (en); '' for none."""
    if _missing(value):
        return ""
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{decimals}f}"
    return text.translate(str.maketrans(",.", ".,")) if lang != "en" else text


# --- percentages -------------------------------------------------------------------------------


def percent_text(numerator, denominator) -> str:
    """100 x numerator / denominator with two decimals, half up, computed exactly, with a dot: the
    export's `Giá trị (%)` (empty without a denominator)."""
    if pd.isna(numerator) or pd.isna(denominator) or int(denominator) == 0:
        return ""
    with localcontext() as ctx:
        ctx.prec = 50
        value = Decimal(100 * int(numerator)) / Decimal(int(denominator))
    return str(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def percent(numerator, denominator, lang: str = "vi") -> str:
    """`percent_text` in the language's number form: `98,04` (vi), `98.04` (en)."""
    return decimal(percent_text(numerator, denominator), lang)


# --- targets -----------------------------------------------------------------------------------

# The level a part of a per-level target is set for, (export and Vietnamese, English).
LEVEL_WORDS = {"district": ("cấp huyện", "district"), "agency": ("cơ quan", "agencies"),
               "commune": ("xã", "communes"), "psu": ("ĐVSN", "service units")}
OPERATOR_SIGNS = {">=": "≥", "<=": "≤", ">": ">", "<": "<"}


def _parts(target) -> tuple:
    """A target's parts: one rule (a TargetRule or a Target), or a tuple of Targets."""
    return target if isinstance(target, tuple) else (target,)


def _level(part, lang: str) -> str:
    level = getattr(part, "level", "")
    return f" {LEVEL_WORDS[level][lang == 'en']}" if level else ""


def target_export(target) -> str:
    """The target as the export's `Chỉ tiêu giao` writes it: `>98`, `>=20`, `>=40 cơ quan; >=30 xã`."""
    return "; ".join(f"{p.op}{number_text(p.value)}{_level(p, 'vi')}" for p in _parts(target))


def target_text(target, lang: str = "vi") -> str:
    """The target for reading: `>98%`, `≥20%`, `>98,5%` (vi) or `>98.5%` (en), `≥40% cơ quan; ≥30% xã`
    (vi) or `≥40% agencies; ≥30% communes` (en)."""
    return "; ".join(f"{OPERATOR_SIGNS[p.op]}{decimal(number_text(p.value), lang)}%{_level(p, lang)}"
                     for p in _parts(target))


def bound(op: str, value, lang: str = "vi") -> str:
    """A bound in percent with one decimal (half up), the operator as a sign: `≥91,7%` (vi),
    `≥91.7%` (en): a pace or a close band's edge (lib.core.scoring.pace, close_limit)."""
    number = Decimal(value.numerator) / Decimal(value.denominator) if hasattr(value, "numerator") else Decimal(str(value))
    text = str(number.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    text = text[:-2] if text.endswith(".0") else text
    return f"{OPERATOR_SIGNS[op]}{decimal(text, lang)}%"


# --- periods -----------------------------------------------------------------------------------

def period_words(month: int, year: int, granularity: str, lang: str = "vi") -> str:
    """The reporting period that ends with `month`, in words: `tháng 06/2026`, `quý 2/2026`, `năm 2026`."""
    if granularity == "Y" and month == 12:
        return i18n.t("reported_year", lang, year=year)
    if granularity == "Q" and month % 3 == 0:
        return i18n.t("reported_quarter", lang, q=month // 3, year=year)
    return i18n.t("reported_month", lang, month=month, year=year)


def point_label(point: Point, lang: str = "vi") -> str:
    """A trend's point (lib.core.trends.Point) on its axis: `T8`, `Quý 3`, `Quý 3 (đến T8)`, `2025`,
    `2026 (đến T7)`."""
    if point.grain == "month":
        return i18n.t("period_month", lang, month=point.month)
    if point.grain == "quarter":
        q = (point.month + 2) // 3
        if point.month % 3:
            return i18n.t("period_quarter_partial", lang, q=q, month=point.month)
        return i18n.t("period_quarter", lang, q=q)
    if point.month < 12:
        return i18n.t("period_year_partial", lang, year=point.year, month=point.month)
    return i18n.t("period_year", lang, year=point.year)


# --- times -------------------------------------------------------------------------------------
# Stored in UTC (lib.core.clock), always shown in Vietnam's time, hours first as Vietnamese writes.

def date_text(value) -> str:
    """'01/12/2026': a calendar date (a deadline, an inspection's day: already a date in Vietnam), day
    first as Vietnamese writes it ('' for none)."""
    return "" if _missing(value) else pd.Timestamp(value).strftime("%d/%m/%Y")


def time_text(value) -> str:
    """'07:46': the hour and minute in Vietnam of a stored time ('' for none)."""
    return "" if _missing(value) else clock.local(_datetime(value)).strftime("%H:%M")


def datetime_text(value) -> str:
    """'07:46 01/12/2026': a stored time in Vietnam, to the minute ('' for none)."""
    return "" if _missing(value) else clock.local(_datetime(value)).strftime("%H:%M %d/%m/%Y")


def _missing(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def _datetime(value):
    """A datetime from what the database or pandas hands back (datetime, Timestamp, ISO text)."""
    if isinstance(value, str):
        return datetime.fromisoformat(value)
    return pd.Timestamp(value).to_pydatetime()
