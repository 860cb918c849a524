"""`backup FILE` and `restore FILE`: a copy of the embedded SQLite database, and putting one back.

Both go through SQLite's online backup API (sqlite3.Connection.backup), never a file copy, so
they are safe while the app runs: a backup holds exactly the committed data at one moment (WAL
included), and a restore replaces the live database's content in one write transaction that the
running servers see on their next query.

A restore copies the file aside and checks that copy: an undamaged SQLite database of this app
whose schema is exactly the one lib/store/migrations makes at the Alembic version it records (same
tables, columns, indexes; no trigger, no view, no table of its own: a backup is data, never code
that runs later). It then upgrades the copy, and only then keeps a copy of the current database
beside it (`cchc.db-truoc-khoi-phuc-<timestamp>`) and replaces the content. Anything refused or
failed before that changes nothing. The data version is set above the current one (and said so),
so no server shows figures cached before the restore.

For PostgreSQL both commands refuse and give the pg_dump / pg_restore commands to use instead.
"""
from __future__ import annotations

import os
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import URL, make_url

from lib.present import i18n
from lib.core import clock

SQLITE_HEADER = b"SQLite format 3\x00"
APP_TABLES = ("units", "observations", "indicators", "meta")  # tables every version of the schema has
# Tables SQLite makes on its own (AUTOINCREMENT, ANALYZE): allowed in a backup though no migration makes them.
SQLITE_TABLES = ("sqlite_sequence", "sqlite_stat1", "sqlite_stat2", "sqlite_stat3", "sqlite_stat4")
KINDS = ("table", "index", "view", "trigger")  # sqlite_master types named in messages (backup.kind_*)
MAX_PROBLEMS = 8  # schema differences named in one message
KEPT_SUFFIX = "-truoc-khoi-phuc-"  # cchc.db-truoc-khoi-phuc-20261127-101500 (ignored by git: data/*.db-*)


class BackupError(Exception):
    """A refused or failed backup/restore: nothing was changed. `key`/`params` pick a message."""

    def __init__(self, key: str, **params):
        super().__init__(key)
        self.key, self.params = key, params

    def text(self, lang: str = "vi") -> str:
        params = dict(self.params)
        if "problems" in params:  # a list of (key, params), said in `lang`
            params["problems"] = "; ".join(_problem_text(key, p, lang) for key, p in params["problems"])
        return i18n.t("backup." + self.key, lang, **params)


def _problem_text(key: str, params: dict, lang: str) -> str:
    """One schema difference in words; a kind of object (table, index...) is named in the language."""
    if params.get("kind") in KINDS:
        params = {**params, "kind": i18n.t("backup.kind_" + params["kind"], lang)}
    return i18n.t("backup." + key, lang, **params)


@dataclass
class DatabaseInfo:
    """What a checked SQLite file of this app holds."""

    revision: str
    units: int
    observations: int
    data_version: int
    size: int  # bytes


@dataclass
class Done:
    """What a backup or a restore did; `text(lang)` says it."""

    key: str
    params: dict
    notes: list[tuple[str, dict]]

    def text(self, lang: str = "vi") -> str:
        lines = [i18n.t("backup." + self.key, lang, **self.params)]
        lines += [i18n.t("backup." + key, lang, **params) for key, params in self.notes]
        return " ".join(lines)


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


# --- checking a file ---------------------------------------------------------------------------

def _migration_heads_and_revisions() -> tuple[str, set[str]]:
    """The newest revision of lib/store/migrations and every revision it can upgrade from."""
    from alembic.script import ScriptDirectory

    from lib.store import db

    script = ScriptDirectory.from_config(db.alembic_config(None))
    return script.get_current_head(), {r.revision for r in script.walk_revisions()}


