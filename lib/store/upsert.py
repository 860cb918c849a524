"""Insert-or-update of many rows at once, the same way on SQLite and PostgreSQL."""
from __future__ import annotations

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError


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


def insert_many(conn: Connection, table: Table, rows: list[dict]) -> None:
    """Insert `rows` (dicts with the same keys) that are known to be new, in bulk: PostgreSQL's COPY,
    or one prepared INSERT run over plain tuples on SQLite. A row whose key exists after all raises
    sqlalchemy's IntegrityError, as a plain INSERT would: nothing is overwritten silently."""
    if not rows:
        return
    columns = list(rows[0])
    if conn.dialect.name == "postgresql":
        sql = f'COPY {table.name} ({", ".join(columns)}) FROM STDIN'
        dbapi = conn.connection.dbapi_connection
        try:
            with dbapi.cursor() as cursor, cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(tuple(row[c] for c in columns))
        except conn.dialect.loaded_dbapi.Error as error:
            raise DBAPIError.instance(sql, None, error, conn.dialect.loaded_dbapi.Error,
                                      dialect=conn.dialect) from error
        return
    processors = [table.c[c].type.bind_processor(conn.dialect) for c in columns]
    sql = f'INSERT INTO {table.name} ({", ".join(columns)}) VALUES ({", ".join("?" for _ in columns)})'
    if any(processors):
        values = [tuple(p(row[c]) if p else row[c] for c, p in zip(columns, processors)) for row in rows]
    else:
        values = [tuple(row[c] for c in columns) for row in rows]
    conn.exec_driver_sql(sql, values)  # executemany of plain tuples, errors wrapped by SQLAlchemy
