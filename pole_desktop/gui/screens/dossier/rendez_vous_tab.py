"""Rendez-vous tab: the dossier's rendez-vous with their status and compte-rendu."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from pole_desktop.formatting import format_date_short, format_time
from pole_desktop.gui.context import AppContext
from pole_desktop.gui.helpers import fill_table, read_only_table, row_key
from pole_desktop.gui.ops import run_read
from pole_desktop.services import rendez_vous as rdv_service
from pole_desktop.services.queries.dossier import RendezVousRow, dossier_rendez_vous


class RendezVousTab(QWidget):
    def __init__(self, ctx: AppContext, dossier_id: str) -> None:
        super().__init__()
        self.ctx = ctx
        self.dossier_id = dossier_id
        self.table = read_only_table(["Date", "Heure", "Type", "Lieu", "Objet", "Statut", "Compte-rendu"],
                                     "Rendez-vous du dossier")
        self.new_button = QPushButton("&Nouveau rendez-vous…")
        self.cr_button = QPushButton("Co&mpte-rendu…")
        self.new_button.clicked.connect(self.new_rendez_vous)
        self.cr_button.clicked.connect(self.open_compte_rendu)
        self.table.doubleClicked.connect(lambda _i: self.open_compte_rendu())
        self.print_button = QPushButton("Imprimer le compte-rendu…")
        self.print_button.setToolTip("Génère le compte-rendu en PDF (gardé dans les documents du dossier) et l'affiche")
        self.print_button.clicked.connect(self.print_compte_rendu)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.cr_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.last_dialog = None

    def load(self) -> None:
        run_read(self.ctx, lambda s: dossier_rendez_vous(s, self.dossier_id), self._fill, parent=self)

    def _fill(self, rows: list[RendezVousRow]) -> None:
        fill_table(self.table, [[
            format_date_short(r.debut), f"{format_time(r.debut)}–{format_time(r.fin)}",
            rdv_service.TYPES_RDV.get(r.type, r.type),
            " — ".join(filter(None, [rdv_service.LIEUX.get(r.lieu_type, ""), r.commune])),
            r.objet or "", rdv_service.STATUTS.get(r.statut, r.statut), "Oui" if r.has_compte_rendu else "—",
        ] for r in rows], [r.id for r in rows])

    def new_rendez_vous(self) -> None:
        from pole_desktop.gui.dialogs.new_rendez_vous import NewRendezVousDialog

        dialog = NewRendezVousDialog(self.ctx, self.dossier_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_dialog = dialog
        dialog.open()  # window-modal, never blocks the event loop

    def open_compte_rendu(self) -> None:
        rid = row_key(self.table)
        if rid:
            self.ctx.open_compte_rendu(str(rid))

    def print_compte_rendu(self) -> None:
        rid = row_key(self.table)
        if rid:
            from pole_desktop.gui.dialogs.generate_document import open_generate_dialog

            open_generate_dialog(self.ctx, "rendez_vous", str(rid), self)
