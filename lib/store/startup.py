"""The database on the app's first start: ready, or what is missing. No Streamlit.

Embedded SQLite (DATABASE_URL unset): a fresh machine gets the schema and the demo district,
so `streamlit run app.py` shows something at once. PostgreSQL (the shared deployment) is never
written to here: the app says which command to run.
"""
from __future__ import annotations

from sqlalchemy import Engine, inspect

from lib.store import db, queries
from lib.store.setup import has_units, init_db

READY = "ready"
NO_SCHEMA = "no_schema"
NO_DISTRICT = "no_district"

# What to run for each missing piece (shown as-is by the app).
COMMANDS = {
    NO_SCHEMA: ["python -m lib.cli init-db"],
    NO_DISTRICT: [
        "python -m lib.cli init-db",
        "python -m lib.cli setup-district MA_HUYEN   # ví dụ / e.g. 016",
        "python -m lib.cli import-units don_vi.xlsx",
        "python -m lib.cli import so_lieu.xlsx",
    ],
}


def _has_schema(engine: Engine) -> bool:
    return inspect(engine).has_table("meta")


def prepare(engine: Engine, embedded: bool, find_district) -> str:
    """Make an embedded database usable (schema created or upgraded, then the demo district, read
    from the official list by `find_district` (lib.io.official.find_district), when there are no
    units); report what a server database lacks (a schema, or its newest migration; a district).
    Returns READY, NO_SCHEMA or NO_DISTRICT."""
    if embedded:
        if not _has_schema(engine) or not db.schema_is_current(engine):
            init_db(engine)
        if not has_units(engine):
            from lib.store import demo

            demo.seed_demo(engine, find_district(demo.DEMO_DISTRICT))
    elif not _has_schema(engine) or not db.schema_is_current(engine):
        return NO_SCHEMA
    with engine.connect() as conn:
        if queries.default_root(conn) is None:
            return NO_DISTRICT
    return READY
