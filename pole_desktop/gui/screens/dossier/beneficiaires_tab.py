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
from sqlalchemy import select

from pole_desktop.domain.models import Dossier, DossierBeneficiaire, Personne, Structure
from pole_desktop.gui.context import AppContext
from pole_desktop.gui.display import commune_nom
from pole_desktop.gui.helpers import error_label, fill_table, read_only_table, row_key, section_title, set_error
from pole_desktop.gui.widgets.entity_picker import EntityPicker
from pole_desktop.services import dossiers as dossier_service
from pole_desktop.services.validation import ValidationError


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
        with self.ctx.db.read() as s:
            rows = s.execute(
                select(Personne, DossierBeneficiaire.role)
                .join(DossierBeneficiaire, DossierBeneficiaire.personne_id == Personne.id)
                .where(DossierBeneficiaire.dossier_id == self.dossier_id)
                .order_by(Personne.nom, Personne.prenom)
            ).all()
            d = s.get(Dossier, self.dossier_id)
            st = s.get(Structure, d.structure_id) if d.structure_id else None
            structure = (f"<b>{st.raison_sociale}</b>{' (' + st.sigle + ')' if st.sigle else ''}"
                         f" — {commune_nom(st.commune_insee)}" if st else "Aucune structure liée à ce dossier.")
            fill_table(self.table, [[p.nom_complet, role.replace("-", " ").capitalize() if role else "",
                                 p.telephone or "", p.email or "", commune_nom(p.commune_insee)]
                                    for p, role in rows], [(p.id, p.nom_complet) for p, _ in rows])
        self.structure_label.setText(structure)

    def add_selected(self) -> None:
        pid = self.search.selected_id()
        if not pid:
            set_error(self.error, "Cherchez puis choisissez une personne dans la liste.")
            return
        self.add(pid)

    def add(self, personne_id: str) -> bool:
        try:
            with self.ctx.db.session() as s:
                dossier_service.add_beneficiaire(s, self.dossier_id, personne_id)
        except ValidationError as e:
            set_error(self.error, " ".join(e.errors.values()))
            return False
        set_error(self.error, None)
        self.search.clear_choice()
        self.ctx.notify("dossier", "dossier_beneficiaire")
        self.load()
        return True

    def remove_selected(self) -> bool:
        key = row_key(self.table)
        if not key:
            set_error(self.error, "Choisissez d'abord la personne à retirer.")
            return False
        pid, name = key
        if not self.confirm_remove(self, name):
            return False
        with self.ctx.db.session() as s:
            dossier_service.remove_beneficiaire(s, self.dossier_id, pid)
        set_error(self.error, None)
        self.ctx.notify("dossier", "dossier_beneficiaire")
        self.load()
        return True


__all__ = ["BeneficiairesTab"]
