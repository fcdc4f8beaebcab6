"""Actions tab: follow-ups of the dossier; mark done, add one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QTableWidgetItem, QVBoxLayout, QWidget

from pole_desktop.clock import today
from pole_desktop.formatting import format_date_short
from pole_desktop.gui.context import AppContext
from pole_desktop.gui.helpers import error_label, fill_table, read_only_table, set_error
from pole_desktop.gui.ops import run_read, run_write
from pole_desktop.services import rendez_vous as rdv_service
from pole_desktop.services.queries.dossier import ActionRow, dossier_actions


class ActionsTab(QWidget):
    def __init__(self, ctx: AppContext, dossier_id: str) -> None:
        super().__init__()
        self.ctx = ctx
        self.dossier_id = dossier_id
        self.table = read_only_table(["Faite", "Action", "Qui", "Échéance", "Faite le"], "Actions du dossier")
        self.table.itemChanged.connect(self._checked)
        self.libelle = QLineEdit()
        self.libelle.setPlaceholderText("Nouvelle action…")
        self.libelle.setAccessibleName("Nouvelle action")
        self.responsable = QLineEdit()
        self.responsable.setPlaceholderText("Qui")
        self.responsable.setAccessibleName("Responsable de l'action")
        self.echeance = QLineEdit()
        self.echeance.setPlaceholderText("Échéance JJ/MM/AAAA")
        self.echeance.setAccessibleName("Échéance de l'action")
        self.add_button = QPushButton("&Ajouter l'action")
        self.add_button.clicked.connect(self.add)
        self.libelle.returnPressed.connect(self.add)
        self.error = error_label()
        add = QHBoxLayout()
        add.addWidget(self.libelle, 3)
        add.addWidget(self.responsable, 1)
        add.addWidget(self.echeance, 1)
        add.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(add)
        layout.addWidget(self.error)

    def load(self) -> None:
        run_read(self.ctx, lambda s: dossier_actions(s, self.dossier_id), self._fill, parent=self)

    def _fill(self, rows: list[ActionRow]) -> None:
        self.table.blockSignals(True)
        fill_table(self.table, [["", r.libelle, r.responsable or "",
                                 format_date_short(r.echeance) if r.echeance else "",
                                 format_date_short(r.faite_le) if r.faite_le else ""] for r in rows],
                   [r.id for r in rows])
        for i, r in enumerate(rows):
            item = self.table.item(i, 0)
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Checked if r.faite else Qt.CheckState.Unchecked)
            if r.echeance and not r.faite and r.echeance < today():
                for j in range(1, 4):
                    self.table.item(i, j).setForeground(Qt.GlobalColor.darkRed)
        self.table.blockSignals(False)

    def _checked(self, item: QTableWidgetItem) -> None:
        if item.column() != 0:
            return
        action_id, done = item.data(Qt.ItemDataRole.UserRole), item.checkState() == Qt.CheckState.Checked
        # The dossier page (and Aujourd'hui) refresh from the « action » table the write touched.
        run_write(self.ctx, lambda s: rdv_service.set_action_done(s, action_id, done), errors_to={"": self.error},
                  parent=self)

    def add(self) -> None:
        from pole_desktop.gui.dialogs.compte_rendu import parse_date_fr

        try:
            echeance = parse_date_fr(self.echeance.text())
        except ValueError:
            set_error(self.error, "Échéance invalide : utilisez le format JJ/MM/AAAA.")
            return
        values = {"dossier_id": self.dossier_id, "libelle": self.libelle.text(),
                  "responsable": self.responsable.text(), "echeance": echeance}

        def added(_action: object) -> None:
            for w in (self.libelle, self.responsable, self.echeance):
                w.clear()

        run_write(self.ctx, lambda s: rdv_service.add_action(s, values), added, {"": self.error}, parent=self)
