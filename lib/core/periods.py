"""Reporting periods: a year, a quarter or a month, and the year-to-date range they fall in."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from lib.core import clock
from lib.core.errors import Refused

FIRST_YEAR = 2000


@dataclass(frozen=True)
class Period:
    year: int
    granularity: str  # Y, Q or M
    month_from: int
    month_to: int

    @property
    def text(self) -> str:
        if self.granularity == "Y":
            return str(self.year)
        if self.granularity == "Q":
            return f"{self.year}-Q{self.month_to // 3}"
        return f"{self.year}-{self.month_to:02d}"

    def columns(self) -> dict:
        """The period's columns of a stored figure (lib.store.models.Observation)."""
        return {"period": self.text, "granularity": self.granularity, "year": self.year,
                "month_from": self.month_from, "month_to": self.month_to}


class PeriodError(Refused):
    """The text is not a period, or the period cannot exist (month 13, a future month...): the key
    is period_<why> (format, year, quarter, month, future), said as an import problem."""
    topic = "import"


_PATTERNS = [
    (re.compile(r"^(\d{4})$"), lambda m: ("Y", int(m[1]), 0)),
    (re.compile(r"^(\d{4})-?[Qq](\d)$"), lambda m: ("Q", int(m[1]), int(m[2]))),
    (re.compile(r"^[Qq](\d)[/-](\d{4})$"), lambda m: ("Q", int(m[2]), int(m[1]))),
    (re.compile(r"^(\d{4})-(\d{1,2})$"), lambda m: ("M", int(m[1]), int(m[2]))),
    (re.compile(r"^(\d{1,2})[/.-](\d{4})$"), lambda m: ("M", int(m[2]), int(m[1]))),
    # a date standing for its month: 31/07/2022 (dd/mm/yyyy) or 2022-07-31 (ISO, as Excel gives it)
    (re.compile(r"^\d{1,2}[/.](\d{1,2})[/.](\d{4})$"), lambda m: ("M", int(m[2]), int(m[1]))),
    (re.compile(r"^(\d{4})-(\d{2})-\d{2}(?:[ T]00:00(?::00)?)?$"), lambda m: ("M", int(m[1]), int(m[2]))),
]


def parse(text: str, today: date | None = None) -> Period:
    """Parse `2022`, `2022-Q3` or `2022-07` (and the usual spreadsheet spellings of them)."""
    raw = str(text).strip()
    for pattern, build in _PATTERNS:
        match = pattern.match(raw)
        if match:
            granularity, year, n = build(match)
            break
    else:
        raise PeriodError("period_format", value=text)
    today = today or clock.today()
    if not FIRST_YEAR <= year <= today.year:
        raise PeriodError("period_year", value=text, first=FIRST_YEAR, last=today.year)
    if granularity == "Y":
        period = Period(year, "Y", 1, 12)
    elif granularity == "Q":
        if not 1 <= n <= 4:
            raise PeriodError("period_quarter", value=text)
        period = Period(year, "Q", 3 * n - 2, 3 * n)
    else:
        if not 1 <= n <= 12:
            raise PeriodError("period_month", value=text)
        period = Period(year, "M", n, n)
    if (period.year, period.month_from) > (today.year, today.month):
        raise PeriodError("period_future", value=text)
    return period


def span_text(year: int, as_of_month: int) -> str:
    """What the export's `Kỳ` column says for year-to-date figures: `2022` or `2022-01..2022-06`."""
    if as_of_month == 12:
        return str(year)
    return f"{year}-01..{year}-{as_of_month:02d}"


def last_full_month(today: date | None = None) -> tuple[int, int]:
    today = today or clock.today()
    if today.month == 1:
        return today.year - 1, 12
    return today.year, today.month - 1


GRANULARITIES = ("Y", "Q", "M")


def compose(year: int, granularity: str, n: int | None = None) -> str:
    """The text of a period from its parts: compose(2022, 'Q', 3) == '2022-Q3'."""
    if granularity == "Y":
        return str(year)
    if granularity == "Q":
        return f"{year}-Q{n}"
    if granularity == "M":
        return f"{year}-{n:02d}"
    raise PeriodError("period_format", value=granularity)


def choices(year: int, granularity: str, today: date | None = None) -> list[int]:
    """The quarters or months of `year` that have begun by `today` (what `parse` accepts); [] for a year."""
    today = today or clock.today()
    if granularity == "Y":
        return []
    size, count = (3, 4) if granularity == "Q" else (1, 12)
    return [n for n in range(1, count + 1) if (year, size * (n - 1) + 1) <= (today.year, today.month)]


def default_choice(year: int, granularity: str, today: date | None = None) -> int | None:
    """The last quarter or month of `year` that has ended by `today` (the one usually being reported),
    else the first that has begun; None for a year."""
    today = today or clock.today()
    options = choices(year, granularity, today)
    if not options:
        return None
    size = 3 if granularity == "Q" else 1
    ended = [n for n in options if (year, size * n) < (today.year, today.month)]
    return ended[-1] if ended else options[0]
