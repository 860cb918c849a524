"""Engine, schema upgrade (Alembic) and the small facts kept in the `meta` table."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, select, text
from sqlalchemy.engine import Connection

from lib.core import settings
from lib.store.models import Meta

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SAMPLE_FLAG = "sample_data"  # meta key: "1" while every figure is sample data (demo mode)
DEMO_ENDED = "demo_ended_at"  # meta key: when the first real figures ended demo mode


@lru_cache(maxsize=8)
def get_engine(url: str | None = None) -> Engine:
    """The engine for `url` (default: DATABASE_URL, else the embedded SQLite file)."""
    url = url or settings.load().database_url
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config(engine: Engine):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine) -> None:
    """Create or upgrade the schema to the newest migration."""
    from alembic import command

    command.upgrade(alembic_config(engine), "head")


def schema_is_current(engine: Engine) -> bool:
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    heads = set(ScriptDirectory.from_config(alembic_config(engine)).get_heads())
    with engine.connect() as conn:
        current = set(MigrationContext.configure(conn).get_current_heads())
    return current == heads


def reachable(engine: Engine) -> bool:
    """Whether the database answers now."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except Exception:
        return False


def get_meta(conn: Connection, key: str, default: str | None = None) -> str | None:
    value = conn.execute(select(Meta.value).where(Meta.key == key)).scalar_one_or_none()
    return default if value is None else value


def set_meta(conn: Connection, key: str, value: str) -> None:
    updated = conn.execute(Meta.__table__.update().where(Meta.key == key).values(value=value))
    if updated.rowcount == 0:
        conn.execute(Meta.__table__.insert().values(key=key, value=value))


def lock_meta(conn: Connection, key: str, default: str = "") -> None:
    """Hold the meta entry `key` (made with `default` when missing) until this transaction ends, so
    that a read-modify-write of its value, called first thing in the transaction, reads what the
    previous writer committed and loses nothing: another writer of the entry waits here. PostgreSQL:
    the row locked (SELECT ... FOR UPDATE; the transaction reads committed, lib.store.transaction).
    SQLite: the insert takes the database's write lock at once (its reads take none)."""
    conn.execute(text("INSERT INTO meta (key, value) VALUES (:key, :value) ON CONFLICT (key) DO NOTHING"),
                 {"key": key, "value": default})
    if conn.dialect.name == "postgresql":
        conn.execute(select(Meta.key).where(Meta.key == key).with_for_update())


def bump_data_version(conn: Connection) -> None:
    """Every write calls this inside its transaction, so caches keyed on the version never go stale."""
    updated = conn.execute(
        text("UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS VARCHAR(32)) WHERE key = 'data_version'")
    )
    if updated.rowcount == 0:
        conn.execute(Meta.__table__.insert().values(key="data_version", value="1"))


def data_version(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(get_meta(conn, "data_version", "0"))
