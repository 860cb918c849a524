"""Insert-or-update of many rows at once, the same way on SQLite and PostgreSQL."""
from __future__ import annotations

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection


def upsert(conn: Connection, table: Table, rows: list[dict], keys: list[str], update: bool = True,
           update_columns: list[str] | None = None) -> None:
    """Insert `rows`; where `keys` already exist, update the other columns (or leave them if not `update`)."""
    if not rows:
        return
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(table)
    if update:
        columns = update_columns or [c for c in rows[0] if c not in keys]
        stmt = stmt.on_conflict_do_update(
            index_elements=keys, set_={c: stmt.excluded[c] for c in columns}
        )
    else:
        stmt = stmt.on_conflict_do_nothing(index_elements=keys)
    conn.execute(stmt, rows)
