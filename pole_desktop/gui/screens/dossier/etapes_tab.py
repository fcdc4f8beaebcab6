"""Étapes tab: the dated history and "Changer d'étape…" (only allowed transitions)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from sqlalchemy import select

from pole_desktop.domain.dispositifs import DISPOSITIFS, MOTIFS_CLOTURE
from pole_desktop.domain.models import Accompagnateur, Dossier, EtapeHistorique
from pole_desktop.formatting import format_date_short
from pole_desktop.gui.context import AppContext
from pole_desktop.gui.helpers import fill_table, read_only_table


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
        with self.ctx.db.read() as s:
            d = s.get(Dossier, self.dossier_id)
            disp = DISPOSITIFS[d.dispositif]
            rows = s.execute(
                select(EtapeHistorique, Accompagnateur.prenom, Accompagnateur.nom)
                .outerjoin(Accompagnateur, Accompagnateur.id == EtapeHistorique.accompagnateur_id)
                .where(EtapeHistorique.dossier_id == self.dossier_id)
                .order_by(EtapeHistorique.date.desc())
            ).all()
            self.current.setText(f"Étape actuelle : <b>{disp.libelle_etape(d.etape)}</b>"
                                 + (f" — clos le {format_date_short(d.date_cloture)}" if d.date_cloture else ""))
            fill_table(self.table, [[
            format_date_short(h.date), disp.libelle_etape(h.etape), f"{p or ''} {n or ''}".strip(),
            " — ".join(filter(None, [MOTIFS_CLOTURE.get(h.motif_cloture or "", ""), h.commentaire or ""])),
            ] for h, p, n in rows])

    def change(self) -> None:
        from pole_desktop.gui.dialogs.change_etape import ChangeEtapeDialog

        dialog = ChangeEtapeDialog(self.ctx, self.dossier_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.ctx.notify("dossier", "etape_historique"))
        self.last_dialog = dialog
        dialog.open()
