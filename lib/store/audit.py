"""The audit trail: every change (entry, import, target, user) with who, when, old and new value
(written inside the change's transaction, read back newest first; lib.present.audit_view words it)."""
from __future__ import annotations

import json

import pandas as pd
from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine

from lib.store.models import AuditEntry
from lib.store.upsert import insert_many

BULK = 1000  # entries from which record_many writes in bulk

# one encoder for every value (json.dumps with options builds a new one per call: most of the cost
# of auditing a large import)
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=str)


def _json(value) -> str | None:
    if value is None:
        return None
    return _ENCODER.encode(value)


def record_many(conn: Connection, entries: list[dict]) -> None:
    """Write entries ({username, action, entity, old, new, source}) inside the transaction of their
    change (lib.store.transaction.writing), so they exist exactly when the change does."""
    if not entries:
        return
    rows = [{"username": e["username"], "action": e["action"], "entity": e["entity"],
             "old_value": _json(e.get("old")), "new_value": _json(e.get("new")), "source": e.get("source", "")}
            for e in entries]
    if len(rows) >= BULK:
        insert_many(conn, AuditEntry.__table__, rows)  # a large import: COPY / one prepared INSERT
    else:
        conn.execute(AuditEntry.__table__.insert(), rows)


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

