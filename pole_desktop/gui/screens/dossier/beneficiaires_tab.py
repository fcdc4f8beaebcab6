"""Bénéficiaires tab: the people of the dossier and its structure; add by search, remove
with confirmation."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pole_desktop.gui.context import AppContext
from pole_desktop.gui.helpers import error_label, fill_table, read_only_table, row_key, section_title, set_error
from pole_desktop.gui.ops import run_read, run_write
from pole_desktop.gui.widgets.entity_picker import EntityPicker
from pole_desktop.services import dossiers as dossier_service
from pole_desktop.services.queries.dossier import DossierBeneficiaires, dossier_beneficiaires


def ask_remove(parent: QWidget, name: str) -> bool:
    return QMessageBox.question(
        parent, "Retirer un bénéficiaire", f"Retirer {name} des bénéficiaires de ce dossier ?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
    ) == QMessageBox.StandardButton.Yes


class BeneficiairesTab(QWidget):
    def __init__(self, ctx: AppContext, dossier_id: str) -> None:
        super().__init__()
        self.ctx = ctx
        self.dossier_id = dossier_id
        self.confirm_remove: Callable[[QWidget, str], bool] = ask_remove
        self.table = read_only_table(["Nom", "Rôle", "Téléphone", "E-mail", "Commune"], "Bénéficiaires du dossier")
        self.search = EntityPicker(ctx, "personne")
        self.search.setPlaceholderText("Ajouter une personne : tapez son nom, puis ↓ et Entrée…")
        self.search.setAccessibleName("Rechercher une personne à ajouter")
        self.search.setMinimumWidth(360)
        self.add_button = QPushButton("&Ajouter")
        self.remove_button = QPushButton("Re&tirer…")
        self.error = error_label()
        self.structure_label = QLabel()
        self.structure_label.setWordWrap(True)
        self.search.picked.connect(lambda hit: hit is not None and self.add_selected())
        self.add_button.clicked.connect(self.add_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        add = QHBoxLayout()
        add.addWidget(self.search, 3)
        add.addWidget(self.add_button)
        add.addStretch(1)
        add.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(section_title("Personnes"))
        layout.addWidget(self.table, 1)
        layout.addLayout(add)
        layout.addWidget(self.error)
        layout.addWidget(section_title("Structure"))
        layout.addWidget(self.structure_label)

    def load(self) -> None:
        run_read(self.ctx, lambda s: dossier_beneficiaires(s, self.dossier_id), self._fill, parent=self)

    def _fill(self, data: DossierBeneficiaires) -> None:
        fill_table(self.table, [[b.nom_complet, b.role.replace("-", " ").capitalize() if b.role else "",
                                 b.telephone or "", b.email or "", b.commune] for b in data.rows],
                   [(b.personne_id, b.nom_complet) for b in data.rows])
        st = data.structure
        self.structure_label.setText(f"<b>{st[0]}</b>{' (' + st[1] + ')' if st[1] else ''} — {st[2]}" if st
                                     else "Aucune structure liée à ce dossier.")

    def add_selected(self) -> None:
        pid = self.search.selected_id()
        if not pid:
            set_error(self.error, "Cherchez puis choisissez une personne dans la liste.")
            return
        self.add(pid)

    def add(self, personne_id: str) -> bool:
        """Link the person; the dossier page refreshes from the tables the write touched."""
        return not run_write(self.ctx, lambda s: dossier_service.add_beneficiaire(s, self.dossier_id, personne_id),
                             lambda _r: self.search.clear_choice(), {"": self.error}, parent=self).refused

    def remove_selected(self) -> bool:
        key = row_key(self.table)
        if not key:
            set_error(self.error, "Choisissez d'abord la personne à retirer.")
            return False
        pid, name = key
        if not self.confirm_remove(self, name):
            return False
        return not run_write(self.ctx, lambda s: dossier_service.remove_beneficiaire(s, self.dossier_id, pid),
                             errors_to={"": self.error}, parent=self).refused


__all__ = ["BeneficiairesTab"]
