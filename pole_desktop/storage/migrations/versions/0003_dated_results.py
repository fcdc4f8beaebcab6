"""Date the results of a dossier (jobs created, jobs consolidated, funds mobilised)

A bilan counts the results obtained within its period, not every value recorded on a dossier
active in it (the same jobs were counted again each year).

Rule for values recorded before this revision (also stated in the bilan's « Méthode »):
- jobs created: the structure's creation date, else the dossier's closing date, else its opening date;
- jobs consolidated and funds mobilised: the dossier's closing date, else its opening date.

Every laptop applies the same rule to the same synced values, so the dates agree without a sync.

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
    op.execute(
        "UPDATE dossier SET date_emplois_crees = COALESCE(date_structure_creee, date_cloture, date_ouverture) "
        "WHERE emplois_crees_etp IS NOT NULL AND date_emplois_crees IS NULL"
    )
    op.execute(
        "UPDATE dossier SET date_emplois_consolides = COALESCE(date_cloture, date_ouverture) "
        "WHERE emplois_consolides_etp IS NOT NULL AND date_emplois_consolides IS NULL"
    )
    op.execute(
        "UPDATE dossier SET date_fonds_mobilises = COALESCE(date_cloture, date_ouverture) "
        "WHERE fonds_mobilises_centimes IS NOT NULL AND date_fonds_mobilises IS NULL"
    )


def downgrade() -> None:
    with op.batch_alter_table("dossier") as batch:
        for name in COLUMNS:
            batch.drop_column(name)
