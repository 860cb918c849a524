"""`backup FILE` and `restore FILE`: a copy of the embedded SQLite database, and putting one back.

Both go through SQLite's online backup API (sqlite3.Connection.backup), never a file copy, so
they are safe while the app runs: a backup holds exactly the committed data at one moment (WAL
included), and a restore replaces the live database's content in one write transaction that the
running servers see on their next query.

A restore copies the file aside and checks that copy (lib.store.backup_check: an undamaged SQLite
database of this app whose schema is exactly the one the migrations make at the version it
records). It then upgrades the copy, and only then keeps a copy of the current database beside it
(`cchc.db-truoc-khoi-phuc-<timestamp>`) and replaces the content. Anything refused or failed before
that changes nothing (BackupError). The data version is set above the current one (and said so),
so no server shows figures cached before the restore.

For PostgreSQL both commands refuse and give the pg_dump / pg_restore commands to use instead.
What was done is a Done: a message key, its parameters and notes, worded by the command line.
"""
from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import URL, make_url

from lib.core import clock
from lib.store.backup_check import BackupError, as_int, check_header, connect_read_only, inspect

KEPT_SUFFIX = "-truoc-khoi-phuc-"  # cchc.db-truoc-khoi-phuc-20261127-101500 (ignored by git: data/*.db-*)


@dataclass
class Done:
    """What a backup or a restore did: a backup.* message key and its parameters, and notes as
    (key, params)."""

    key: str
    params: dict
    notes: list[tuple[str, dict]]


# --- where the database is ---------------------------------------------------------------------

def sqlite_path(url: str) -> Path | None:
    """The file of an SQLite URL (None for PostgreSQL or an in-memory database)."""
    parsed = make_url(url)
    if not parsed.drivername.startswith("sqlite") or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _libpq_dsn(url: str) -> str:
    """The URL as pg_dump and pg_restore take it: no driver name and no password (they ask for it,
    or read PGPASSWORD / ~/.pgpass)."""
    parsed = make_url(url)
    return URL.create("postgresql", username=parsed.username, host=parsed.host, port=parsed.port,
                      database=parsed.database, query=parsed.query).render_as_string(hide_password=False)


def _refuse_postgres(url: str, key: str, file: str) -> None:
    if sqlite_path(url) is None:
        shown = make_url(url).render_as_string(hide_password=True)
        raise BackupError(key, url=shown, dsn=_libpq_dsn(url), file=file)


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"


# --- copying ------------------------------------------------------------------------------------

def _copy(source: sqlite3.Connection, target: Path) -> None:
    """An online backup of `source` into the new file `target`, made self-contained (no -wal file)."""
    dest = sqlite3.connect(target)
    try:
        source.backup(dest)
        dest.execute("PRAGMA journal_mode=DELETE")
    finally:
        dest.close()


def _kept_path(database: Path, now: datetime) -> Path:
    stem = f"{database.name}{KEPT_SUFFIX}{now:%Y%m%d-%H%M%S}"
    path, n = database.with_name(stem), 1
    while path.exists():
        n += 1
        path = database.with_name(f"{stem}-{n}")
    return path


def _remove(path: Path) -> None:
    for p in (path, path.with_name(path.name + "-journal"), path.with_name(path.name + "-wal"),
              path.with_name(path.name + "-shm")):
        p.unlink(missing_ok=True)


# --- the two commands --------------------------------------------------------------------------

def backup(url: str, target: Path) -> Done:
    """Copy the embedded database at `url` into `target` (replaced if it exists)."""
    _refuse_postgres(url, "postgres_backup", str(target))
    database = sqlite_path(url)
    if not database.is_file():
        raise BackupError("no_database", database=database)
    if target.exists() and target.resolve() == database.resolve():
        raise BackupError("same_file", file=target)
    partial = target.with_name(f"{target.name}.dang-sao-luu-{os.getpid()}")
    try:
        source = sqlite3.connect(database, timeout=30)
        try:
            _copy(source, partial)
        finally:
            source.close()
        info = inspect(partial, file=str(database), in_use=True)
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as error:
        raise BackupError("cannot_write", file=target, error=getattr(error, "strerror", None) or error) from error
    finally:
        _remove(partial)
    return Done("backup_done", {"database": database, "file": target, "units": info.units,
                                "observations": info.observations, "revision": info.revision,
                                "size": _size(info.size)}, [])


def _current_data_version(database: Path) -> int:
    if not database.is_file():
        return 0
    try:
        conn = connect_read_only(database)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return 0
    return as_int(row[0]) if row else 0


def _upgrade(path: Path, file: str, revision: str) -> str:
    """Upgrade the schema of the (private) copy at `path`; returns the new revision."""
    from lib.store import db

    engine = create_engine(f"sqlite:///{path}")
    try:
        db.upgrade(engine)
        with engine.connect() as conn:
            return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one()
    except Exception as error:
        raise BackupError("upgrade_failed", file=file, revision=revision, error=error) from error
    finally:
        engine.dispose()


def restore(url: str, source_file: Path, now: datetime | None = None) -> Done:
    """Replace the embedded database at `url` with the backup `source_file` (see the module doc)."""
    _refuse_postgres(url, "postgres_restore", str(source_file))
    database = sqlite_path(url)
    file = str(source_file)
    if not source_file.is_file():
        raise BackupError("file_missing", file=file)
    if database.exists() and source_file.resolve() == database.resolve():
        raise BackupError("same_file", file=file)
    check_header(source_file, file)
    database.parent.mkdir(parents=True, exist_ok=True)
    staged = database.with_name(f"{database.name}-dang-khoi-phuc-{os.getpid()}")
    notes: list[tuple[str, dict]] = []
    kept = None
    try:
        # 1. A private copy of the backup, checked (the copy itself: what is checked is what is
        # restored), upgraded and stamped; the live database is untouched so far.
        try:
            source = connect_read_only(source_file)
            try:
                _copy(source, staged)
            finally:
                source.close()
        except sqlite3.Error as error:
            raise BackupError("damaged", file=file, error=error) from error
        info = inspect(staged, file=file)
        revision = _upgrade(staged, file, info.revision)
        if revision != info.revision:
            notes.append(("restore_upgraded", {"old": info.revision, "new": revision}))
        version = max(_current_data_version(database), info.data_version) + 1
        with sqlite3.connect(staged) as conn:
            if conn.execute("UPDATE meta SET value = ? WHERE key = 'data_version'", (str(version),)).rowcount == 0:
                conn.execute("INSERT INTO meta (key, value) VALUES ('data_version', ?)", (str(version),))
        conn.close()
        # 2. Keep the current database beside it, then replace its content in one transaction.
        if database.is_file():
            kept = _kept_path(database, now or clock.local(clock.now()))
            live = sqlite3.connect(database, timeout=30)
            try:
                _copy(live, kept)
            finally:
                live.close()
        staged_conn = sqlite3.connect(staged)
        live = sqlite3.connect(database, timeout=30)
        try:
            staged_conn.backup(live)
        finally:
            live.close()
            staged_conn.close()
    except (OSError, sqlite3.Error) as error:
        if kept:  # the live database was not replaced: the copy kept of it is not needed
            _remove(kept)
        raise BackupError("cannot_write", file=database, error=getattr(error, "strerror", None) or error) from error
    finally:
        _remove(staged)
    if kept:
        notes.insert(0, ("restore_kept", {"kept": kept}))
    notes.append(("restore_version", {"version": version}))
    return Done("restore_done", {"database": database, "file": file, "units": info.units,
                                 "observations": info.observations}, notes)
