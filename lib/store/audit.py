"""The audit trail: every change (entry, import, target, user) with who, when, old and new value."""
from __future__ import annotations

import json

import pandas as pd
from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine

from lib.core import clock
from lib.present import i18n
from lib.store.models import AuditEntry
from lib.store.upsert import insert_many
from lib.present import format as fmt

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


# --- reading the log (the audit page and its download) -------------------------------------------

ACTION_GROUPS = ("observation.", "target.", "user.", "boundaries.", "ranking.")  # the page's filter by kind of change
FIELDS = ("tu_so", "mau_so", "ghi_chu", "nguoi_nhap", "op", "value", "tolerance", "name", "role", "unit",
          "active", "until")
VIEW_COLUMNS = {"at": "col_at", "username": "col_user", "action_name": "col_action", "entity": "col_entity",
                "old": "col_old_value", "new": "col_new_value", "source": "col_source"}


def action_name(action: str, lang: str = "vi") -> str:
    key = f"action_{action}"
    return i18n.t(key, lang) if key in i18n.STRINGS else action


def _scalar_text(value, lang: str, key: str | None = None) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return i18n.t("yes" if value else "no", lang)
    if key == "role":
        from lib.store.auth import ROLES  # lib.store.auth records through this module

        return ROLES[value][lang == "en"] if value in ROLES else str(value)
    return str(value)


def readable(value_json: str | None, lang: str = "vi") -> str:
    """A stored old/new value for reading: `tử số: 95; mẫu số: 100; ghi chú: —`."""
    if value_json is None or (not isinstance(value_json, str) and pd.isna(value_json)):
        return ""
    try:
        value = json.loads(value_json)
    except (TypeError, ValueError):
        return str(value_json)
    if isinstance(value, dict):
        parts = []
        for key, item in value.items():
            name = i18n.t(f"field_{key}", lang) if key in FIELDS else key
            parts.append(f"{name}: {_scalar_text(item, lang, key)}")
        return "; ".join(parts)
    return _scalar_text(value, lang)


def readable_frame(frame: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """`entries` for reading: the time to the minute, the change named, old and new values in words;
    `time` keeps the time itself (in Vietnam) for the downloads."""
    return pd.DataFrame({
        "at": [fmt.datetime_text(t) for t in frame["at"]],
        "time": [clock.local(pd.Timestamp(t).to_pydatetime()) for t in frame["at"]],
        "username": frame["username"],
        "action": frame["action"],
        "action_name": [action_name(a, lang) for a in frame["action"]],
        "entity": frame["entity"],
        "old": [readable(v, lang) for v in frame["old_value"]],
        "new": [readable(v, lang) for v in frame["new_value"]],
        "source": frame["source"].fillna(""),
    })


def download_frame(frame: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """`readable_frame` under its headers in the language, the time as a time (a date in the XLSX,
    ISO 8601 in the CSV: lib.io.sheets)."""
    return frame.assign(at=frame["time"])[list(VIEW_COLUMNS)].rename(columns={c: i18n.t(k, lang) for c, k in VIEW_COLUMNS.items()})
