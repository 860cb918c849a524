"""evidence: the evidence documents (tài liệu kiểm chứng) of a unit's indicator for a period, the
files themselves kept in the shared database (every app server sees them; backups carry them)

Revision ID: 0011
Revises: 0010
"""
from alembic import op
import sqlalchemy as sa

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("indicator", sa.String(16), nullable=False),
        sa.Column("period", sa.String(10), nullable=False),
        sa.Column("file_name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("mime", sa.String(100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_by", sa.String(64), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name="fk_evidence_unit_id_units"),
        sa.ForeignKeyConstraint(["indicator"], ["indicators.code"], name="fk_evidence_indicator_indicators"),
        sa.PrimaryKeyConstraint("id", name="pk_evidence"),
    )
    op.create_index("ix_evidence_figure", "evidence", ["unit_id", "indicator", "period"])


def downgrade() -> None:
    op.drop_index("ix_evidence_figure", table_name="evidence")
    op.drop_table("evidence")
