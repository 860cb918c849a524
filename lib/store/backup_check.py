"""Checking that an SQLite file is a backup of this app, before a restore uses it or after a backup
made it: an undamaged SQLite database whose schema is exactly the one lib/store/migrations makes at
the Alembic version it records (same tables, columns, indexes; no trigger, no view, no table of its
own: a backup is data, never code that runs later). What is refused raises BackupError, said by
lib.present.i18n.say, its schema differences among its parameters.
"""
from __future__ import annotations

import sqlite3
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlalchemy import create_engine

from lib.core.errors import Refused

SQLITE_HEADER = b"SQLite format 3\x00"
APP_TABLES = ("units", "observations", "indicators", "meta")  # tables every version of the schema has
# Tables SQLite makes on its own (AUTOINCREMENT, ANALYZE): allowed in a backup though no migration makes them.
SQLITE_TABLES = ("sqlite_sequence", "sqlite_stat1", "sqlite_stat2", "sqlite_stat3", "sqlite_stat4")
KINDS = ("table", "index", "view", "trigger")  # sqlite_master types named in messages (backup.kind_*)
MAX_PROBLEMS = 8  # schema differences named in one message


class BackupError(Refused):
    """A refused or failed backup/restore: nothing was changed."""
    topic = "backup"


@dataclass
class DatabaseInfo:
    """What a checked SQLite file of this app holds."""

    revision: str
    units: int
    observations: int
    data_version: int
    size: int  # bytes


def _migration_heads_and_revisions() -> tuple[str, set[str]]:
    """The newest revision of lib/store/migrations and every revision it can upgrade from."""
    from alembic.script import ScriptDirectory

    from lib.store import db

    script = ScriptDirectory.from_config(db.alembic_config(None))
    return script.get_current_head(), {r.revision for r in script.walk_revisions()}


def connect_read_only(path: Path) -> sqlite3.Connection:
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


def _kind(sqlite_type) -> BackupError | str:
    """A kind of object (table, index...), said in the language (backup.kind_*); one SQLite does not
    name as it is."""
    return BackupError(f"kind_{sqlite_type}") if sqlite_type in KINDS else _shown(sqlite_type)


def schema_problems(wanted: Schema, found: Schema) -> list[BackupError]:
    """How `found` differs from `wanted`, one refusal each (said one after another)."""
    problems = []
    for k, name, _ in sorted(found.objects - wanted.objects, key=repr):
        problems.append(BackupError("extra_object", kind=_kind(k), name=_shown(name)))
    for k, name, _ in sorted(wanted.objects - found.objects):
        problems.append(BackupError("missing_object", kind=_kind(k), name=name))
    for index in sorted(found.indexes.keys() - wanted.indexes.keys(), key=repr):
        problems.append(BackupError("extra_object", kind=_kind("index"), name=_shown(index)))
    for index in sorted(wanted.indexes.keys() - found.indexes.keys()):
        problems.append(BackupError("missing_object", kind=_kind("index"), name=index))
    for index in sorted(wanted.indexes.keys() & found.indexes.keys()):
        if wanted.indexes[index] != found.indexes[index]:
            problems.append(BackupError("index_differs", name=index))
    for table in sorted(wanted.columns.keys() & found.columns.keys()):
        want = {c[0]: c for c in wanted.columns[table]}
        have = {c[0]: c for c in found.columns[table]}
        before = len(problems)
        for column, definition in want.items():
            if column not in have:
                problems.append(BackupError("column_missing", table_name=table, column=column))
            elif have[column] != definition:
                problems.append(BackupError("column_differs", table_name=table, column=column,
                                            found=_column_text(have[column]), wanted=_column_text(definition)))
        for column in have.keys() - want.keys():
            problems.append(BackupError("column_extra", table_name=table, column=_shown(column)))
        if len(problems) == before and wanted.columns[table] != found.columns[table]:
            problems.append(BackupError("column_order", table_name=table))
        if wanted.foreign_keys[table] != found.foreign_keys[table]:
            problems.append(BackupError("foreign_keys_differ", table_name=table))
    if len(problems) > MAX_PROBLEMS:
        problems[MAX_PROBLEMS - 1:] = [BackupError("more_problems", count=len(problems) - MAX_PROBLEMS + 1)]
    return problems


def check_header(path: Path, file: str) -> None:
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
    check_header(path, file)
    try:
        conn = connect_read_only(path)
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
        data_version=as_int(version[0]) if version else 0,
        size=path.stat().st_size,
    )


def as_int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
