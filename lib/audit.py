"""The audit trail: every change (entry, import, target, user) with who, when, old and new value."""
from __future__ import annotations

import json

import pandas as pd
from sqlalchemy import select
from sqlalchemy.engine import Connection

from lib.models import AuditEntry


def _json(value) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def record(conn: Connection, username: str, action: str, entity: str, old=None, new=None, source: str = "") -> None:
    """Write one entry inside the caller's transaction (so it exists exactly when the change does)."""
    record_many(conn, [{"username": username, "action": action, "entity": entity,
                        "old": old, "new": new, "source": source}])


def record_many(conn: Connection, entries: list[dict]) -> None:
    if not entries:
        return
    conn.execute(AuditEntry.__table__.insert(), [
        {"username": e["username"], "action": e["action"], "entity": e["entity"],
         "old_value": _json(e.get("old")), "new_value": _json(e.get("new")), "source": e.get("source", "")}
        for e in entries
    ])


def entries(conn: Connection, limit: int = 5000, username: str | None = None,
            action_prefix: str | None = None) -> pd.DataFrame:
    """The newest entries first, as a frame for the audit page and its download."""
    a = AuditEntry
    stmt = select(a.at, a.username, a.action, a.entity, a.old_value, a.new_value, a.source).order_by(a.id.desc())
    if username:
        stmt = stmt.where(a.username == username)
    if action_prefix:
        stmt = stmt.where(a.action.startswith(action_prefix))
    rows = conn.execute(stmt.limit(limit)).all()
    return pd.DataFrame(rows, columns=["at", "username", "action", "entity", "old_value", "new_value", "source"])
