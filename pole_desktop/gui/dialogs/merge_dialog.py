"""Merge two duplicate records (people or structures), side by side.

Shows each field of both records, lets the advisor choose which record is kept, and lists the
links that will move to it; "Fusionner" calls services.fusion.merge in one transaction. The merge
is recorded and can be undone from the survivor's detail ("Annuler la fusion").
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pole_desktop.formatting import format_cents, format_date_short, format_phone, format_siret
from pole_desktop.gui.context import AppContext
from pole_desktop.gui.helpers import fit_to_screen
from pole_desktop.gui.ops import run_read, run_write
from pole_desktop.services import fusion
from pole_desktop.services.personnes import CIVILITES, SEXES, SITUATIONS
from pole_desktop.services.queries.duplicates import MergeSide, merge_sides
from pole_desktop.storage.search import commune_name
from pole_desktop.territory import get_territory

SIDES = ("gauche", "droite")
PERSON_ROWS = [
    ("civilite", "Civilité"), ("nom", "Nom"), ("prenom", "Prénom"), ("sexe", "Sexe"),
    ("annee_naissance", "Année de naissance"), ("telephone", "Téléphone"), ("email", "E-mail"),
    ("adresse", "Adresse"), ("code_postal", "Code postal"), ("commune_insee", "Commune"),
    ("situation", "Situation"), ("prescripteur", "Prescripteur"), ("consentement_date", "Consentement le"),
    ("cree_le", "Fiche créée le"),
]
STRUCTURE_ROWS = [
    ("raison_sociale", "Raison sociale"), ("sigle", "Sigle"), ("forme_juridique", "Forme juridique"),
    ("siret", "SIRET"), ("rna", "RNA"), ("naf", "NAF"), ("date_creation", "Date de création"),
    ("adresse", "Adresse"), ("code_postal", "Code postal"), ("commune_insee", "Commune"),
    ("telephone", "Téléphone"), ("email", "E-mail"), ("salaries", "Salariés"), ("benevoles", "Bénévoles"),
    ("budget_centimes", "Budget"),
]


def display(field: str, value: Any) -> str:
    if value is None or value == "":
        return ""
    if field == "civilite":
        return CIVILITES.get(value, value)
    if field == "sexe":
        return SEXES.get(value, value)
    if field == "situation":
        return SITUATIONS.get(value, value)
    if field == "commune_insee":
        return commune_name(value)
    if field == "telephone":
        return format_phone(value)
    if field == "siret":
        return format_siret(value)
    if field == "forme_juridique":
        return get_territory().legal_form(value) or value
    if field == "budget_centimes":
        return format_cents(value)
    if hasattr(value, "strftime"):
        return format_date_short(value)
    return str(value)


class MergeDialog(QDialog):
    def __init__(self, ctx: AppContext, kind: str, first_id: str, second_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kind = kind
        self.ids = (first_id, second_id)
        self.fusion_id: str | None = None
        self.setObjectName("merge_dialog")
        self.setWindowTitle("Fusionner deux fiches en double")
        fit_to_screen(self, 820, 560)
        rows = PERSON_ROWS if kind == "personne" else STRUCTURE_ROWS
        self._rows = rows
        self.titles, self.links = ["", ""], [[], []]

        layout = QVBoxLayout(self)
        intro = QLabel(
            "Comparez les deux fiches et choisissez celle à garder. Les liens de l'autre fiche "
            "(dossiers, rendez-vous, ateliers, rôles…) seront rattachés à la fiche gardée, et ses "
            "informations compléteront les champs vides. La fusion peut être annulée ensuite."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.table = QTableWidget(len(rows) + 1, 2)
        self.table.setObjectName("comparison")
        self.table.setAccessibleName("Comparaison des deux fiches")
        self.table.setHorizontalHeaderLabels(["Fiche de gauche", "Fiche de droite"])
        self.table.setVerticalHeaderLabels([label for _, label in rows] + ["Liens"])
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)

        choice = QHBoxLayout()
        self.group = QButtonGroup(self)
        self.keep_buttons = []
        for j in range(2):
            b = QRadioButton("Garder la fiche de gauche" if j == 0 else "Garder la fiche de droite")
            b.setObjectName(f"keep_{j}")
            b.setAccessibleName(f"Garder la fiche {j + 1}")
            self.group.addButton(b, j)
            self.keep_buttons.append(b)
            choice.addWidget(b)
        layout.addLayout(choice)
        self.moves = QLabel()
        self.moves.setObjectName("moves")
        self.moves.setWordWrap(True)
        layout.addWidget(self.moves)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Fusionner")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        buttons.accepted.connect(self.merge)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.group.idToggled.connect(lambda _i, _c: self._update_moves())
        run_read(ctx, lambda s: merge_sides(s, kind, self.ids, [f for f, _ in rows]), self._fill, parent=self)

    def _fill(self, sides: list[MergeSide]) -> None:
        rows = self._rows
        self.titles = [side.title for side in sides]
        self.links = [side.links for side in sides]
        values = [[display(f, side.values[f]) for f, _ in rows] for side in sides]
        links_text = [", ".join(label for label, _ in links) or "aucun" for links in self.links]
        for i in range(len(rows)):
            for j in range(2):
                item = QTableWidgetItem(values[j][i])
                if values[0][i] != values[1][i] and values[0][i] and values[1][i]:
                    item.setBackground(QColor("#fff1c2"))  # the two records disagree
                self.table.setItem(i, j, item)
        for j in range(2):
            item = QTableWidgetItem(links_text[j])
            item.setToolTip(links_text[j])
            self.table.setItem(len(rows), j, item)
        self.table.resizeRowToContents(len(rows))
        # Keep by default the record with the most links.
        n = [sum(c for _, c in links) for links in self.links]
        self.keep_buttons[1 if n[1] > n[0] else 0].setChecked(True)
        self._update_moves()

    @property
    def keep_index(self) -> int:
        return max(self.group.checkedId(), 0)

    def _update_moves(self) -> None:
        gone = 1 - self.keep_index
        links = self.links[gone]
        what = ", ".join(label for label, _ in links) if links else "aucun lien"
        self.moves.setText(
            f"La fiche de {SIDES[gone]} <b>« {self.titles[gone]} »</b> sera fusionnée dans la fiche de "
            f"{SIDES[self.keep_index]} <b>« {self.titles[self.keep_index]} »</b>. Liens déplacés : {what}."
        )

    def merge(self) -> bool:
        keep, gone = self.ids[self.keep_index], self.ids[1 - self.keep_index]
        kind = self.kind

        def merged(fusion_id: str) -> None:
            self.fusion_id, self.survivor_id = fusion_id, keep
            self.accept()

        return bool(run_write(self.ctx, lambda s: fusion.merge(s, kind, keep, gone).id, merged, {"": self.error},
                              parent=self).ok)
