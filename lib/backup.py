"""`backup FILE` and `restore FILE`: a copy of the embedded SQLite database, and putting one back.

Both go through SQLite's online backup API (sqlite3.Connection.backup), never a file copy, so
they are safe while the app runs: a backup holds exactly the committed data at one moment (WAL
included), and a restore replaces the live database's content in one write transaction that the
running servers see on their next query.

A restore first checks that the file is an SQLite database of this app whose schema the app can
upgrade (its Alembic version is one of ours), copies it aside, upgrades that copy, and only then
keeps a copy of the current database beside it (`cchc.db-truoc-khoi-phuc-<timestamp>`) and
replaces the content. Anything refused or failed before that changes nothing. The data version is
set above the current one (and said so), so no server shows figures cached before the restore.

For PostgreSQL both commands refuse and give the pg_dump / pg_restore commands to use instead.
"""
from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import URL, make_url

from lib import i18n

SQLITE_HEADER = b"SQLite format 3\x00"
APP_TABLES = ("units", "observations", "indicators", "meta")  # tables every version of the schema has
KEPT_SUFFIX = "-truoc-khoi-phuc-"  # cchc.db-truoc-khoi-phuc-20261127-101500 (ignored by git: data/*.db-*)

MESSAGES = {
    "postgres_backup": (
        "DATABASE_URL trỏ tới PostgreSQL ({url}): lệnh backup chỉ dành cho cơ sở dữ liệu SQLite nhúng. "
        "Sao lưu PostgreSQL bằng:\n    pg_dump -Fc -d \"{dsn}\" -f {file}",
        "DATABASE_URL points to PostgreSQL ({url}): the backup command is for the embedded SQLite database only. "
        "Back PostgreSQL up with:\n    pg_dump -Fc -d \"{dsn}\" -f {file}"),
    "postgres_restore": (
        "DATABASE_URL trỏ tới PostgreSQL ({url}): lệnh restore chỉ dành cho cơ sở dữ liệu SQLite nhúng; chưa thay "
        "đổi gì. Khôi phục bản sao lưu pg_dump -Fc: dừng các máy chủ ứng dụng, chạy\n"
        "    pg_restore --clean --if-exists --no-owner -d \"{dsn}\" {file}\n"
        "    python -m lib.cli init-db\n"
        "rồi khởi động lại các máy chủ ứng dụng.",
        "DATABASE_URL points to PostgreSQL ({url}): the restore command is for the embedded SQLite database only; "
        "nothing was changed. To restore a pg_dump -Fc backup, stop the app servers, run\n"
        "    pg_restore --clean --if-exists --no-owner -d \"{dsn}\" {file}\n"
        "    python -m lib.cli init-db\n"
        "then start the app servers again."),
    "no_database": ("Chưa có cơ sở dữ liệu {database} để sao lưu.", "There is no database {database} to back up."),
    "file_missing": ("Tệp {file}: không tìm thấy tệp; chưa thay đổi gì.", "File {file}: not found; nothing was changed."),
    "same_file": ("Tệp {file} chính là cơ sở dữ liệu đang dùng; hãy chọn một tệp khác.",
                  "File {file} is the database in use; choose another file."),
    "cannot_write": ("Không ghi được tệp {file}: {error}", "Cannot write {file}: {error}"),
    "not_sqlite": ("Tệp {file} không phải bản sao lưu hợp lệ: đây không phải tệp cơ sở dữ liệu SQLite. "
                   "Chưa thay đổi gì.",
                   "File {file} is not a valid backup: it is not an SQLite database file. Nothing was changed."),
    "damaged": ("Tệp {file} không phải bản sao lưu hợp lệ: tệp SQLite bị hỏng ({error}). Chưa thay đổi gì.",
                "File {file} is not a valid backup: the SQLite file is damaged ({error}). Nothing was changed."),
    "not_this_app": ("Tệp {file} không phải bản sao lưu hợp lệ: đây là cơ sở dữ liệu SQLite nhưng không phải của "
                     "ứng dụng này (không có {missing}). Chưa thay đổi gì.",
                     "File {file} is not a valid backup: it is an SQLite database, but not one of this app "
                     "(no {missing}). Nothing was changed."),
    "newer_schema": ("Tệp {file} có phiên bản lược đồ {revision}, mới hơn phiên bản ứng dụng này biết ({head}): "
                     "hãy cập nhật ứng dụng trước khi khôi phục. Chưa thay đổi gì.",
                     "File {file} has schema version {revision}, newer than this app knows ({head}): update the "
                     "app before restoring it. Nothing was changed."),
    "upgrade_failed": ("Tệp {file}: không nâng cấp được lược đồ từ phiên bản {revision} ({error}). Chưa thay đổi gì.",
                       "File {file}: the schema could not be upgraded from version {revision} ({error}). "
                       "Nothing was changed."),
    "source_not_app": ("Cơ sở dữ liệu {database} chưa được khởi tạo (không có {missing}); không có gì để sao lưu. "
                       "Hãy chạy: python -m lib.cli init-db",
                       "Database {database} is not initialised (no {missing}); there is nothing to back up. "
                       "Run: python -m lib.cli init-db"),
    "backup_done": ("Đã sao lưu {database} vào {file}: {units} đơn vị, {observations} số liệu, phiên bản lược đồ "
                    "{revision}, {size}.",
                    "Backed {database} up to {file}: {units} units, {observations} figures, schema version "
                    "{revision}, {size}."),
    "restore_done": ("Đã khôi phục {database} từ tệp {file}: {units} đơn vị, {observations} số liệu.",
                     "Restored {database} from {file}: {units} units, {observations} figures."),
    "restore_kept": ("Cơ sở dữ liệu trước khi khôi phục được giữ tại {kept}.",
                     "The database as it was before the restore is kept in {kept}."),
    "restore_upgraded": ("Lược đồ đã được nâng cấp từ phiên bản {old} lên {new}.",
                         "The schema was upgraded from version {old} to {new}."),
    "restore_version": ("Phiên bản dữ liệu đặt thành {version} (cao hơn phiên bản trước khi khôi phục) để mọi máy chủ "
                        "ứng dụng hiển thị số liệu vừa khôi phục ở lần xem trang tới.",
                        "The data version is set to {version} (above the one before the restore), so every app "
                        "server shows the restored figures on its next page view."),
}


