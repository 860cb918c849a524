"""Times stored timezone-aware in UTC

On PostgreSQL every time column becomes `timestamp with time zone`; the naive values stored so far
were UTC (the app's writes) and are read as such. SQLite keeps no offset: its columns stay as they
are and hold naive UTC, which the app reads as UTC (lib.store.models.UtcDateTime).

Revision ID: 0008
Revises: 0007
"""
from alembic import op
import sqlalchemy as sa

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TIME_COLUMNS = [
    ("units", "updated_at"), ("targets", "updated_at"), ("observations", "created_at"),
    ("observations", "updated_at"), ("users", "created_at"), ("login_attempts", "locked_until"),
    ("login_attempts", "last_at"), ("audit_log", "at"), ("boundaries", "updated_at"),
]


def _alter(timezone: bool) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column in TIME_COLUMNS:
        using = f"{column} AT TIME ZONE 'UTC'"  # naive UTC -> the instant, and back
        op.alter_column(table, column, type_=sa.DateTime(timezone=timezone), postgresql_using=using)


def upgrade() -> None:
    _alter(True)


def downgrade() -> None:
    _alter(False)
