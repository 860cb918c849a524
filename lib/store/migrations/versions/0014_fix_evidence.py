"""evidence.fix_id: an evidence document may belong to a fix of the inspection register (the
commune's 1.2b for the fix's month); documents of a figure leave it empty

Revision ID: 0014
Revises: 0013
"""
from alembic import op
import sqlalchemy as sa

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("evidence") as batch_op:
        batch_op.add_column(sa.Column("fix_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_evidence_fix_id_issue_fixes", "issue_fixes", ["fix_id"], ["id"])
        batch_op.create_index("ix_evidence_fix_id", ["fix_id"])


def downgrade() -> None:
    with op.batch_alter_table("evidence") as batch_op:
        batch_op.drop_index("ix_evidence_fix_id")
        batch_op.drop_constraint("fk_evidence_fix_id_issue_fixes", type_="foreignkey")
        batch_op.drop_column("fix_id")
