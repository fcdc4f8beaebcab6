"""Étapes tab: the dated history and "Changer d'étape…" (only allowed transitions)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from pole_desktop.formatting import format_date_short
from pole_desktop.gui.context import AppContext
from pole_desktop.gui.helpers import fill_table, read_only_table
from pole_desktop.gui.ops import run_read
from pole_desktop.services.queries.dossier import DossierEtapes, dossier_etapes


class EtapesTab(QWidget):
    def __init__(self, ctx: AppContext, dossier_id: str) -> None:
        super().__init__()
        self.ctx = ctx
        self.dossier_id = dossier_id
        self.current = QLabel()
        self.change_button = QPushButton("Chan&ger d'étape…")
        self.change_button.clicked.connect(self.change)
        self.table = read_only_table(["Date", "Étape", "Par", "Motif / commentaire"], "Historique des étapes")
        top = QHBoxLayout()
        top.addWidget(self.current, 1)
        top.addWidget(self.change_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.last_dialog = None

    def load(self) -> None:
        run_read(self.ctx, lambda s: dossier_etapes(s, self.dossier_id), self._fill, parent=self)

    def _fill(self, e: DossierEtapes) -> None:
        self.current.setText(f"Étape actuelle : <b>{e.current}</b>"
                             + (f" — clos le {format_date_short(e.cloture)}" if e.cloture else ""))
        fill_table(self.table, [[format_date_short(h.date), h.etape, h.par, h.motif] for h in e.rows])

    def change(self) -> None:
        from pole_desktop.gui.dialogs.change_etape import ChangeEtapeDialog

        dialog = ChangeEtapeDialog(self.ctx, self.dossier_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_dialog = dialog
        dialog.open()
