"""Date the results of a dossier (jobs created, jobs consolidated, funds mobilised)

A bilan counts the results obtained within its period, not every value recorded on a dossier
active in it (the same jobs were counted again each year).

Rule for values recorded without a date (before this revision, or by an older version of the
application; also stated in the bilan's « Méthode »):
- jobs created: the structure's creation date, else the dossier's closing date, else its opening date;
- jobs consolidated and funds mobilised: the dossier's closing date, else its opening date.

The rule is applied when a result is read (reports/bilan.py), not written here: a migration's writes
are not journaled, so a laptop that bootstraps later, or receives the value from an older laptop,
would hold other dates than one that migrated — and two laptops must hold the same data.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

COLUMNS = ("date_emplois_crees", "date_emplois_consolides", "date_fonds_mobilises")


def upgrade() -> None:
    for name in COLUMNS:  # plain ALTER TABLE ADD COLUMN: no table rebuild
        op.add_column("dossier", sa.Column(name, sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("dossier") as batch:
        for name in COLUMNS:
            batch.drop_column(name)
