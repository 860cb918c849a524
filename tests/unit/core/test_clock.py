"""One clock (lib.core.clock): times stored as UTC, on SQLite and PostgreSQL, and shown in
Vietnam's time by the one formatter (lib.present.format) on every page, file and message."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from sqlalchemy import inspect

from lib.core import clock
from lib.present import audit_view
from lib.present import format as fmt
from lib.store import audit
from lib.store.models import AuditEntry

UTC = timezone.utc


def test_a_change_made_at_07_46_in_vietnam_reads_07_46(engine):
    """The audit page showed 00:46 for a change made at 07:46 local: the stored UTC time was
    printed as it was."""
    with engine.begin() as conn:
        conn.execute(AuditEntry.__table__.insert().values(
            at=datetime(2026, 12, 1, 0, 46, tzinfo=UTC), username="noivu", action="target.set",
            entity="3.4/2026/commune", old_value=None, new_value='{"op": ">", "value": "98"}', source=""))
    entries = audit.entries(engine)
    assert entries["at"].iloc[0] == datetime(2026, 12, 1, 0, 46, tzinfo=UTC)  # stored and read as UTC
    assert audit_view.readable_frame(entries)["at"].iloc[0] == "07:46 01/12/2026"


def test_times_are_stored_as_their_utc_instant(engine):
    taken_in_hanoi = datetime(2026, 12, 1, 7, 46, tzinfo=timezone(timedelta(hours=7)))
    with engine.begin() as conn:
        conn.execute(AuditEntry.__table__.insert().values(
            at=taken_in_hanoi, username="a", action="x", entity="e", old_value=None, new_value=None, source=""))
        conn.execute(AuditEntry.__table__.insert().values(
            username="a", action="y", entity="e", old_value=None, new_value=None, source=""))  # the server's clock
    entries = audit.entries(engine).sort_values("action")
    stored, by_server = entries["at"].tolist()
    assert stored == datetime(2026, 12, 1, 0, 46, tzinfo=UTC) and stored.tzinfo == UTC
    assert abs(by_server - clock.now()) < timedelta(minutes=5)  # the database's default is UTC too


def test_postgresql_keeps_times_with_their_zone(engine):
    columns = {c["name"]: c["type"] for c in inspect(engine).get_columns("audit_log")}
    if engine.dialect.name == "postgresql":
        assert columns["at"].timezone is True


def test_the_formatter_shows_vietnams_time():
    at = datetime(2026, 11, 30, 17, 30, tzinfo=UTC)
    assert fmt.time_text(at) == "00:30"
    assert fmt.datetime_text(at) == "00:30 01/12/2026"
    assert fmt.datetime_text(at.replace(tzinfo=None)) == "00:30 01/12/2026"  # naive stored times are UTC
    assert fmt.datetime_text("2026-11-30T17:30:00+00:00") == "00:30 01/12/2026"
    assert fmt.datetime_text(None) == "" and fmt.time_text(float("nan")) == ""


def test_today_is_vietnams_date(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 11, 30, 17, 30, tzinfo=UTC))
    assert clock.today() == date(2026, 12, 1)  # already December in Hà Nội
