"""inspections, inspection_issues, issue_fixes: the inspection register behind 1.2a and 1.2b
(each inspection of a commune, each issue it found, each fix the commune made)

Revision ID: 0013
Revises: 0012
"""
from alembic import op
import sqlalchemy as sa

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def _recorded() -> list:
    return [sa.Column("created_by", sa.String(64), nullable=False),
            sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False)]


def upgrade() -> None:
    op.create_table(
        "inspections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("team", sa.Text(), nullable=False),
        *_recorded(),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name="fk_inspections_unit_id_units"),
        sa.PrimaryKeyConstraint("id", name="pk_inspections"),
    )
    op.create_index("ix_inspections_unit_id", "inspections", ["unit_id"])
    op.create_table(
        "inspection_issues",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("inspection_id", sa.Integer(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        *_recorded(),
        sa.ForeignKeyConstraint(["inspection_id"], ["inspections.id"],
                                name="fk_inspection_issues_inspection_id_inspections"),
        sa.PrimaryKeyConstraint("id", name="pk_inspection_issues"),
    )
    op.create_index("ix_inspection_issues_inspection_id", "inspection_issues", ["inspection_id"])
    op.create_table(
        "issue_fixes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("issue_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *_recorded(),
        sa.ForeignKeyConstraint(["issue_id"], ["inspection_issues.id"], name="fk_issue_fixes_issue_id_inspection_issues"),
        sa.PrimaryKeyConstraint("id", name="pk_issue_fixes"),
        sa.UniqueConstraint("issue_id", name="uq_issue_fixes_issue_id"),
    )


def downgrade() -> None:
    op.drop_table("issue_fixes")
    op.drop_index("ix_inspection_issues_inspection_id", table_name="inspection_issues")
    op.drop_table("inspection_issues")
    op.drop_index("ix_inspections_unit_id", table_name="inspections")
    op.drop_table("inspections")
