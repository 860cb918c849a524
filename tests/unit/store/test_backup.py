"""`backup FILE` and `restore FILE` (lib.store.backup): the embedded SQLite database copied out while in
use and put back; refusals that change nothing; PostgreSQL pointed to pg_dump / pg_restore."""
from __future__ import annotations

import hashlib
import re
import shlex
import shutil
import sqlite3
import subprocess

import pytest
from sqlalchemy import func, select, text

from conftest import add_figures, add_units, run_cli
from lib.store import backup, backup_check, db
from lib.store.models import Observation, Unit

FIGURES = [("99901", "3.4", "2022-01", 97, 100), ("999", "3.4", "2022-01", 99, 100),
           ("99902", "1.1", "2022-Q1", 1, 1)]


@pytest.fixture
def embedded(databases, tmp_path, monkeypatch):
    """DATABASE_URL at a new SQLite file holding the small district and three figures."""
    path = tmp_path / "data" / "cchc.db"
    url = databases.sqlite("migrated", path)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("CCHC_LANG", "vi")
    db.get_engine.cache_clear()
    engine = db.get_engine(url)
    add_units(engine)
    add_figures(engine, FIGURES)
    yield path, engine
    engine.dispose()
    db.get_engine.cache_clear()


def figures(engine) -> set[tuple]:
    with engine.connect() as conn:
        return set(conn.execute(select(Unit.code, Observation.indicator, Observation.period, Observation.numerator,
                                       Observation.denominator).join(Unit, Unit.id == Observation.unit_id)).all())


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def kept_copies(path) -> list:
    return sorted(path.parent.glob(f"{path.name}{backup.KEPT_SUFFIX}*"))


def test_backup_change_restore_brings_the_data_back(embedded, capsys, tmp_path):
    path, engine = embedded
    before = figures(engine)
    target = tmp_path / "sao_luu" / "cchc-2022.db"
    target.parent.mkdir()
    code, out, err = run_cli(capsys, "backup", str(target))
    assert code == 0, err
    assert str(target) in out and "3 số liệu" in out and "8 đơn vị" in out
    assert backup_check.inspect(target).observations == 3

    # The data changes after the backup: a figure updated, one added, a unit added.
    with engine.begin() as conn:
        conn.execute(Observation.__table__.update().where(Observation.period == "2022-01").values(numerator=1))
    add_units(engine, [("99904", "Xã Bốn", "xa", None, 0, 0)])
    add_figures(engine, [("99904", "3.4", "2022-02", 5, 10)])
    changed = figures(engine)
    assert changed != before
    version_before = db.data_version(engine)

    code, out, err = run_cli(capsys, "restore", str(target))
    assert code == 0, err
    assert figures(engine) == before
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Unit)).scalar() == 8
    assert db.data_version(engine) > version_before, "the restore moves the data version on, never back"
    assert f"thành {db.data_version(engine)}" in out
    # The database as it was is kept beside it, named in the message, and holds the changed data.
    [kept] = kept_copies(path)
    assert str(kept) in out and re.search(r"cchc\.db-truoc-khoi-phuc-\d{8}-\d{6}$", kept.name)
    kept_engine = db.get_engine(f"sqlite:///{kept}")
    assert figures(kept_engine) == changed
    kept_engine.dispose()
    # Restoring again keeps a second copy rather than overwriting the first.
    assert run_cli(capsys, "--lang", "en", "restore", str(target))[0] == 0
    assert len(kept_copies(path)) == 2


def test_backup_is_consistent_while_a_write_is_in_progress(embedded, capsys, tmp_path):
    """The app keeps running: a transaction open on the database neither blocks the backup nor
    leaks into it (the backup holds what was committed)."""
    path, engine = embedded
    writer = sqlite3.connect(path, timeout=30)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE observations SET numerator = 0")
    try:
        code, _, err = run_cli(capsys, "backup", str(tmp_path / "b.db"))
        assert code == 0, err
    finally:
        writer.rollback()
        writer.close()
    copy = db.get_engine(f"sqlite:///{tmp_path / 'b.db'}")
    assert figures(copy) == figures(engine) and {f[3] for f in figures(copy)} != {0}
    copy.dispose()
    assert not list(tmp_path.glob("b.db-*")), "the backup is one self-contained file"


