"""Create or edit an atelier (form ui/atelier_form.ui): titre, thème, dispositif, capacité, date,
début/fin, lieu, commune, description. services.ateliers.save_atelier validates; each French
message appears under its field and nothing is saved."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from pole_desktop.clock import today
from pole_desktop.domain.dispositifs import DISPOSITIFS
from pole_desktop.errors import user_message
from pole_desktop.gui.context import AppContext
from pole_desktop.gui.forms.ui_atelier_form import Ui_AtelierForm
from pole_desktop.gui.ops import run_read, run_write
from pole_desktop.gui.widgets.form_support import CommuneField, fill_combo, qdate, set_combo, show_errors, text_or_none
from pole_desktop.services import ateliers as service
from pole_desktop.services.queries.ateliers import AtelierForm, atelier_form
from pole_desktop.services.validation import ValidationError


class AtelierFormDialog(QDialog):
    def __init__(self, ctx: AppContext, atelier_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.atelier_id = atelier_id
        self.saved_id: str | None = None
        self.ui = Ui_AtelierForm()
        self.ui.setupUi(self)
        self.setObjectName("atelier_form")
        ui = self.ui
        ui.mainLayout.setStretch(1, 1)
        fill_combo(ui.dispositif, [(code, d.nom) for code, d in DISPOSITIFS.items()], empty="Aucun")
        ui.date.setDisplayFormat("dd/MM/yyyy")
        ui.date.setCalendarPopup(True)
        ui.date.setDate(qdate(today() + dt.timedelta(days=14)))
        for w in (ui.debut, ui.fin):
            w.setDisplayFormat("HH:mm")
        ui.debut.setTime(QTime(14, 0))
        ui.fin.setTime(QTime(16, 0))
        self.commune = CommuneField(ui.commune_insee)
        ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).setText("Enregistrer")
        ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        ui.buttonBox.accepted.connect(self.save)
        ui.buttonBox.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        show_errors(self, {}, ui.banner)
        ui.banner.hide()
        self.setWindowTitle("Nouvel atelier")
        if atelier_id:
            self._load(atelier_id)
        ui.titre.setFocus()

    def _load(self, atelier_id: str) -> None:
        run_read(self.ctx, lambda s: atelier_form(s, atelier_id), self._fill, parent=self)

    def _fill(self, a: AtelierForm | None) -> None:
        if a is None:
            return
        ui = self.ui
        self.setWindowTitle(f"Atelier — {a.titre}")
        ui.titre.setText(a.titre)
        ui.theme.setText(a.theme or "")
        set_combo(ui.dispositif, a.dispositif)
        ui.capacite.setText("" if a.capacite is None else str(a.capacite))
        ui.date.setDate(QDate(a.debut.year, a.debut.month, a.debut.day))
        ui.debut.setTime(QTime(a.debut.hour, a.debut.minute))
        ui.fin.setTime(QTime(a.fin.hour, a.fin.minute))
        ui.lieu.setText(a.lieu or "")
        self.commune.set_code(a.commune_insee)
        ui.description.setPlainText(a.description or "")

    def values(self) -> dict[str, Any]:
        ui = self.ui
        d = ui.date.date()
        day = dt.date(d.year(), d.month(), d.day())

        def at(t: QTime) -> dt.datetime:
            return dt.datetime.combine(day, dt.time(t.hour(), t.minute()))

        return {
            "titre": text_or_none(ui.titre),
            "theme": text_or_none(ui.theme),
            "dispositif": ui.dispositif.currentData(),
            "capacite": text_or_none(ui.capacite),
            "debut": at(ui.debut.time()),
            "fin": at(ui.fin.time()),
            "lieu": text_or_none(ui.lieu),
            "commune_insee": self.commune.code(),
            "description": ui.description.toPlainText().strip() or None,
        }

    def save(self) -> bool:
        """True once saved and closed; else the French messages are next to the fields."""
        values, aid = self.values(), self.atelier_id
        self.saved_id = None

        def saved(saved_id: str) -> None:
            self.saved_id = saved_id
            self.accept()

        def refused(error: BaseException) -> None:
            errors = dict(error.errors) if isinstance(error, ValidationError) else {"": user_message(error)}
            if "debut" in errors:
                errors.setdefault("date", errors.pop("debut"))
            show_errors(self, errors, self.ui.banner)

        return bool(run_write(self.ctx, lambda s: service.save_atelier(s, values, aid).id, saved, refused,
                              parent=self).ok)
