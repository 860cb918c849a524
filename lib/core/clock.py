"""The one clock: times are taken and stored as timezone-aware UTC, and read in Vietnam's time
(Asia/Ho_Chi_Minh), where the offices are: "today" and every time shown on a page, in a file or on
the command line. A naive time read back from the database is UTC (SQLite keeps no offset)."""
from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")  # the tzdata package carries it where the system has none


def now() -> datetime:
    """This instant, in UTC."""
    return datetime.now(timezone.utc)


def utc(value: datetime) -> datetime:
    """`value` in UTC, aware; a naive value is taken as UTC (how times are stored)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


def local(value: datetime) -> datetime:
    """`value` in Vietnam's time."""
    return utc(value).astimezone(LOCAL)


def today() -> date:
    """Today's date in Vietnam (at 00:30 on the 1st it is already the new month there)."""
    return local(now()).date()
