"""Spreadsheet imports: one batch per import, and what it did to each row (so it can be undone).

Both tables are synced: an import made on one laptop is undone on another (« Annuler cet
import »), so the other laptop needs the batch and its lines. A line holds the table and id of a
row the batch created or updated, and for an update the fields it changed (old and new values as
JSON), so the undo restores exactly those fields — and leaves alone a field edited since.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pole_desktop.domain.base import Base, SyncedMixin


class ImportLot(SyncedMixin, Base):
    __tablename__ = "import_lot"

    fichier: Mapped[str] = mapped_column(String(260))  # file name only, never the folder
    sha256: Mapped[str] = mapped_column(String(64))
    type: Mapped[str] = mapped_column(String(20))  # personnes, structures
    feuille: Mapped[str | None] = mapped_column(String(100))
    correspondance: Mapped[str | None] = mapped_column(Text)  # the column mapping, JSON
    auteur_id: Mapped[str | None] = mapped_column(ForeignKey("accompagnateur.id"))
    cree_le: Mapped[dt.datetime] = mapped_column(DateTime)
    nb_crees: Mapped[int] = mapped_column(Integer, default=0)
    nb_modifies: Mapped[int] = mapped_column(Integer, default=0)
    nb_doublons: Mapped[int] = mapped_column(Integer, default=0)
    nb_rejetes: Mapped[int] = mapped_column(Integer, default=0)
    annule_le: Mapped[dt.datetime | None] = mapped_column(DateTime)
    annule_par_id: Mapped[str | None] = mapped_column(ForeignKey("accompagnateur.id"))


class ImportLigne(SyncedMixin, Base):
    __tablename__ = "import_ligne"

    lot_id: Mapped[str] = mapped_column(ForeignKey("import_lot.id"), index=True)
    tbl: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(12))  # "creation" or "modification"
    anciennes_valeurs: Mapped[str | None] = mapped_column(Text)  # JSON {column: value} (updates)
    nouvelles_valeurs: Mapped[str | None] = mapped_column(Text)  # JSON {column: value} (updates)
