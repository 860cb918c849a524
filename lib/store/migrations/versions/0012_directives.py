"""directives and directive_notes: the leaders' directives (ý kiến chỉ đạo) on a cell, the unit
responsible, the deadline, whether done, and the responsible unit's progress notes

Revision ID: 0012
Revises: 0011
"""
from alembic import op
import sqlalchemy as sa

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "directives",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("area", sa.Integer(), nullable=True),
        sa.Column("indicator", sa.String(16), nullable=True),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("responsible_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False, server_default="open"),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("closed_by", sa.String(64), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closing_note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["area"], ["areas.area"], name="fk_directives_area_areas"),
        sa.ForeignKeyConstraint(["indicator"], ["indicators.code"], name="fk_directives_indicator_indicators"),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name="fk_directives_unit_id_units"),
        sa.ForeignKeyConstraint(["responsible_id"], ["units.id"], name="fk_directives_responsible_id_units"),
        sa.PrimaryKeyConstraint("id", name="pk_directives"),
    )
    op.create_index("ix_directives_responsible_id", "directives", ["responsible_id"])
    op.create_index("ix_directives_state", "directives", ["state"])
    op.create_table(
        "directive_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("directive_id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["directive_id"], ["directives.id"], name="fk_directive_notes_directive_id_directives"),
        sa.PrimaryKeyConstraint("id", name="pk_directive_notes"),
    )
    op.create_index("ix_directive_notes_directive_id", "directive_notes", ["directive_id"])


def downgrade() -> None:
    op.drop_index("ix_directive_notes_directive_id", table_name="directive_notes")
    op.drop_table("directive_notes")
    op.drop_index("ix_directives_state", table_name="directives")
    op.drop_index("ix_directives_responsible_id", table_name="directives")
    op.drop_table("directives")
