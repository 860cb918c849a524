"""Scratch databases for the benchmark (python -m lib.bench): a fresh database of one backend,
dropped on close (SQLite: a file; PostgreSQL: CREATE DATABASE on a server), whether a server
answers, and the statistics a server refreshes on its own after a bulk import."""
from __future__ import annotations

import os
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text

from lib.store import db

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
