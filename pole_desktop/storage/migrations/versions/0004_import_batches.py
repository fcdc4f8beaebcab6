"""Spreadsheet import batches and their lines (synced: an import is undone on any laptop)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_lot",
        sa.Column("fichier", sa.String(length=260), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("feuille", sa.String(length=100), nullable=True),
        sa.Column("correspondance", sa.Text(), nullable=True),
        sa.Column("auteur_id", sa.String(length=36), nullable=True),
        sa.Column("cree_le", sa.DateTime(), nullable=False),
        sa.Column("nb_crees", sa.Integer(), nullable=False),
        sa.Column("nb_modifies", sa.Integer(), nullable=False),
        sa.Column("nb_doublons", sa.Integer(), nullable=False),
        sa.Column("nb_rejetes", sa.Integer(), nullable=False),
        sa.Column("annule_le", sa.DateTime(), nullable=True),
        sa.Column("annule_par_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(["auteur_id"], ["accompagnateur.id"],
                                name=op.f("fk_import_lot_auteur_id_accompagnateur")),
        sa.ForeignKeyConstraint(["annule_par_id"], ["accompagnateur.id"],
                                name=op.f("fk_import_lot_annule_par_id_accompagnateur")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_lot")),
    )
    op.create_table(
        "import_ligne",
        sa.Column("lot_id", sa.String(length=36), nullable=False),
        sa.Column("tbl", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("action", sa.String(length=12), nullable=False),
        sa.Column("anciennes_valeurs", sa.Text(), nullable=True),
        sa.Column("nouvelles_valeurs", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(["lot_id"], ["import_lot.id"], name=op.f("fk_import_ligne_lot_id_import_lot")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_ligne")),
    )
    op.create_index(op.f("ix_import_ligne_lot_id"), "import_ligne", ["lot_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_import_ligne_lot_id"), table_name="import_ligne")
    op.drop_table("import_ligne")
    op.drop_table("import_lot")
