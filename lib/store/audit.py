"""The audit trail: every change (entry, import, target, user) with who, when, old and new value
(written inside the change's transaction, read back newest first; lib.present.audit_view words it)."""
from __future__ import annotations

import json

import pandas as pd
from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine

from lib.store.models import AuditEntry
from lib.store.upsert import insert_columns

BULK = 1000  # entries from which they are written in bulk
COLUMNS = ("username", "action", "entity", "old_value", "new_value", "source")  # an entry as written

# one encoder for every value (json.dumps with options builds a new one per call: most of the cost
# of auditing a large import)
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=str)


def encode(value) -> str | None:
    """A value as the audit log keeps it: JSON text (keys sorted, letters as they are), None for none."""
    if value is None:
        return None
    return _ENCODER.encode(value)


def entry(username: str, action: str, entity: str, old=None, new=None, source: str = "") -> tuple:
    """An entry as it is written (COLUMNS): the old and the new value as JSON text."""
    return (username, action, entity, encode(old), encode(new), source)


def record_many(conn: Connection, entries: list[dict]) -> None:
    """Write entries ({username, action, entity, old, new, source}) inside the transaction of their
    change (lib.store.transaction.writing), so they exist exactly when the change does."""
    write_entries(conn, [entry(e["username"], e["action"], e["entity"], e.get("old"), e.get("new"),
                               e.get("source", "")) for e in entries])


def write_entries(conn: Connection, entries: list) -> None:
    """Write entries, in order, inside the transaction of their change: each one made by `entry`, or a
    block of many as columns (COLUMNS -> a list of the entries' values, or one value they share)."""
    singles: list[tuple] = []
    for item in entries:
        if not isinstance(item, dict):
            singles.append(item)
            continue
        count = max(len(v) for v in item.values() if isinstance(v, list))
        if count < BULK:
            singles += zip(*(v if isinstance(v, list) else [v] * count for v in (item[c] for c in COLUMNS)))
            continue
        _write_rows(conn, singles)
        singles = []
        insert_columns(conn, AuditEntry.__table__, item)
    _write_rows(conn, singles)


def _write_rows(conn: Connection, rows: list[tuple]) -> None:
    if len(rows) >= BULK:  # a large import: COPY / one prepared INSERT
        insert_columns(conn, AuditEntry.__table__, dict(zip(COLUMNS, map(list, zip(*rows)))))
    elif rows:
        conn.execute(AuditEntry.__table__.insert(), [dict(zip(COLUMNS, row)) for row in rows])


def entries(engine: Engine, limit: int = 5000, username: str | None = None,
            action_prefix: str | None = None, entity_contains: str | None = None) -> pd.DataFrame:
    """The newest entries first, as a frame for the audit page and its download; `entity_contains`
    keeps the entries whose entity (e.g. `00376/3.4/2022-07`) contains that text, in any case."""
    a = AuditEntry
    stmt = select(a.at, a.username, a.action, a.entity, a.old_value, a.new_value, a.source).order_by(a.id.desc())
    if username:
        stmt = stmt.where(a.username == username)
    if action_prefix:
        stmt = stmt.where(a.action.startswith(action_prefix))
    if entity_contains and entity_contains.strip():
        stmt = stmt.where(a.entity.icontains(entity_contains.strip(), autoescape=True))
    with engine.connect() as conn:
        rows = conn.execute(stmt.limit(limit)).all()
    return pd.DataFrame(rows, columns=["at", "username", "action", "entity", "old_value", "new_value", "source"])


def usernames(engine: Engine) -> list[str]:
    """Everyone who has an entry, for the page's filter."""
    a = AuditEntry
    with engine.connect() as conn:
        return list(conn.execute(select(a.username).distinct().order_by(a.username)).scalars())

