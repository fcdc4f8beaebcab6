"""journal: partial index on the dossier_id entries (dossier history without a full scan)

A dossier's history looks for the rows that ever pointed at it — links removed since, a
rendez-vous moved to another dossier — by their ``dossier_id`` journal entries. Without an
index that is a scan of the whole journal (~7 s on the large dataset); with this partial
index (only the ``dossier_id`` entries, ~6 % of the journal) it is a look-up.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        'ix_change_log_dossier', 'change_log', ['value'], unique=False,
        sqlite_where=sa.text("col = 'dossier_id'"),
    )


def downgrade() -> None:
    op.drop_index('ix_change_log_dossier', table_name='change_log')
