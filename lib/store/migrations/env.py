"""Alembic environment: runs against the engine the product passes in (or DATABASE_URL)."""
from alembic import context

from lib.store.models import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:
    from lib.store.db import get_engine

    engine = get_engine()

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    context.run_migrations()