def _connect_read_only(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    conn.execute("PRAGMA trusted_schema = OFF")  # nothing in the file's schema may call risky functions
    return conn


def _shown(value) -> str:
    """A name read from a file, safe to print: no control characters, not too long."""
    text = "".join(c if c.isprintable() else "?" for c in str(value))
    return text if len(text) <= 60 else text[:59] + "…"


@dataclass(frozen=True)
class Schema:
    """What SQLite reports of a database's schema (its own sqlite_stat* and sqlite_sequence left out)."""

    objects: frozenset  # (type, name, table) of every sqlite_master row but the indexes
    columns: dict  # table -> tuple of PRAGMA table_xinfo rows (name, type, notnull, default, pk, hidden)
    indexes: dict  # index -> (table, unique, origin, partial, ((column, desc, collation), ...))
    foreign_keys: dict  # table -> frozenset of PRAGMA foreign_key_list rows (without the id)


def read_schema(conn: sqlite3.Connection) -> Schema:
    rows = conn.execute("SELECT type, name, tbl_name FROM sqlite_master").fetchall()
    objects = frozenset(r for r in rows if r[0] != "index" and not (r[0] == "table" and r[1] in SQLITE_TABLES))
    tables = [name for kind, name, _ in objects if kind == "table"]
    columns, indexes, foreign_keys = {}, {}, {}
    for table in tables:
        columns[table] = tuple(r[1:] for r in conn.execute("SELECT * FROM pragma_table_xinfo(?)", (table,)))
        foreign_keys[table] = frozenset(r[1:] for r in conn.execute("SELECT * FROM pragma_foreign_key_list(?)",
                                                                    (table,)))
        for _, index, unique, origin, partial in conn.execute("SELECT * FROM pragma_index_list(?)", (table,)):
            keys = tuple(r[2:5] for r in conn.execute("SELECT * FROM pragma_index_xinfo(?)", (index,)) if r[5])
            indexes[index] = (table, unique, origin, partial, keys)
    return Schema(objects, columns, indexes, foreign_keys)


@lru_cache(maxsize=None)
def reference_schema(revision: str) -> Schema:
    """The schema lib/store/migrations makes at `revision`, read from a new temporary database (built once
    per revision in a process)."""
    from alembic import command

    from lib.store import db

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "reference.db"
        engine = create_engine(f"sqlite:///{path}")
        try:
            command.upgrade(db.alembic_config(engine), revision)
        finally:
            engine.dispose()
        conn = sqlite3.connect(path)
        try:
            return read_schema(conn)
        finally:
            conn.close()


def _column_text(column: tuple) -> str:
    """A PRAGMA table_xinfo row as SQL-like words, e.g. `VARCHAR(200) NOT NULL`."""
    _, kind, notnull, default, pk, hidden = column
    words = [kind or "(no type)"]
    if notnull:
        words.append("NOT NULL")
    if default is not None:
        words.append(f"DEFAULT {default}")
    if pk:
        words.append("PRIMARY KEY")
    if hidden:
        words.append("GENERATED")
    return _shown(" ".join(words))


def schema_problems(wanted: Schema, found: Schema) -> list[tuple[str, dict]]:
    """How `found` differs from `wanted`, as (message key, params)."""
    def kind(sqlite_type):
        return {"kind": sqlite_type if sqlite_type in KINDS else _shown(sqlite_type)}

    problems = []
    for k, name, _ in sorted(found.objects - wanted.objects, key=repr):
        problems.append(("extra_object", {**kind(k), "name": _shown(name)}))
    for k, name, _ in sorted(wanted.objects - found.objects):
        problems.append(("missing_object", {**kind(k), "name": name}))
    for index in sorted(found.indexes.keys() - wanted.indexes.keys(), key=repr):
        problems.append(("extra_object", {**kind("index"), "name": _shown(index)}))
    for index in sorted(wanted.indexes.keys() - found.indexes.keys()):
        problems.append(("missing_object", {**kind("index"), "name": index}))
    for index in sorted(wanted.indexes.keys() & found.indexes.keys()):
        if wanted.indexes[index] != found.indexes[index]:
            problems.append(("index_differs", {"name": index}))
    for table in sorted(wanted.columns.keys() & found.columns.keys()):
        want = {c[0]: c for c in wanted.columns[table]}
        have = {c[0]: c for c in found.columns[table]}
        before = len(problems)
        for column, definition in want.items():
            if column not in have:
                problems.append(("column_missing", {"table_name": table, "column": column}))
            elif have[column] != definition:
                problems.append(("column_differs", {"table_name": table, "column": column,
                                                    "found": _column_text(have[column]),
                                                    "wanted": _column_text(definition)}))
        for column in have.keys() - want.keys():
            problems.append(("column_extra", {"table_name": table, "column": _shown(column)}))
        if len(problems) == before and wanted.columns[table] != found.columns[table]:
            problems.append(("column_order", {"table_name": table}))
        if wanted.foreign_keys[table] != found.foreign_keys[table]:
            problems.append(("foreign_keys_differ", {"table_name": table}))
    if len(problems) > MAX_PROBLEMS:
        problems[MAX_PROBLEMS - 1:] = [("more_problems", {"count": len(problems) - MAX_PROBLEMS + 1})]
    return problems


def _check_header(path: Path, file: str) -> None:
    """Refuse a file that does not begin as an SQLite database (reads its first 16 bytes only)."""
    try:
        with open(path, "rb") as f:
            header = f.read(len(SQLITE_HEADER))
    except OSError as error:
        raise BackupError("file_missing", file=file) from error
    if header != SQLITE_HEADER:
        raise BackupError("not_sqlite", file=file)


def inspect(path: Path, file: str | None = None, in_use: bool = False) -> DatabaseInfo:
    """Check that `path` is an undamaged SQLite database of this app whose schema is exactly the one
    of the migrations at its recorded revision; raises BackupError (naming `file`) otherwise.
    `in_use`: `path` is a copy of the database in use (being backed up), so say that."""
    file = file or str(path)
    _check_header(path, file)
    try:
        conn = _connect_read_only(path)
    except sqlite3.Error as error:
        raise BackupError("damaged", file=file, error=error) from error
    try:
        return _inspect(conn, path, file, in_use)
    except sqlite3.Error as error:  # a file damaged where the integrity check does not look
        raise BackupError("damaged", file=file, error=error) from error
    finally:
        conn.close()


def _inspect(conn: sqlite3.Connection, path: Path, file: str, in_use: bool) -> DatabaseInfo:
    missing_key, mismatch_key = ("source_not_app", "source_mismatch") if in_use else ("not_this_app", "schema_mismatch")
    check = [r[0] for r in conn.execute("PRAGMA integrity_check(3)")]
    if check != ["ok"]:
        raise BackupError("damaged", file=file, error=_shown("; ".join(map(str, check))))
    schema = read_schema(conn)
    missing = [t for t in ("alembic_version", *APP_TABLES) if ("table", t, t) not in schema.objects]
    if missing:
        raise BackupError(missing_key, file=file, database=file, missing=", ".join(missing))
    head, known = _migration_heads_and_revisions()
    revision = head  # compared with the newest schema when the file records no revision at all
    if any(c[0] == "version_num" for c in schema.columns["alembic_version"]):
        revisions = [r[0] for r in conn.execute("SELECT version_num FROM alembic_version")]
        if len(revisions) != 1:
            raise BackupError(missing_key, file=file, database=file, missing="alembic_version")
        revision = revisions[0]
        if revision not in known:
            raise BackupError("newer_schema", file=file, revision=_shown(revision), head=head)
    problems = schema_problems(reference_schema(revision), schema)
    if problems:
        raise BackupError(mismatch_key, file=file, revision=revision, problems=problems)
    version = conn.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
    return DatabaseInfo(
        revision=revision,
        units=conn.execute("SELECT count(*) FROM units").fetchone()[0],
        observations=conn.execute("SELECT count(*) FROM observations").fetchone()[0],
        data_version=_as_int(version[0]) if version else 0,
        size=path.stat().st_size,
    )


def _as_int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


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
        conn = _connect_read_only(database)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return 0
    return _as_int(row[0]) if row else 0


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
    _check_header(source_file, file)
    database.parent.mkdir(parents=True, exist_ok=True)
    staged = database.with_name(f"{database.name}-dang-khoi-phuc-{os.getpid()}")
    notes: list[tuple[str, dict]] = []
    kept = None
    try:
        # 1. A private copy of the backup, checked (the copy itself: what is checked is what is
        # restored), upgraded and stamped; the live database is untouched so far.
        try:
            source = _connect_read_only(source_file)
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
