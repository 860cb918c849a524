"""Creating the schema and the catalogue (`init-db`), and the database on first start."""
from __future__ import annotations

from sqlalchemy import Engine, func, select

from lib.core import catalogue
from lib.store import db
from lib.store import definitions
from lib.store.models import Unit
from lib.store.transaction import writing


def init_db(engine: Engine) -> catalogue.Catalogue:
    """Create or upgrade the schema; load the catalogue and the 2022 targets (keeping edited targets).
    Returns the catalogue as stored."""
    db.upgrade(engine)
    with writing(engine, "init-db") as write:
        definitions.seed_catalogue(write.conn)
        write.data_changed()
        return definitions.load_catalogue(write.conn)


def has_units(engine: Engine) -> bool:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(Unit)).scalar() > 0