def another_apps_database(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('not ours')")
    conn.commit()
    conn.close()


def newer_apps_database(source, path):
    with sqlite3.connect(source) as live, sqlite3.connect(path) as copy:
        live.backup(copy)  # a plain file copy would miss what is still in the -wal file
    live.close()
    copy.close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()


# A backup of this app changed by hand: (SQL run on it, what the refusal says).
TAMPERED = {
    "trigger": ("CREATE TRIGGER doi_vai_tro AFTER INSERT ON observations BEGIN UPDATE users SET role = 'noi_vu'; END",
                "có trigger 'doi_vai_tro' không thuộc ứng dụng"),
    "view": ("CREATE VIEW tat_ca AS SELECT * FROM users", "có view 'tat_ca' không thuộc ứng dụng"),
    "own_table": ("CREATE TABLE ghi_chu (id INTEGER PRIMARY KEY, body TEXT)", "có bảng 'ghi_chu' không thuộc ứng dụng"),
    "own_index": ("CREATE INDEX ix_users_role ON users (role)", "có chỉ mục 'ix_users_role' không thuộc ứng dụng"),
    "missing_index": ("DROP INDEX ix_observations_unit_cover", "thiếu chỉ mục 'ix_observations_unit_cover'"),
    "wrong_columns": ("ALTER TABLE users RENAME COLUMN role TO vai_tro",
                      "bảng users: cột role thiếu; bảng users: cột vai_tro không thuộc ứng dụng"),
    "extra_column": ("ALTER TABLE units ADD COLUMN ghi_chu TEXT", "bảng units: cột ghi_chu không thuộc ứng dụng"),
    "column_type": ("DROP TABLE areas; CREATE TABLE areas (area INTEGER NOT NULL PRIMARY KEY, name_vi TEXT NOT NULL, "
                    "name_en VARCHAR(200) NOT NULL)",
                    "bảng areas: cột name_vi là TEXT NOT NULL, ứng dụng cần VARCHAR(200) NOT NULL"),
    "meta_columns": ("DROP TABLE meta; CREATE TABLE meta (key VARCHAR(64) NOT NULL PRIMARY KEY)",
                     "bảng meta: cột value thiếu"),
    "alembic_columns": ("DROP TABLE alembic_version; CREATE TABLE alembic_version (v TEXT)",
                        "bảng alembic_version: cột version_num thiếu"),
    "unknown_revision": ("UPDATE alembic_version SET version_num = 'khong-ro'", "phiên bản lược đồ khong-ro"),
    "control_characters": ('CREATE VIEW "x\x1b[2Jy" AS SELECT 1', "có view 'x?[2Jy' không thuộc ứng dụng"),
}


def tampered_backup(capsys, path, sql):
    assert run_cli(capsys, "backup", str(path))[0] == 0
    conn = sqlite3.connect(path)
    conn.executescript(sql)
    conn.close()


REFUSED = [
    ("text", "không phải tệp cơ sở dữ liệu SQLite"),
    ("empty", "không phải tệp cơ sở dữ liệu SQLite"),
    ("other_app", "không phải của ứng dụng này (không có alembic_version, units, observations, indicators, meta)"),
    ("newer", "phiên bản lược đồ 9999, mới hơn"),
    ("damaged", "bị hỏng"),
    ("truncated", "bị hỏng"),
    ("header_only", "bị hỏng"),
    ("missing", "không tìm thấy tệp"),
    *((kind, message) for kind, (_, message) in TAMPERED.items()),
]


@pytest.mark.parametrize("kind, message", REFUSED, ids=[kind for kind, _ in REFUSED])
def test_restore_refuses_a_file_that_is_not_a_backup_and_changes_nothing(embedded, capsys, tmp_path, kind, message):
    path, engine = embedded
    bad = tmp_path / f"bad-{kind}.db"
    if kind == "text":
        bad.write_text("ma_don_vi,ma_chi_tieu\n99901,3.4\n", encoding="utf-8")
    elif kind == "empty":
        bad.write_bytes(b"")
    elif kind == "header_only":
        bad.write_bytes(backup_check.SQLITE_HEADER + b"\0" * 200)
    elif kind in TAMPERED:
        tampered_backup(capsys, bad, TAMPERED[kind][0])
    elif kind == "truncated":
        good = tmp_path / "good.db"
        assert run_cli(capsys, "backup", str(good))[0] == 0
        data = good.read_bytes()
        bad.write_bytes(data[:len(data) // 2])
    elif kind == "other_app":
        another_apps_database(bad)
    elif kind == "newer":
        newer_apps_database(path, bad)
    elif kind == "damaged":
        good = tmp_path / "good.db"
        assert run_cli(capsys, "backup", str(good))[0] == 0
        data = bytearray(good.read_bytes())
        data[4096:] = b"\xff" * (len(data) - 4096)  # every page after the first overwritten
        bad.write_bytes(bytes(data))
    engine.dispose()
    state = digest(path)
    code, out, err = run_cli(capsys, "restore", str(bad))
    assert code != 0 and out == ""
    assert str(bad) in err and message in err, err
    assert "Chưa thay đổi gì" in err or "chưa thay đổi gì" in err
    assert digest(path) == state
    assert not kept_copies(path)
    assert sorted(p.name for p in path.parent.iterdir() if not p.name.endswith(("-wal", "-shm"))) == ["cchc.db"]
    code, _, err = run_cli(capsys, "--lang", "en", "restore", str(bad))
    assert code != 0 and str(bad) in err and "othing was changed" in err


def test_restore_names_what_is_wrong_in_english_too_and_counts_the_rest(embedded, capsys, tmp_path):
    path, _ = embedded
    bad = tmp_path / "many.db"
    tampered_backup(capsys, bad, "; ".join(TAMPERED[kind][0] for kind in (
        "trigger", "view", "own_table", "own_index", "missing_index", "wrong_columns", "extra_column", "column_type")))
    state = digest(path)
    code, out, err = run_cli(capsys, "--lang", "en", "restore", str(bad))
    assert code != 0 and out == "" and str(bad) in err
    assert "its schema differs from the app's schema at version" in err
    assert "trigger 'doi_vai_tro' is not part of the app" in err and "view 'tat_ca' is not part of the app" in err
    assert "and 2 more" in err and "Nothing was changed" in err
    assert digest(path) == state


def test_restore_takes_a_backup_with_sqlites_own_statistics(embedded, capsys, tmp_path):
    """ANALYZE (or PRAGMA optimize) adds SQLite's own sqlite_stat1 table: still this app's backup."""
    _, engine = embedded
    with engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    target = tmp_path / "b.db"
    assert run_cli(capsys, "backup", str(target))[0] == 0
    code, _, err = run_cli(capsys, "restore", str(target))
    assert code == 0, err


def test_backup_refuses_a_database_in_use_that_a_restore_would_refuse(embedded, capsys, tmp_path):
    path, engine = embedded
    with engine.begin() as conn:
        conn.exec_driver_sql(TAMPERED["trigger"][0])
    target = tmp_path / "b.db"
    code, out, err = run_cli(capsys, "backup", str(target))
    assert code != 0 and out == "" and str(path) in err
    assert "có trigger 'doi_vai_tro' không thuộc ứng dụng" in err and "chưa sao lưu" in err
    assert not target.exists() and not list(tmp_path.glob("b.db*"))


def test_restore_upgrades_an_older_backup_and_says_so(embedded, capsys, tmp_path):
    from alembic import command
    from alembic.script import ScriptDirectory

    path, _ = embedded
    script = ScriptDirectory.from_config(db.alembic_config(None))
    head = script.get_current_head()
    previous = script.get_revision(head).down_revision
    old = tmp_path / "old.db"
    old_engine = db.get_engine(f"sqlite:///{old}")
    command.upgrade(db.alembic_config(old_engine), previous)
    with old_engine.begin() as conn:
        conn.execute(text("INSERT INTO meta (key, value) VALUES ('data_version', '1')"))
    old_engine.dispose()
    code, out, err = run_cli(capsys, "restore", str(old))
    assert code == 0, err
    assert f"từ phiên bản {previous} lên {head}" in out
    assert backup_check.inspect(path).revision == head
    assert backup_check.inspect(path).units == 0
    # An older backup is held to the schema of its own version: a trigger in it is refused all the same.
    with sqlite3.connect(old) as conn:
        conn.execute(TAMPERED["trigger"][0])
    conn.close()
    code, _, err = run_cli(capsys, "restore", str(old))
    assert code != 0 and f"ở phiên bản {previous} (có trigger 'doi_vai_tro'" in err, err


def test_restore_onto_a_new_machine_and_backup_refusals(tmp_path, capsys, monkeypatch, embedded):
    path, engine = embedded
    target = tmp_path / "b.db"
    assert run_cli(capsys, "backup", str(target))[0] == 0
    # A new machine: no database yet. Nothing to keep; the restored database is ready to use.
    fresh = tmp_path / "new" / "data" / "cchc.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{fresh}")
    code, out, err = run_cli(capsys, "restore", str(target))
    assert code == 0, err
    assert "giữ tại" not in out and fresh.is_file() and not kept_copies(fresh)
    restored = db.get_engine(f"sqlite:///{fresh}")
    assert figures(restored) == figures(engine) and db.schema_is_current(restored)
    restored.dispose()
    # Refusals of backup: the database itself as target, no database at all.
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    code, _, err = run_cli(capsys, "backup", str(path))
    assert code != 0 and str(path) in err
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'none' / 'cchc.db'}")
    code, _, err = run_cli(capsys, "backup", str(tmp_path / "x.db"))
    assert code != 0 and "none" in err and not (tmp_path / "x.db").exists()
    # A database without the app's schema is not backed up as if it were one.
    empty = tmp_path / "empty.db"
    another_apps_database(empty)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{empty}")
    code, _, err = run_cli(capsys, "backup", str(tmp_path / "y.db"))
    assert code != 0 and "init-db" in err and not (tmp_path / "y.db").exists()


def test_postgresql_is_pointed_to_pg_dump_and_pg_restore(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://cchc:bi-mat@db-host:5432/cchc")
    monkeypatch.setenv("CCHC_LANG", "vi")
    dump = tmp_path / "cchc.dump"
    code, out, err = run_cli(capsys, "backup", str(dump))
    assert code != 0 and out == ""
    assert f'pg_dump -Fc -d "postgresql://cchc@db-host:5432/cchc" -f {dump}' in err
    assert "bi-mat" not in err, "the password is never printed"
    code, _, err = run_cli(capsys, "restore", str(dump))
    assert code != 0
    assert f'pg_restore --clean --if-exists --no-owner -d "postgresql://cchc@db-host:5432/cchc" {dump}' in err
    assert "python -m lib.cli init-db" in err and "chưa thay đổi gì" in err
    code, _, err = run_cli(capsys, "--lang", "en", "restore", str(dump))
    assert code != 0 and "nothing was changed" in err and "pg_restore" in err
    assert not dump.exists()


def commands_in(message: str) -> list[list[str]]:
    return [shlex.split(line.strip()) for line in message.splitlines() if line.startswith("    ")]


@pytest.mark.skipif(not shutil.which("pg_dump") or not shutil.which("pg_restore"), reason="no pg_dump here")
def test_the_printed_postgresql_commands_work(databases, capsys, monkeypatch, tmp_path):
    """The commands the refusals print are the right ones: run them, round trip a database."""
    url = databases.postgresql("migrated")
    engine = db.get_engine(url)
    try:
        add_units(engine)
        add_figures(engine, FIGURES)
        before = figures(engine)
        monkeypatch.setenv("DATABASE_URL", url)
        dump = tmp_path / "cchc.dump"
        _, _, err = run_cli(capsys, "backup", str(dump))
        [pg_dump] = commands_in(err)
        assert subprocess.run(pg_dump, capture_output=True, timeout=60).returncode == 0
        with engine.begin() as conn:
            conn.execute(Observation.__table__.delete())
        assert figures(engine) == set()
        _, _, err = run_cli(capsys, "restore", str(dump))
        pg_restore, init = commands_in(err)
        engine.dispose()
        result = subprocess.run(pg_restore, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        assert init == ["python", "-m", "lib.cli", "init-db"]
        assert run_cli(capsys, "init-db")[0] == 0
        assert figures(engine) == before
    finally:
        engine.dispose()
        db.get_engine.cache_clear()
        databases.drop(url)
