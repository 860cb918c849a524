"""Sessions that can be ended, and a lockout that does not tell who exists

- users.sessions_valid_from: the time (epoch seconds) before which every login cookie of the account
  is void; logout, a password change and deactivation move it to now.
- login_attempts: failed sign-ins per typed name, whether or not an account of that name exists
  (so a lockout looks the same for everybody); replaces users.failed_logins and users.locked_until.

Revision ID: 0007
Revises: 0006
"""
from alembic import op
import sqlalchemy as sa

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_attempts",
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("last_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("username", name=op.f("pk_login_attempts")),
    )
    op.execute("INSERT INTO login_attempts (username, failed, locked_until) "
               "SELECT username, failed_logins, locked_until FROM users "
               "WHERE failed_logins > 0 OR locked_until IS NOT NULL")
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(sa.Column("sessions_valid_from", sa.Float(), nullable=True))
        batch_op.drop_column("failed_logins")
        batch_op.drop_column("locked_until")


def downgrade() -> None:
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("locked_until", sa.DateTime(), nullable=True))
        batch_op.drop_column("sessions_valid_from")
    op.drop_table("login_attempts")
