"""Reading one cell of an imported table: counts written the Vietnamese or the English way,
periods, text of a bounded length, and unit codes that lost their leading zeros in Excel."""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from lib.core import periods
from lib.io.problems import CellError

MAX_COUNT = 2**31 - 1  # the observation columns are 32-bit integers
CODE_WIDTHS = {"commune": 5, "district": 3}  # GSO codes, zero-padded

_PLAIN_INT = re.compile(r"^\+?\d+$")
_NUMBER = re.compile(r"^([+-]?)(\d[\d., ]*)$")


def _split_number(body: str) -> tuple[str, str, str]:
    """(integer part, its grouping separator, decimals) of '1.234,5'-style text, Vietnamese or English."""
    marks = [c for c in body if c in ".,"]
    if not marks:
        return body, " ", ""
    if len(set(marks)) == 2:  # both: the last one is the decimal separator
        decimal_mark = marks[-1]
        whole, decimals = body.rsplit(decimal_mark, 1)
        return whole, "," if decimal_mark == "." else ".", decimals
    mark = marks[0]
    if len(marks) > 1:  # the same mark several times: thousands
        return body, mark, ""
    whole, after = body.split(mark)
    if len(after) == 3 and after.isdigit() and 1 <= len(whole.replace(" ", "")) <= 3 and not whole.startswith("0"):
        return body, mark, ""  # 1.234 / 1,234: one thousand two hundred thirty-four
    return whole, " ", after


def _number(text: str) -> Decimal:
    """A number written with thousands grouped by '.', ',' or spaces and a decimal '.' or ','."""
    match = _NUMBER.match(text.replace("\u00a0", " ").replace("\u202f", " "))
    if not match:
        raise CellError("count_not_number", value=text)
    sign, body = match.groups()
    whole, group_mark, decimals = _split_number(body.strip())
    groups = re.split(r"\s+" if group_mark == " " else rf"[{re.escape(group_mark)} ]", whole.strip())
    if len(groups) > 1 and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])):
        raise CellError("count_not_number", value=text)
    digits = "".join(groups)
    if not digits.isdigit() or (decimals and not decimals.isdigit()):
        raise CellError("count_not_number", value=text)
    return Decimal(f"{sign}{digits}.{decimals or '0'}")


def parse_count(text: str) -> int:
    """A count such as '12', '12,00', '1.234' or '1 234'; raises for blanks, negatives, fractions."""
    if text == "":
        raise CellError("empty")
    if _PLAIN_INT.match(text):
        value = Decimal(text)
    else:
        value = _number(text)
        if value < 0:
            raise CellError("count_negative", value=text)
        if value != value.to_integral_value():
            raise CellError("count_fractional", value=text)
    if value > MAX_COUNT:
        raise CellError("count_too_large", value=text)
    return int(value)


def parse_period(text: str, today: date) -> periods.Period:
    if text == "":
        raise CellError("empty")
    try:
        return periods.parse(text, today)
    except periods.PeriodError as exc:
        raise CellError(exc.key, **exc.params) from None


def checked_text(text: str, limit: int) -> str:
    if text == "":
        raise CellError("empty")
    if len(text) > limit:
        raise CellError("too_long", length=len(text), limit=limit)
    return text



def resolve_code(code: str, known) -> str | None:
    """The code itself if known; else, for an all-digit code that lost its leading zeros in Excel,
    the commune (5 digits) or district (3 digits) code it stands for."""
    if code in known:
        return code
    if code.isdigit():
        for width in (CODE_WIDTHS["commune"], CODE_WIDTHS["district"]):
            padded = code.zfill(width)
            if padded != code and padded in known:
                return padded
    return None

