"""Creating the schema and the catalogue (`init-db`), and the database on first start."""
from __future__ import annotations

from sqlalchemy import Engine, func, select

from lib.core import catalogue

from lib.store import db
from lib.store.models import Unit


def init_db(engine: Engine) -> None:
    """Create or upgrade the schema; load the catalogue and the 2022 targets (keeping edited targets)."""
    db.upgrade(engine)
    with engine.begin() as conn:
        catalogue.seed(conn)
        db.bump_data_version(conn)


def has_units(engine: Engine) -> bool:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(Unit)).scalar() > 0
