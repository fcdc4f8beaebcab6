"""Compte-rendu editor (form from ui/compte_rendu.ui).

Nothing typed is lost: every edit is written to the ``draft`` table (services.drafts) in its
own small transaction — debounced ~400 ms, and immediately on focus-out and close — so a crash
or a power cut while typing loses at most the last few hundred milliseconds. Reopening the
editor for the same rendez-vous restores the draft; saving records the compte-rendu and
discards the draft; Échap asks before discarding.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDateTime, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QTableWidgetItem, QWidget
from sqlalchemy.orm import Session

from pole_desktop import clock
from pole_desktop.errors import user_message
from pole_desktop.formatting import format_date_long, format_time
from pole_desktop.gui.context import AppContext
from pole_desktop.gui.display import when_text
from pole_desktop.gui.forms.ui_compte_rendu import Ui_CompteRenduForm
from pole_desktop.gui.helpers import set_error
from pole_desktop.gui.ops import run_read, run_write
from pole_desktop.services import drafts
from pole_desktop.services import rendez_vous as rdv_service
from pole_desktop.services.queries.compte_rendu import CompteRenduForm, compte_rendu_form
from pole_desktop.services.validation import ValidationError

DRAFT_DELAY_MS = 400
ACTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the recorded action a row of the table shows
STATUTS_CR = ["realise", "annule", "absent"]


def draft_key(rdv_id: str) -> str:
    return f"compte_rendu:{rdv_id}"


def parse_duration(text: str) -> int | None:
    """``"90"`` → 90, ``"1:30"``/``"1h30"`` → 90; raises ValueError on anything else."""
    t = text.strip().lower().replace(" ", "")
    if not t:
        return None
    if t.isdigit():
        return int(t)
    m = re.fullmatch(r"(\d{1,2})[:h](\d{0,2})(min)?", t)
    if m:
        return int(m.group(1)) * 60 + int(m.group(2) or 0)
    raise ValueError(t)


def format_duration(minutes: int | None) -> str:
    """What the duration field shows: ``45``, ``1:00``, ``1:30`` (read back by parse_duration)."""
    if minutes is None:
        return ""
    return str(minutes) if minutes < 60 else f"{minutes // 60}:{minutes % 60:02d}"


def parse_date_fr(text: str) -> dt.date | None:
    t = text.strip()
    if not t:
        return None
    for fmt in ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(t, fmt).date()
        except ValueError:
            pass
    raise ValueError(t)


def ask_discard(parent: QWidget) -> bool:
    return QMessageBox.question(
        parent, "Abandonner le compte-rendu",
        "Abandonner ce compte-rendu ? Ce qui a été saisi sera effacé.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
    ) == QMessageBox.StandardButton.Yes


class CompteRenduDialog(QDialog):
    def __init__(self, ctx: AppContext, rdv_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rdv_id = rdv_id
        self.key = draft_key(rdv_id)
        # Replaceable so tests never block: returns True to discard what was typed.
        self.confirm_discard: Callable[[QWidget], bool] = ask_discard
        self.saved = False
        self._keep_draft = False
        self._loading = True
        self.ui = Ui_CompteRenduForm()
        self.ui.setupUi(self)
        self.setWindowTitle("Compte-rendu")
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).setText("&Enregistrer")
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText("Fermer")
        for code in STATUTS_CR:
            self.ui.statutCombo.addItem(rdv_service.STATUTS[code], code)
        header = self.ui.actionsTable.horizontalHeader()
        header.resizeSection(0, 320)
        header.resizeSection(1, 150)
        header.setStretchLastSection(True)
        self.ui.actionsTable.verticalHeader().hide()
        self.errors = {
            "objet": self.ui.objetError, "compte_rendu": self.ui.notesError, "decisions": self.ui.decisionsError,
            "duree_minutes": self.ui.dureeError, "statut": self.ui.statutError, "actions": self.ui.actionsError,
            "prochain_rdv": self.ui.nextError,
        }

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DRAFT_DELAY_MS)
        self._timer.timeout.connect(self.save_draft)

        self.loaded = False  # until the rendez-vous is read: nothing typed, no draft written
        self._initial: dict[str, Any] | None = None
        self.restored_draft = False
        self._load()
        self.ui.buttonBox.accepted.connect(self.save)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.addActionButton.clicked.connect(lambda: self.add_action_row())
        self.ui.removeActionButton.clicked.connect(self.remove_action_row)
        self.ui.nextCheck.toggled.connect(self.ui.nextEdit.setEnabled)
        for sig in (self.ui.objetEdit.textChanged, self.ui.notesEdit.textChanged, self.ui.decisionsEdit.textChanged,
                    self.ui.dureeEdit.textChanged, self.ui.statutCombo.currentIndexChanged,
                    self.ui.nextCheck.toggled, self.ui.nextEdit.dateTimeChanged, self.ui.actionsTable.itemChanged):
            sig.connect(self._edited)
        # A message under a field goes as soon as the field is right again, not at the next save.
        self.ui.dureeEdit.textChanged.connect(self._recheck)
        self.ui.actionsTable.itemChanged.connect(self._recheck)
        for w in (self.ui.objetEdit, self.ui.notesEdit, self.ui.decisionsEdit, self.ui.dureeEdit, self.ui.actionsTable):
            w.installEventFilter(self)
        self.setTabOrder(self.ui.objetEdit, self.ui.notesEdit)
        self.setTabOrder(self.ui.notesEdit, self.ui.decisionsEdit)
        self.setTabOrder(self.ui.decisionsEdit, self.ui.actionsTable)
        self.ui.notesEdit.setFocus()

    # ------------------------------------------------------------------ loading

    def _load(self) -> None:
        run_read(self.ctx, lambda s: compte_rendu_form(s, self.rdv_id, self.key), self._fill, on_error=self._unreadable)

    def _unreadable(self, error: BaseException) -> None:
        QMessageBox.warning(self, "Compte-rendu", f"Le rendez-vous n'a pas pu être lu : {user_message(error)}")
        self.saved = True  # nothing was loaded: nothing to keep as a draft
        self.reject()

    def _fill(self, form: CompteRenduForm) -> None:
        saved = form.saved
        values = {
            "objet": saved["objet"], "compte_rendu": saved["compte_rendu"], "decisions": saved["decisions"],
            "duree_minutes": format_duration(saved["duree_minutes"]),
            "statut": saved["statut"] if saved["statut"] in STATUTS_CR else "realise", "actions": saved["actions"],
            "prochain": None,
        }
        self.debut, self.fin = form.debut, form.fin
        self.saved_action_ids = {a["id"] for a in saved["actions"]}
        names, ref, draft, draft_time = form.participants, form.dossier_reference, form.draft, form.draft_time
        lieu_type, commune = form.lieu_type, form.commune
        where = rdv_service.LIEUX.get(lieu_type, "")
        self.ui.headerLabel.setText(
            f"<b>{format_date_long(self.debut.date())}, {format_time(self.debut)}–{format_time(self.fin)}</b>"
            f" — {', '.join(names) or 'sans participant'}"
            f"<br>{where}{' — ' + commune if commune else ''}{' — dossier ' + ref if ref else ''}"
        )
        self.setWindowTitle(f"Compte-rendu — {format_date_long(self.debut.date())}")
        self.ui.nextEdit.setDateTime(QDateTime(self.debut + dt.timedelta(days=14)))
        self.restored_draft = draft is not None
        if draft is not None:
            values.update(draft)
            self.ui.draftBanner.setText(
                f"Brouillon non enregistré repris (saisi {when_text(draft_time, clock.local_now())}). "
                "Enregistrez pour le valider, ou Échap pour l'abandonner."
                if draft_time else "Brouillon non enregistré repris."
            )
            self.ui.draftBanner.show()
        self._loading = True
        self.set_values(values)
        self._initial = None if self.restored_draft else self.values()
        self._loading = False
        self.loaded = True

    def set_values(self, v: dict[str, Any]) -> None:
        self.ui.objetEdit.setText(v.get("objet", ""))
        self.ui.notesEdit.setPlainText(v.get("compte_rendu", ""))
        self.ui.decisionsEdit.setPlainText(v.get("decisions", ""))
        self.ui.dureeEdit.setText(v.get("duree_minutes", ""))
        i = self.ui.statutCombo.findData(v.get("statut", "realise"))
        self.ui.statutCombo.setCurrentIndex(max(i, 0))
        self.ui.actionsTable.setRowCount(0)
        for a in v.get("actions", []):
            self.add_action_row(a.get("libelle", ""), a.get("responsable", ""), a.get("echeance", ""), a.get("id"))
        nxt = v.get("prochain")
        self.ui.nextCheck.setChecked(bool(nxt))
        if nxt:
            self.ui.nextEdit.setDateTime(QDateTime(dt.datetime.fromisoformat(nxt)))

    def values(self) -> dict[str, Any]:
        """What is typed, as plain strings (the draft's payload)."""
        t = self.ui.actionsTable
        actions = []
        for i in range(t.rowCount()):
            cells = [(t.item(i, j).text() if t.item(i, j) else "") for j in range(3)]
            action = {"libelle": cells[0], "responsable": cells[1], "echeance": cells[2]}
            action_id = t.item(i, 0).data(ACTION_ID_ROLE) if t.item(i, 0) else None
            if action_id:
                action["id"] = action_id
            actions.append(action)
        return {
            "objet": self.ui.objetEdit.text(),
            "compte_rendu": self.ui.notesEdit.toPlainText(),
            "decisions": self.ui.decisionsEdit.toPlainText(),
            "duree_minutes": self.ui.dureeEdit.text(),
            "statut": self.ui.statutCombo.currentData(),
            "actions": actions,
            "prochain": self.ui.nextEdit.dateTime().toPython().replace(second=0, microsecond=0).isoformat()
            if self.ui.nextCheck.isChecked() else None,
        }

    # ------------------------------------------------------------------ actions table

    def add_action_row(self, libelle: str = "", responsable: str = "", echeance: str = "",
                       action_id: str | None = None) -> int:
        """A row of the Actions table; ``action_id`` for an action already recorded."""
        t = self.ui.actionsTable
        row = t.rowCount()
        t.insertRow(row)
        for j, text in enumerate((libelle, responsable, echeance)):
            t.setItem(row, j, QTableWidgetItem(text))
        if action_id:
            t.item(row, 0).setData(ACTION_ID_ROLE, action_id)
        if not self._loading:
            t.setCurrentCell(row, 0)
            t.editItem(t.item(row, 0))
            self._edited()
        return row

    def remove_action_row(self) -> None:
        row = self.ui.actionsTable.currentRow()
        if row >= 0:
            self.ui.actionsTable.removeRow(row)
            self._edited()

    # ------------------------------------------------------------------ drafts

    def _edited(self, *_: object) -> None:
        if not self._loading and not self.saved:
            self._timer.start()

    def save_draft(self) -> None:
        """Write what is typed to the draft table, in its own transaction."""
        self._timer.stop()
        if self.saved:
            return
        if not self.loaded:  # never overwrite a draft with the empty form of a dialog not yet filled
            return
        payload, key = self.values(), self.key
        run_write(self.ctx, lambda s: drafts.save_draft(s, key, payload), errors_to=self._draft_refused)

    def _draft_refused(self, error: BaseException) -> None:
        set_error(self.ui.generalError, f"Le brouillon n'a pas pu être enregistré : {user_message(error)}")

    def has_draft_pending(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.FocusOut and self._timer.isActive():
            self.save_draft()
        return super().eventFilter(obj, event)

    # ------------------------------------------------------------------ save / close

    def submission(self) -> dict[str, Any]:
        """Values for services.rendez_vous.record_compte_rendu; raises ValidationError on
        what the dialog itself parses (durations, dates)."""
        v = self.values()
        errors: dict[str, str] = {}
        out: dict[str, Any] = {
            "objet": v["objet"], "compte_rendu": v["compte_rendu"], "decisions": v["decisions"],
            "statut": v["statut"],
        }
        try:
            out["duree_minutes"] = parse_duration(v["duree_minutes"])
        except ValueError:
            errors["duree_minutes"] = "Temps passé invalide : indiquez des minutes (90) ou h:mm (1:30)."
        actions = []
        kept = set()
        for i, a in enumerate(v["actions"]):
            if not any(a[k].strip() for k in ("libelle", "responsable", "echeance")):
                continue  # an empty row left behind is ignored (a recorded one emptied is removed)
            try:
                echeance = parse_date_fr(a["echeance"])
            except ValueError:
                errors.setdefault("actions", f"Action {i + 1} : échéance invalide, utilisez JJ/MM/AAAA.")
                echeance = None
            action = {"libelle": a["libelle"], "responsable": a["responsable"], "echeance": echeance}
            if a.get("id"):
                action["id"] = a["id"]
                kept.add(a["id"])
            actions.append(action)
        out["actions"] = actions
        out["removed_actions"] = sorted(self.saved_action_ids - kept)
        if v["prochain"]:
            debut = dt.datetime.fromisoformat(v["prochain"])
            out["prochain_rdv"] = {"debut": debut, "fin": debut + (self.fin - self.debut)}
        if errors:
            raise ValidationError(errors)
        return out

    def _recheck(self, *_: object) -> None:
        """Clear the duration/échéance messages shown once what they complained about is fixed."""
        if self._loading:
            return
        try:
            self.submission()
            still: dict[str, str] = {}
        except ValidationError as e:
            still = e.errors
        for name in ("duree_minutes", "actions"):
            label = self.errors[name]
            if label.isVisible() and name not in still:
                set_error(label, None)

    def show_errors(self, errors: dict[str, str]) -> None:
        for label in self.errors.values():
            set_error(label, None)
        other = []
        for field_name, message in errors.items():
            base = field_name.split(".")[0]
            label = self.errors.get(base)
            if label is not None:
                set_error(label, message if not label.text() else label.text() + "\n" + message)
            else:
                other.append(message)
        set_error(self.ui.generalError, "\n".join(other) or None)

    def save(self) -> bool:
        """Record the compte-rendu (and its actions) and drop the draft, in one transaction."""
        try:
            values = self.submission()
        except ValidationError as e:
            self.save_draft()
            self.show_errors(e.errors)
            return False
        rdv_id, key = self.rdv_id, self.key

        def write(s: Session) -> None:
            rdv_service.record_compte_rendu(s, rdv_id, values)
            drafts.discard_draft(s, key)  # same transaction: saved and draft gone together

        def recorded(_r: object) -> None:
            self.saved = True
            self._timer.stop()
            self.accept()

        def refused(error: BaseException) -> None:
            self.save_draft()
            self.show_errors(error.errors if isinstance(error, ValidationError) else {"": user_message(error)})

        return bool(run_write(self.ctx, write, recorded, refused, parent=self).ok)

    def is_dirty(self) -> bool:
        return self._initial is None or self.values() != self._initial

    def reject(self) -> None:
        """Échap / Fermer: asks before throwing away what was typed."""
        if self.saved or self._keep_draft:
            super().reject()
            return
        if self.is_dirty():
            self.save_draft()
            if not self.confirm_discard(self):
                return
            key = self.key
            run_write(self.ctx, lambda s: drafts.discard_draft(s, key), errors_to=self._draft_refused)
        self.saved = True  # nothing more to keep
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        # Closing the window (not Échap) keeps the draft for next time, without asking.
        if not self.saved:
            self.save_draft()
        self._keep_draft = True
        super().closeEvent(event)
        self._keep_draft = False

    def done(self, result: int) -> None:
        if not self.saved:
            self.save_draft()
        super().done(result)
