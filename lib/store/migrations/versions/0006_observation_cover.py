"""observation_cover: an index that answers the year-to-date sums from the index alone

Scoring reads, per unit and indicator, the sums of one year's figures up to a month, for the units
under a root (lib.store.queries.year_to_date_under). With (unit_id, indicator, year, month_to, numerator,
denominator) each unit's figures are one short range of the index, already grouped, and the
table itself is never read.

Revision ID: 0006
Revises: 0005
"""
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_observations_unit_cover", "observations",
                    ["unit_id", "indicator", "year", "month_to", "numerator", "denominator"])


def downgrade() -> None:
    op.drop_index("ix_observations_unit_cover", table_name="observations")
