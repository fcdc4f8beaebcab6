"""Historique tab: who changed what and when, from the change journal, readable values."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from pole_desktop.gui.context import AppContext
from pole_desktop.gui.helpers import fill_table, read_only_table
from pole_desktop.gui.ops import run_read
from pole_desktop.services.queries.history import dossier_history


class HistoryTab(QWidget):
    def __init__(self, ctx: AppContext, dossier_id: str) -> None:
        super().__init__()
        self.ctx = ctx
        self.dossier_id = dossier_id
        self.table = read_only_table(["Date et heure", "Qui", "Quoi", "Ancienne valeur", "Nouvelle valeur"],
                                     "Historique des modifications")
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.table)
        self.rows: list[list[str]] = []

    def load(self) -> None:
        """Read the journal in the background (it can be long on a big journal)."""
        self.status.setText("Chargement de l'historique…")
        self.status.show()
        run_read(self.ctx, lambda s: dossier_history(s, self.dossier_id), self._show, parent=self)

    def _show(self, rows: list[list[str]]) -> None:
        self.rows = rows
        fill_table(self.table, rows, stretch=4, max_width=260)
        self.status.setText("Aucune modification enregistrée." if not rows else "")
        self.status.setVisible(not rows)
