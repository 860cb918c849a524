"""indicators.stock_flow: a ratio counts a state (stock: read at its latest report) or events (flow: summed)

Revision ID: 0009
Revises: 0008
"""
from alembic import op
import sqlalchemy as sa

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# DOMAIN.md, "Edge rules, settled": the stocks and the flows of the 2022 catalogue (init-db seeds the
# same from data/indicators.csv; this fills a database made before the column existed).
STOCKS = ("3.1a", "3.2a", "3.2b", "3.3", "5.1", "5.2", "7.1")
FLOWS = ("1.2b", "2.1", "3.1b", "3.4", "7.2")


def upgrade() -> None:
    with op.batch_alter_table("indicators") as batch_op:
        batch_op.add_column(sa.Column("stock_flow", sa.String(length=8), nullable=False, server_default=""))
    indicators = sa.table("indicators", sa.column("code", sa.String), sa.column("stock_flow", sa.String))
    op.execute(indicators.update().where(indicators.c.code.in_(STOCKS)).values(stock_flow="stock"))
    op.execute(indicators.update().where(indicators.c.code.in_(FLOWS)).values(stock_flow="flow"))


def downgrade() -> None:
    with op.batch_alter_table("indicators") as batch_op:
        batch_op.drop_column("stock_flow")
