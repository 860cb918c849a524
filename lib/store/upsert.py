"""Writing many rows at once, the same way on SQLite and PostgreSQL: insert-or-update (`upsert`) and
the bulk insert of rows known to be new (`insert_columns`: COPY as text on PostgreSQL, one prepared
INSERT run over tuples on SQLite)."""
from __future__ import annotations

import re
import sqlite3
from itertools import repeat

import numpy as np
from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

COPY_CHUNK = 20_000  # rows sent to PostgreSQL at a time: it stores them while the next are made ready
_COPY_NULL = "\\N"
_COPY_SPECIAL = re.compile(r"[\\\t\n\r]")
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


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
    """`insert_columns` of rows given as dicts with the same keys."""
    if rows:
        insert_columns(conn, table, {name: [row[name] for row in rows] for name in rows[0]})


def _is_column(value) -> bool:
    return isinstance(value, (list, tuple, np.ndarray))


def insert_columns(conn: Connection, table: Table, columns: dict) -> None:
    """Insert rows known to be new, given column by column: each a list (or numpy array) of the rows'
    values, or one value that every row takes (at least one list). PostgreSQL: COPY, the rows
    written as text; SQLite: one prepared INSERT run over plain tuples (executemany). The columns'
    own conversions (times in UTC...) apply, to a shared value once. A row whose key exists after
    all raises sqlalchemy's IntegrityError, as a plain INSERT would: nothing is overwritten silently."""
    values, numbers = {}, set()
    for name, value in columns.items():
        processor = table.c[name].type.bind_processor(conn.dialect)
        if isinstance(value, np.ndarray):
            if value.dtype.kind in "iuf" and processor is None:
                numbers.add(name)  # their text never needs escaping
            value = value.tolist()
        values[name] = _processed(processor, value)
    count = min(len(v) for v in values.values() if _is_column(v))
    if not count:
        return
    names = ", ".join(values)
    if conn.dialect.name == "postgresql":
        _copy(conn, f"COPY {table.name} ({names}) FROM STDIN", values, numbers, count)
        return
    shared = [v if _is_column(v) else repeat(_adapted(v), count) for v in values.values()]
    marks = ", ".join("?" for _ in values)
    conn.exec_driver_sql(f"INSERT INTO {table.name} ({names}) VALUES ({marks})", list(zip(*shared)))


def _adapted(value):
    """A value every row shares as sqlite3 would turn it for each row (a time -> its text), once."""
    if value is None or isinstance(value, (int, float, str, bytes)):
        return value
    return sqlite3.adapt(value)


def _processed(processor, value):
    if processor is None:
        return value
    if _is_column(value):
        return [processor(v) for v in value]
    return processor(value)


def _copy_fields(values: list) -> list:
    """A column's values ready for a '%s' of a COPY text line: NULL as \\N, and backslashes, tabs
    and line breaks in text escaped (other values' text never holds them)."""
    present = [v for v in values if v is not None] if None in values else values
    try:
        text = "".join(present)
    except TypeError:  # not only text
        text = "".join([v for v in present if isinstance(v, str)])
    if _COPY_SPECIAL.search(text):
        values = [v.translate(_COPY_ESCAPES) if isinstance(v, str) else v for v in values]
    if present is not values:
        values = [_COPY_NULL if v is None else v for v in values]
    return values


def _copy(conn: Connection, sql: str, columns: dict, numbers: set, count: int) -> None:
    """COPY the rows as text, a chunk at a time (the server stores one while the next is made
    ready); a value every row shares is written into the line's pattern once."""
    pattern = "\t".join("%s" if _is_column(c) else str(_copy_fields([c])[0]).replace("%", "%%")
                         for c in columns.values())
    lists = [(c, name in numbers) for name, c in columns.items() if _is_column(c)]
    dbapi = conn.connection.dbapi_connection
    try:
        with dbapi.cursor() as cursor, cursor.copy(sql) as copy:
            for start in range(0, count, COPY_CHUNK):
                fields = [c[start:start + COPY_CHUNK] if number else _copy_fields(c[start:start + COPY_CHUNK])
                          for c, number in lists]
                copy.write("\n".join(map(pattern.__mod__, zip(*fields))) + "\n")
    except conn.dialect.loaded_dbapi.Error as error:
        raise DBAPIError.instance(sql, None, error, conn.dialect.loaded_dbapi.Error,
                                  dialect=conn.dialect) from error
