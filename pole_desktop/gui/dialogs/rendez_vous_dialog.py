"""Plan a rendez-vous in one step: prefilled with the slot double-clicked in the agenda.

Fields: date and time, durée, objet, type, lieu (bureau, sur site + adresse/commune, visio,
téléphone), optional dossier (found as you type; its beneficiaries become the participants).
Enter saves (services.rendez_vous.plan_rendez_vous); errors appear in red under the form.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from pole_desktop.formatting import format_datetime
from pole_desktop.gui.context import AppContext
from pole_desktop.gui.ops import run_read, run_write
from pole_desktop.gui.widgets.entity_picker import EntityPicker
from pole_desktop.gui.widgets.form_support import CommuneField, fill_combo
from pole_desktop.services import rendez_vous as service
from pole_desktop.services.queries.dossier import dossier_label
from pole_desktop.services.queries.search import Hit

DURATIONS = [(30, "30 min"), (45, "45 min"), (60, "1 h"), (90, "1 h 30"), (120, "2 h"), (180, "3 h"), (240, "4 h")]


def to_qdatetime(value: dt.datetime) -> QDateTime:
    return QDateTime(value.year, value.month, value.day, value.hour, value.minute, 0)


def from_qdatetime(value: QDateTime) -> dt.datetime:
    d, t = value.date(), value.time()
    return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


class RendezVousDialog(QDialog):
    def __init__(self, ctx: AppContext, debut: dt.datetime, parent: QWidget | None = None,
                 dossier_id: str | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.saved_id: str | None = None
        self.dossier_id: str | None = None
        self.setObjectName("rendez_vous_dialog")
        self.setWindowTitle("Nouveau rendez-vous")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.debut = QDateTimeEdit(to_qdatetime(debut))
        self.debut.setObjectName("debut")
        self.debut.setAccessibleName("Date et heure")
        self.debut.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.debut.setCalendarPopup(True)
        form.addRow("Le :", self.debut)
        self.duree = QComboBox()
        self.duree.setObjectName("duree")
        self.duree.setAccessibleName("Durée")
        for minutes, label in DURATIONS:
            self.duree.addItem(label, minutes)
        self.duree.setCurrentIndex(2)
        form.addRow("Durée :", self.duree)
        self.objet = QLineEdit()
        self.objet.setObjectName("objet")
        self.objet.setAccessibleName("Objet")
        self.objet.setPlaceholderText("ex. Point sur le budget prévisionnel")
        form.addRow("Objet :", self.objet)
        self.type = QComboBox()
        self.type.setObjectName("type")
        self.type.setAccessibleName("Type de rendez-vous")
        fill_combo(self.type, service.TYPES_RDV, empty=None)
        self.type.setCurrentIndex(self.type.findData("suivi"))
        form.addRow("Type :", self.type)
        self.lieu_type = QComboBox()
        self.lieu_type.setObjectName("lieu_type")
        self.lieu_type.setAccessibleName("Lieu")
        fill_combo(self.lieu_type, service.LIEUX, empty=None)
        form.addRow("Lieu :", self.lieu_type)
        self.adresse = QLineEdit()
        self.adresse.setObjectName("adresse")
        self.adresse.setAccessibleName("Adresse")
        self.adresse.setPlaceholderText("Adresse (sur site)")
        form.addRow("Adresse :", self.adresse)
        self.commune_edit = QLineEdit()
        self.commune_edit.setObjectName("commune")
        self.commune_edit.setAccessibleName("Commune")
        self.commune_edit.setPlaceholderText("Commune (par défaut celle du dossier)")
        self.commune = CommuneField(self.commune_edit)
        form.addRow("Commune :", self.commune_edit)
        self.dossier_search = EntityPicker(ctx, "dossier")
        self.dossier_search.setObjectName("dossier_search")
        self.dossier_search.setAccessibleName("Rechercher un dossier")
        self.dossier_search.setPlaceholderText("Facultatif : référence, titre, nom, structure, puis ↓ et Entrée…")
        self.dossier_search.picked.connect(self._on_dossier_picked)
        form.addRow("Dossier :", self.dossier_search)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("Enregistrer")
        self.save_button.setDefault(True)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if dossier_id:
            self._set_dossier(dossier_id)
        self.objet.setFocus()

    def _on_dossier_picked(self, hit: Hit | None) -> None:
        if hit is None:
            self.dossier_id = None
        elif hit.id != self.dossier_id:
            self._set_dossier(hit.id)

    def _set_dossier(self, dossier_id: str) -> None:
        run_read(self.ctx, lambda s: dossier_label(s, dossier_id), self._show_dossier, parent=self)

    def _show_dossier(self, found: tuple[str, str] | None) -> None:
        if found is None:
            return
        self.dossier_id = found[0]
        self.dossier_search.set_hit(Hit("dossier", found[0], found[1]))

    def values(self) -> dict[str, object]:
        debut = from_qdatetime(self.debut.dateTime())
        values: dict[str, object] = {
            "debut": debut,
            "fin": debut + dt.timedelta(minutes=int(self.duree.currentData())),
            "objet": self.objet.text().strip() or None,
            "type": self.type.currentData(),
            "lieu_type": self.lieu_type.currentData(),
            "adresse": self.adresse.text().strip() or None,
            "commune_insee": self.commune.code(),
            "dossier_id": self.dossier_id,
        }
        if not self.dossier_id:
            values["participants"] = []
        return values

    def save(self) -> bool:
        if self.dossier_search.has_unpicked_text():  # typed but not chosen: never a first guess
            self.error.setText("Choisissez le dossier dans la liste, ou videz le champ « Dossier ».")
            self.error.show()
            return False
        values = self.values()

        def planned(r: tuple[str, dt.datetime]) -> None:
            self.saved_id = r[0]
            self.saved_message = f"Rendez-vous enregistré : {format_datetime(r[1], long=True)}."
            self.accept()

        def write(s: Session) -> tuple[str, dt.datetime]:
            r = service.plan_rendez_vous(s, values)
            return r.id, r.debut

        return bool(run_write(self.ctx, write, planned, {"": self.error}, parent=self).ok)
