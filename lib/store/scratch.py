"""Scratch databases for the benchmark (python -m lib.bench): a fresh database of one backend,
dropped on close (SQLite: a file; PostgreSQL: CREATE DATABASE on a server), whether a server
answers, the statistics a server refreshes on its own after a bulk import, and the floors the
benchmark divides by: the import's (the same rows written raw: executemany of ready tuples, COPY of
ready text; timed, then taken out again) and the scoring's (one GROUP BY summing the year's figures)."""
from __future__ import annotations

import os
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, func, select, text

from lib.core.year_to_date import counts
from lib.store import db
from lib.store.models import AuditEntry, Observation
from lib.store.queries import year_is
from lib.store.upsert import COPY_CHUNK

_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})

PG_ADMIN_URL = os.environ.get("BENCH_POSTGRES_URL", "postgresql+psycopg://127.0.0.1:5432/postgres")


class Database:
    """A fresh database of one backend, dropped on close (SQLite: a file in `folder`)."""

    def __init__(self, backend: str, folder: Path, admin_url: str = PG_ADMIN_URL):
        self.backend, self.admin, self.name = backend, None, None
        if backend == "sqlite":
            self.url = f"sqlite:///{folder / f'bench_{uuid.uuid4().hex[:8]}.db'}"
            return
        self.admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
        self.name = f"cchc_bench_{uuid.uuid4().hex[:8]}"
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{self.name}"'))
        self.url = f"{admin_url.rsplit('/', 1)[0]}/{self.name}"

    def close(self) -> None:
        db.get_engine(self.url).dispose()
        db.get_engine.cache_clear()
        if self.admin is not None:
            with self.admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
            self.admin.dispose()


def postgres_reachable(admin_url: str = PG_ADMIN_URL) -> str | None:
    """The server's version, or None when nothing answers."""
    try:
        engine = create_engine(admin_url, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            version = conn.execute(text("SHOW server_version")).scalar()
        engine.dispose()
        return version
    except Exception:
        return None


def analyze(engine) -> None:
    """What the server does on its own shortly after a bulk import (autovacuum on PostgreSQL; SQLite
    has no such thing and is left as it is): refresh the planner's statistics and the visibility map
    that index-only scans need. Timed apart from the import."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM (ANALYZE) observations")


def raw_write(engine, observations: list[tuple], audit_rows: list[tuple], columns: dict[str, list[str]]) -> float:
    """Seconds to write ready rows in one transaction, the plainest way the driver offers:
    `observations` and `audit_rows` (one each, values as the columns `columns["observations"]` and
    `columns["audit_log"]` take them; times aware) by SQLite's executemany of one INSERT over tuples,
    or PostgreSQL's COPY of their text, then COMMIT. The tuples, or the text, are made before the
    clock starts: only the database's work and the driver's sending are timed."""
    tables = {Observation.__table__: observations, AuditEntry.__table__: audit_rows}
    dbapi = engine.raw_connection()
    try:
        ready = {}
        for table, rows in tables.items():
            names = columns[table.name]
            processors = [table.c[c].type.bind_processor(engine.dialect) for c in names]
            rows = [tuple(p(v) if p else v for v, p in zip(row, processors)) for row in rows]
            if engine.dialect.name == "postgresql":
                ready[f"COPY {table.name} ({', '.join(names)}) FROM STDIN"] = [
                    "".join(_copy_line(row) for row in rows[start:start + COPY_CHUNK])
                    for start in range(0, len(rows), COPY_CHUNK)]
            else:
                ready[f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})"] = rows
        start = time.perf_counter()
        cursor = dbapi.cursor()
        for sql, data in ready.items():
            if engine.dialect.name == "postgresql":
                with cursor.copy(sql) as copy:
                    for chunk in data:
                        copy.write(chunk)
            else:
                cursor.executemany(sql, data)
        dbapi.commit()
        return time.perf_counter() - start
    finally:
        dbapi.close()


def _copy_line(row: tuple) -> str:
    return "\t".join("\\N" if v is None else str(v).translate(_COPY_ESCAPES) for v in row) + "\n"


def take_out(engine, first_audit_id: int) -> None:
    """Remove what `raw_write` wrote: every observation (the benchmark's database held none before)
    and the audit entries from `first_audit_id` on."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("TRUNCATE observations"))
        else:
            conn.execute(text("DELETE FROM observations"))
        conn.execute(text("DELETE FROM audit_log WHERE id >= :first"), {"first": first_audit_id})


def next_audit_id(engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT COALESCE(MAX(id), 0) + 1 FROM audit_log")).scalar())


def one_query(conn, year: int, month: int) -> int:
    """The scoring's floor: one GROUP BY that sums the figures of `year` counted as of `month` per
    unit and indicator (the year tested as lib.store.queries.year_is does, so that SQLite reads the
    covering index), every row fetched; returns how many."""
    o = Observation
    stmt = (select(o.unit_id, o.indicator, func.sum(o.numerator), func.sum(o.denominator))
            .where(year_is(conn, year), counts(o.month_to, month)).group_by(o.unit_id, o.indicator))
    return len(conn.execute(stmt).all())
