"""boundaries: the communes' boundaries loaded by import-boundaries

Revision ID: 0005
Revises: 0004
"""
from alembic import op
import sqlalchemy as sa

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "boundaries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("district_id", sa.Integer(), nullable=False),
        sa.Column("geometry", sa.Text(), nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("feature_name", sa.String(200), nullable=True),
        sa.Column("feature_code", sa.String(64), nullable=True),
        sa.Column("updated_by", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name="fk_boundaries_unit_id_units"),
        sa.ForeignKeyConstraint(["district_id"], ["units.id"], name="fk_boundaries_district_id_units"),
        sa.PrimaryKeyConstraint("id", name="pk_boundaries"),
        sa.UniqueConstraint("unit_id", name="uq_boundaries_unit_id"),
    )
    op.create_index("ix_boundaries_district_id", "boundaries", ["district_id"])


def downgrade() -> None:
    op.drop_index("ix_boundaries_district_id", table_name="boundaries")
    op.drop_table("boundaries")
