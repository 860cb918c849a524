"""The one way to write: `writing(engine, actor)` opens the transaction; when it commits, the data
version has moved (so cached pages read again) and every change is in the audit trail. `retrying`
runs a write again when PostgreSQL rolled it back (deadlock, serialization failure); `checking`
runs a check that writes nothing."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from sqlalchemy import Engine
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from lib.store import audit, db

WRITE_ATTEMPTS = 3  # a transaction PostgreSQL rolled back (deadlock, serialization failure) is run again


class Write:
    """A write in progress: its connection, who makes it, the audit entries of its changes and
    whether it changed what pages show."""

    def __init__(self, conn: Connection, actor: str):
        self.conn, self.actor = conn, actor
        self.entries: list = []  # audit entries in order, as lib.store.audit.write_entries takes them
        self.changed = False

    def audit(self, action: str, entity: str, old=None, new=None, source: str = "", username: str | None = None):
        """Note a change for the audit trail (written when the transaction commits), by the actor
        unless `username` says who."""
        self.entries.append(audit.entry(username or self.actor, action, entity, old, new, source))
        self.changed = True

    def audit_entries(self, block: dict) -> None:
        """Note many changes at once: their entries as columns (lib.store.audit.COLUMNS -> a list of
        the entries' values, or one value they share)."""
        if any(isinstance(v, list) and v for v in block.values()):
            self.entries.append(block)
            self.changed = True

    def data_changed(self) -> None:
        """Note a change that has no audit entry of its own (units): the data version moves all the same."""
        self.changed = True


@contextmanager
def writing(engine: Engine, actor: str, versioned: bool = True) -> Iterator[Write]:
    """A transaction that, on success, bumps the data version when anything changed and writes the
    audit entries noted; on an exception nothing is written. `versioned=False` for accounts and
    sign-ins, which no cached page reads: their changes are audited and leave the version alone.

    On PostgreSQL it runs at READ COMMITTED whatever the server's default (which may say repeatable
    read or serializable): the per-unit locks of an import serialise the writers of a unit, and each
    statement after the lock must see what the previous writer committed."""
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execution_options(isolation_level="READ COMMITTED")
        with conn.begin():
            write = Write(conn, actor)
            yield write
            if write.changed and versioned:
                db.bump_data_version(conn)
            audit.write_entries(conn, write.entries)


@contextmanager
def checking(engine: Engine) -> Iterator[Connection]:
    """A transaction to check a file in as if to write it (its locks taken), whatever it did rolled
    back: the preview of an import."""
    with engine.connect() as conn:
        try:
            yield conn
        finally:
            conn.rollback()


def _rolled_back_by_server(error: DBAPIError) -> bool:
    """PostgreSQL's class 40 (transaction rollback): a deadlock or a serialization failure, after
    which the same transaction can simply be run again."""
    return str(getattr(error.orig, "sqlstate", "") or "").startswith("40")


def retrying(write):
    """`write()`, run again (up to WRITE_ATTEMPTS times) if the server rolled it back; nothing of a
    rolled-back attempt was written."""
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            return write()
        except DBAPIError as error:
            if attempt == WRITE_ATTEMPTS or not _rolled_back_by_server(error):
                raise
