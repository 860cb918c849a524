"""observations.state: the reporting workflow (draft, submitted, returned, approved), who moved a
figure to its state, when, and the secretariat's comment

Figures stored before the workflow existed become approved: they are the figures the district has
published and steered by, so they keep counting on every page whichever counting the leaders
choose (approved only, or everything received), they are not listed as waiting for appraisal, and
changing one now needs the secretariat to unlock it with a reason, as for any approved figure.
A figure stored later without a state of its own (sample data) is submitted: received, not yet
appraised.

Revision ID: 0010
Revises: 0009
"""
from alembic import op
import sqlalchemy as sa

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("observations", sa.Column("state", sa.String(length=16), nullable=False,
                                            server_default="submitted"))
    op.add_column("observations", sa.Column("state_by", sa.String(length=64), nullable=True))
    op.add_column("observations", sa.Column("state_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("observations", sa.Column("state_comment", sa.Text(), nullable=True))
    op.execute("UPDATE observations SET state = 'approved', state_by = updated_by, state_at = updated_at")


def downgrade() -> None:
    with op.batch_alter_table("observations") as batch_op:
        for column in ("state_comment", "state_at", "state_by", "state"):
            batch_op.drop_column(column)
