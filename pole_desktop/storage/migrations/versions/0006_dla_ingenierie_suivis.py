"""DLA: type and budget of the ingénierie, results of the follow-ups 6 and 24 months after it

Additive only (nullable columns, no table rebuild, nothing written): existing DLA dossiers simply
have no ingénierie type, budget or follow-up yet, and the bilan counts nothing for them.

Revision ID: 0006
Revises: 0004
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0004"
branch_labels = None
depends_on = None

COLUMNS = (
    ("ingenierie_type", sa.String(20)),
    ("ingenierie_budget_centimes", sa.Integer()),
    ("suivi_6_date", sa.Date()),
    ("suivi_6_resultat", sa.String(30)),
    ("suivi_6_commentaire", sa.String(500)),
    ("suivi_24_date", sa.Date()),
    ("suivi_24_resultat", sa.String(30)),
    ("suivi_24_commentaire", sa.String(500)),
)


def upgrade() -> None:
    for name, type_ in COLUMNS:  # plain ALTER TABLE ADD COLUMN
        op.add_column("dossier", sa.Column(name, type_, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("dossier") as batch:
        for name, _type in COLUMNS:
            batch.drop_column(name)
