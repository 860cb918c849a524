"""units, catalogue, targets, observations, meta

Revision ID: 0001
Revises: 
Create Date: 2026-11-27 10:08:02.673638
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    
    op.create_table('areas',
    sa.Column('area', sa.Integer(), nullable=False),
    sa.Column('name_vi', sa.String(length=200), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('area', name=op.f('pk_areas'))
    )
    op.create_table('meta',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_meta'))
    )
    op.create_table('units',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('dbkk', sa.Boolean(), nullable=False),
    sa.Column('partly_self_financed', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['units.id'], name=op.f('fk_units_parent_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_units')),
    sa.UniqueConstraint('code', name=op.f('uq_units_code'))
    )
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_units_parent_id'), ['parent_id'], unique=False)

    op.create_table('indicators',
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('area', sa.Integer(), nullable=False),
    sa.Column('sort', sa.Integer(), nullable=False),
    sa.Column('levels', sa.String(length=64), nullable=False),
    sa.Column('measure', sa.String(length=16), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('aggregate', sa.String(length=16), nullable=False),
    sa.Column('scope', sa.String(length=32), nullable=False),
    sa.Column('name_vi', sa.Text(), nullable=False),
    sa.Column('name_en', sa.Text(), nullable=False),
    sa.Column('numerator_vi', sa.String(length=100), nullable=False),
    sa.Column('denominator_vi', sa.String(length=100), nullable=False),
    sa.Column('numerator_en', sa.String(length=100), nullable=False),
    sa.Column('denominator_en', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['area'], ['areas.area'], name=op.f('fk_indicators_area_areas')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_indicators'))
    )
    op.create_table('observations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('indicator', sa.String(length=16), nullable=False),
    sa.Column('period', sa.String(length=10), nullable=False),
    sa.Column('granularity', sa.String(length=1), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('month_from', sa.Integer(), nullable=False),
    sa.Column('month_to', sa.Integer(), nullable=False),
    sa.Column('numerator', sa.Integer(), nullable=False),
    sa.Column('denominator', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['indicator'], ['indicators.code'], name=op.f('fk_observations_indicator_indicators')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_observations_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_observations')),
    sa.UniqueConstraint('unit_id', 'indicator', 'period', name='uq_observations_key')
    )
    with op.batch_alter_table('observations', schema=None) as batch_op:
        batch_op.create_index('ix_observations_indicator_year', ['indicator', 'year'], unique=False)
        batch_op.create_index('ix_observations_year_month', ['year', 'month_to'], unique=False)

    op.create_table('targets',
    sa.Column('indicator', sa.String(length=16), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('level', sa.String(length=16), nullable=False),
    sa.Column('op', sa.String(length=2), nullable=False),
    sa.Column('value', sa.Numeric(precision=9, scale=4), nullable=False),
    sa.Column('tolerance', sa.Numeric(precision=9, scale=4), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=True),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['indicator'], ['indicators.code'], name=op.f('fk_targets_indicator_indicators')),
    sa.PrimaryKeyConstraint('indicator', 'year', 'level', name=op.f('pk_targets'))
    )



def downgrade() -> None:
    
    op.drop_table('targets')
    with op.batch_alter_table('observations', schema=None) as batch_op:
        batch_op.drop_index('ix_observations_year_month')
        batch_op.drop_index('ix_observations_indicator_year')

    op.drop_table('observations')
    op.drop_table('indicators')
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_units_parent_id'))

    op.drop_table('units')
    op.drop_table('meta')
    op.drop_table('areas')

