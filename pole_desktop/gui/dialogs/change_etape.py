"""« Changer d'étape » : only the transitions the dispositif allows; closing asks for the reason
(and the partner for a réorientation). Code-built: the choices come from domain.dispositifs."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from pole_desktop.clock import today
from pole_desktop.domain.dispositifs import CLOTURE, DISPOSITIFS, MOTIFS_AVEC_PRECISION, MOTIFS_CLOTURE
from pole_desktop.gui.context import AppContext
from pole_desktop.gui.helpers import error_label, fit_to_screen, set_error
from pole_desktop.gui.ops import run_read, run_write
from pole_desktop.services import undo as undo_service
from pole_desktop.services.queries.dossier import DossierEtapeState, dossier_etape_state


class ChangeEtapeDialog(QDialog):
    def __init__(self, ctx: AppContext, dossier_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dossier_id = dossier_id
        self.setWindowTitle("Changer d'étape")
        self.etape = QComboBox()
        self.etape.setAccessibleName("Nouvelle étape")
        self.current_label = QLabel()
        self.date = QDateEdit(QDate(today()))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd/MM/yyyy")
        self.date.setAccessibleName("Date du changement d'étape")
        self.motif = QComboBox()
        self.motif.setAccessibleName("Motif de clôture")
        self.motif.addItem("Choisissez le motif…", None)
        for code, label in MOTIFS_CLOTURE.items():
            self.motif.addItem(label.replace("…", ""), code)
        self.precision = QLineEdit()
        self.precision.setAccessibleName("Partenaire vers lequel le dossier est réorienté")
        self.precision.setPlaceholderText("vers quel partenaire ?")
        self.commentaire = QPlainTextEdit()
        self.commentaire.setAccessibleName("Commentaire")
        self.commentaire.setTabChangesFocus(True)
        self.commentaire.setMaximumHeight(70)
        self.errors = {k: error_label() for k in ("etape", "date", "motif", "precision", "__all__")}

        form = QFormLayout()
        form.addRow(self.current_label)
        self.etape_label = QLabel("&Nouvelle étape")
        self.etape_label.setBuddy(self.etape)
        form.addRow(self.etape_label, self.etape)
        form.addRow("", self.errors["etape"])
        form.addRow("&Date", self.date)
        form.addRow("", self.errors["date"])
        self.motif_label = QLabel("&Motif de clôture")
        self.motif_label.setBuddy(self.motif)
        form.addRow(self.motif_label, self.motif)
        form.addRow("", self.errors["motif"])
        self.precision_label = QLabel("&Réorienté vers")
        self.precision_label.setBuddy(self.precision)
        form.addRow(self.precision_label, self.precision)
        form.addRow("", self.errors["precision"])
        form.addRow("C&ommentaire", self.commentaire)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Valider")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors["__all__"])
        layout.addWidget(self.buttons)
        self.etape.currentIndexChanged.connect(self._update)
        self.motif.currentIndexChanged.connect(self._update)
        run_read(ctx, lambda s: dossier_etape_state(s, dossier_id), self._fill_choices, parent=self)

    def _fill_choices(self, state: DossierEtapeState) -> None:
        disp, current = DISPOSITIFS[state.dispositif], state.etape
        self.opened = state.ouverture
        self.current_label.setText(f"Étape actuelle : <b>{disp.libelle_etape(current)}</b>")
        codes = disp.codes()
        self.etape.blockSignals(True)
        for code in disp.transitions(current):
            label = disp.libelle_etape(code)
            if code == CLOTURE:
                label = "Clôturer le dossier"
            elif current == CLOTURE:
                label += " (réouverture)"
            elif codes.index(code) < codes.index(current):
                label += " (retour)"
            self.etape.addItem(label, code)
        self.etape.blockSignals(False)
        self._update()
        fit_to_screen(self, 480, self.sizeHint().height())

    def allowed(self) -> list[str]:
        return [self.etape.itemData(i) for i in range(self.etape.count())]

    def choose(self, etape: str, motif: str | None = None, precision: str = "") -> None:
        self.etape.setCurrentIndex(self.etape.findData(etape))
        if motif is not None:
            self.motif.setCurrentIndex(self.motif.findData(motif))
        self.precision.setText(precision)

    def _update(self) -> None:
        closing = self.etape.currentData() == CLOTURE
        for w in (self.motif, self.motif_label):
            w.setVisible(closing)
        precise = closing and self.motif.currentData() in MOTIFS_AVEC_PRECISION
        for w in (self.precision, self.precision_label):
            w.setVisible(precise)
        self.adjustSize()

    def submit(self) -> None:
        for label in self.errors.values():
            set_error(label, None)
        closing = self.etape.currentData() == CLOTURE
        etape, day = self.etape.currentData(), self.date.date().toPython()
        motif = self.motif.currentData() if closing else None
        precision = self.precision.text() if closing else None
        commentaire = self.commentaire.toPlainText().strip() or None

        def done(step: object) -> None:
            self.ctx.offer_undo(step)  # « Annuler (Ctrl+Z) » in the status bar
            self.accept()

        run_write(self.ctx, lambda s: undo_service.change_etape(
            s, self.dossier_id, etape, date=day, motif=motif, precision=precision, commentaire=commentaire,
        ), done, {**{k: v for k, v in self.errors.items() if k != "__all__"}, "": self.errors["__all__"]}, parent=self)