class BackupError(Exception):
    """A refused or failed backup/restore: nothing was changed. `key`/`params` pick a message."""

    def __init__(self, key: str, **params):
        super().__init__(key)
        self.key, self.params = key, params

    def text(self, lang: str = "vi") -> str:
        return i18n.pick(MESSAGES, self.key, lang, **self.params)


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
        lines = [i18n.pick(MESSAGES, self.key, lang, **self.params)]
        lines += [i18n.pick(MESSAGES, key, lang, **params) for key, params in self.notes]
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
    """The newest revision of lib/migrations and every revision it can upgrade from."""
    from alembic.script import ScriptDirectory

    from lib import db

    script = ScriptDirectory.from_config(db.alembic_config(None))
    return script.get_current_head(), {r.revision for r in script.walk_revisions()}


def _connect_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)


def inspect(path: Path, file: str | None = None, missing_key: str = "not_this_app") -> DatabaseInfo:
    """Check that `path` is an undamaged SQLite database of this app with a schema the app can
    upgrade; raises BackupError (naming `file`) otherwise."""
    file = file or str(path)
    try:
        with open(path, "rb") as f:
            header = f.read(len(SQLITE_HEADER))
    except OSError as error:
        raise BackupError("file_missing", file=file) from error
    if header != SQLITE_HEADER:
        raise BackupError("not_sqlite", file=file)
    try:
        conn = _connect_read_only(path)
    except sqlite3.Error as error:
        raise BackupError("damaged", file=file, error=error) from error
    try:
        try:
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError as error:
            raise BackupError("damaged", file=file, error=error) from error
        if check != "ok":
            raise BackupError("damaged", file=file, error=check)
        missing = [t for t in ("alembic_version", *APP_TABLES) if t not in tables]
        if missing:
            raise BackupError(missing_key, file=file, database=file, missing=", ".join(missing))
        revisions = [r[0] for r in conn.execute("SELECT version_num FROM alembic_version")]
        head, known = _migration_heads_and_revisions()
        if len(revisions) != 1:
            raise BackupError(missing_key, file=file, database=file, missing="alembic_version")
        if revisions[0] not in known:
            raise BackupError("newer_schema", file=file, revision=revisions[0], head=head)
        version = conn.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
        return DatabaseInfo(
            revision=revisions[0],
            units=conn.execute("SELECT count(*) FROM units").fetchone()[0],
            observations=conn.execute("SELECT count(*) FROM observations").fetchone()[0],
            data_version=int(version[0]) if version and str(version[0]).isdigit() else 0,
            size=path.stat().st_size,
        )
    finally:
        conn.close()


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
        info = inspect(partial, file=str(database), missing_key="source_not_app")
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
    return int(row[0]) if row and str(row[0]).isdigit() else 0


def _upgrade(path: Path, file: str, revision: str) -> str:
    """Upgrade the schema of the (private) copy at `path`; returns the new revision."""
    from lib import db

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
    info = inspect(source_file, file=file)
    database.parent.mkdir(parents=True, exist_ok=True)
    staged = database.with_name(f"{database.name}-dang-khoi-phuc-{os.getpid()}")
    notes: list[tuple[str, dict]] = []
    kept = None
    try:
        # 1. A private copy of the backup, upgraded and stamped; the live database is untouched so far.
        try:
            source = _connect_read_only(source_file)
            try:
                _copy(source, staged)
            finally:
                source.close()
        except sqlite3.Error as error:
            raise BackupError("damaged", file=file, error=error) from error
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
            kept = _kept_path(database, now or datetime.now())
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
