"""Index the journal's links to a dossier (History tab: rows linked to a dossier, even deleted ones)

A partial index: only journal entries of the ``dossier_id`` column, looked up by value.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE INDEX ix_change_log_dossier_link ON change_log (value) WHERE col = 'dossier_id'")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_change_log_dossier_link")
