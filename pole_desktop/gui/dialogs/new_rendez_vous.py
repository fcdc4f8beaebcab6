"""« Nouveau rendez-vous » for a dossier: date, times, place, type, objet.
Code-built: a short form whose place fields depend on the chosen kind of place."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from pole_desktop.clock import today
from pole_desktop.gui.commune_edit import CommuneEdit
from pole_desktop.gui.context import AppContext
from pole_desktop.gui.helpers import error_label, fit_to_screen, set_error
from pole_desktop.gui.ops import run_read, run_write
from pole_desktop.services import rendez_vous as rdv_service
from pole_desktop.services.queries.dossiers import dossier_commune


class NewRendezVousDialog(QDialog):
    def __init__(self, ctx: AppContext, dossier_id: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dossier_id = dossier_id
        self.created_id: str | None = None
        self.setWindowTitle("Nouveau rendez-vous")
        start = dt.datetime.combine(today() + dt.timedelta(days=1), dt.time(9, 30))
        self.debut = QDateTimeEdit(QDateTime(start))
        self.debut.setCalendarPopup(True)
        self.debut.setDisplayFormat("dddd dd/MM/yyyy HH:mm")
        self.debut.setAccessibleName("Début du rendez-vous")
        self.fin = QTimeEdit(QTime(10, 30))
        self.fin.setDisplayFormat("HH:mm")
        self.fin.setAccessibleName("Heure de fin")
        self.debut.dateTimeChanged.connect(lambda v: self.fin.setTime(v.time().addSecs(3600)))
        self.lieu = QComboBox()
        self.lieu.setAccessibleName("Lieu")
        for code, label in rdv_service.LIEUX.items():
            self.lieu.addItem(label, code)
        self.type = QComboBox()
        self.type.setAccessibleName("Type de rendez-vous")
        for code, label in rdv_service.TYPES_RDV.items():
            self.type.addItem(label, code)
        self.type.setCurrentIndex(self.type.findData("suivi"))
        self.adresse = QLineEdit()
        self.adresse.setAccessibleName("Adresse")
        self.commune = CommuneEdit()
        self.commune.setAccessibleName("Commune")
        self.objet = QLineEdit()
        self.objet.setAccessibleName("Objet")
        if dossier_id:
            run_read(ctx, lambda s: dossier_commune(s, dossier_id), self.commune.set_code, parent=self)
        self.errors = {k: error_label() for k in ("debut", "fin", "adresse", "commune_insee", "objet", "__all__")}
        form = QFormLayout()
        form.addRow("&Début", self.debut)
        form.addRow("", self.errors["debut"])
        form.addRow("&Fin", self.fin)
        form.addRow("", self.errors["fin"])
        form.addRow("T&ype", self.type)
        form.addRow("&Lieu", self.lieu)
        form.addRow("&Adresse", self.adresse)
        form.addRow("", self.errors["adresse"])
        form.addRow("&Commune", self.commune)
        form.addRow("", self.errors["commune_insee"])
        form.addRow("&Objet", self.objet)
        form.addRow("", self.errors["objet"])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Planifier")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors["__all__"])
        layout.addWidget(buttons)
        fit_to_screen(self, 520, self.sizeHint().height())

    def submit(self) -> None:
        for label in self.errors.values():
            set_error(label, None)
        debut = self.debut.dateTime().toPython().replace(second=0, microsecond=0)
        fin = dt.datetime.combine(debut.date(), self.fin.time().toPython())
        values = {"dossier_id": self.dossier_id, "debut": debut, "fin": fin, "lieu_type": self.lieu.currentData(),
                  "type": self.type.currentData(), "adresse": self.adresse.text(),
                  "commune_insee": self.commune.code(), "objet": self.objet.text()}
        def planned(rdv_id: str) -> None:
            self.created_id = rdv_id
            self.accept()

        labels = {k: v for k, v in self.errors.items() if k != "__all__"}
        run_write(self.ctx, lambda s: rdv_service.plan_rendez_vous(s, values).id, planned,
                  {**labels, "": self.errors["__all__"]}, parent=self)
