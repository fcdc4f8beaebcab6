"""Move a rendez-vous: new date and time, same or new duration (services.rendez_vous.move_rendez_vous)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from pole_desktop.formatting import format_datetime
from pole_desktop.gui.context import AppContext
from pole_desktop.gui.dialogs.rendez_vous_dialog import DURATIONS, from_qdatetime, to_qdatetime
from pole_desktop.gui.ops import run_read, run_write
from pole_desktop.services import rendez_vous as service
from pole_desktop.services.queries.agenda import RendezVousTiming, rendez_vous_timing


class MoveRendezVousDialog(QDialog):
    def __init__(self, ctx: AppContext, rdv_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rdv_id = rdv_id
        self.setObjectName("move_rendez_vous_dialog")
        self.setWindowTitle("Déplacer le rendez-vous")
        form = QFormLayout(self)
        self.current = QLabel()
        form.addRow(self.current)
        self.debut = QDateTimeEdit()
        self.debut.setObjectName("debut")
        self.debut.setAccessibleName("Nouvelle date et heure")
        self.debut.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.debut.setCalendarPopup(True)
        form.addRow("Nouvelle date :", self.debut)
        self.duree = QComboBox()
        self.duree.setObjectName("duree")
        self.duree.setAccessibleName("Durée")
        form.addRow("Durée :", self.duree)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Déplacer")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        run_read(ctx, lambda s: rendez_vous_timing(s, rdv_id), self._fill, parent=self)

    def _fill(self, timing: RendezVousTiming) -> None:
        debut, minutes = timing.debut, timing.minutes
        self.current.setText(f"<b>{timing.objet}</b><br>actuellement le {format_datetime(debut, long=True)}")
        self.debut.setDateTime(to_qdatetime(debut))
        choices = dict(DURATIONS)
        choices.setdefault(minutes, f"{minutes // 60} h {minutes % 60:02d}" if minutes >= 60 else f"{minutes} min")
        for m in sorted(choices):
            self.duree.addItem(choices[m], m)
        self.duree.setCurrentIndex(self.duree.findData(minutes))

    def save(self) -> bool:
        debut = from_qdatetime(self.debut.dateTime())
        fin = debut + dt.timedelta(minutes=int(self.duree.currentData()))
        return bool(run_write(self.ctx, lambda s: service.move_rendez_vous(s, self.rdv_id, debut, fin),
                              lambda _r: self.accept(), {"": self.error}, parent=self).ok)
