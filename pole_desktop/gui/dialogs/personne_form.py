"""Create or edit a person (form ui/personne_form.ui).

Save runs services.personnes.save_personne in one transaction: a ValidationError puts each French
message in red under its field and nothing is saved. Before a new person is created (or a
person's identity changed), likely duplicates are listed in the banner; a second "Enregistrer"
confirms.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget
from sqlalchemy.orm import Session

from pole_desktop.errors import user_message
from pole_desktop.formatting import format_phone
from pole_desktop.gui.context import AppContext
from pole_desktop.gui.forms.ui_personne_form import Ui_PersonneForm
from pole_desktop.gui.ops import run_read, run_write
from pole_desktop.gui.widgets.form_support import (
    CommuneField,
    date_text,
    fill_combo,
    set_combo,
    show_errors,
    text_or_none,
)
from pole_desktop.services import personnes as service
from pole_desktop.services.queries.personnes import (
    DuplicateCandidate,
    PersonneForm,
    personne_duplicates,
    personne_form,
)
from pole_desktop.services.validation import ValidationError
from pole_desktop.storage.search import commune_name
from pole_desktop.territory import get_territory

LINE_FIELDS = ["nom", "prenom", "annee_naissance", "telephone", "email", "adresse", "code_postal",
               "prescripteur", "consentement_date", "consentement_portee", "consentement_moyen"]


class PersonneFormDialog(QDialog):
    def __init__(self, ctx: AppContext, personne_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.personne_id = personne_id
        self.saved_id: str | None = None
        self._acknowledged: frozenset[str] | None = None
        self.ui = Ui_PersonneForm()
        self.ui.setupUi(self)
        self.setObjectName("personne_form")
        self.ui.mainLayout.setStretch(1, 1)  # the field columns take the height, not the notes
        ui = self.ui
        fill_combo(ui.civilite, service.CIVILITES)
        fill_combo(ui.sexe, service.SEXES)
        fill_combo(ui.situation, service.SITUATIONS)
        self.commune = CommuneField(ui.commune_insee)
        self.commune.changed.connect(self._commune_changed)
        self._commune_changed(None)
        ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).setText("Enregistrer")
        ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        ui.buttonBox.accepted.connect(self.save)
        ui.buttonBox.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        for name in ("nom", "prenom", "annee_naissance", "email", "telephone"):
            getattr(ui, name).editingFinished.connect(self._check_duplicates)
        show_errors(self, {}, ui.banner)
        ui.banner.hide()
        if personne_id:
            self._load(personne_id)
        else:
            self.setWindowTitle("Nouvelle personne")
        ui.nom.setFocus()

    # ------------------------------------------------------------------ data
    def _load(self, personne_id: str) -> None:
        run_read(self.ctx, lambda s: personne_form(s, personne_id), self._fill, parent=self)

    def _fill(self, p: PersonneForm | None) -> None:
        if p is None:
            return
        self.setWindowTitle(f"Personne — {p.nom_complet}")
        ui, values = self.ui, p.values
        set_combo(ui.civilite, values["civilite"])
        set_combo(ui.sexe, values["sexe"])
        set_combo(ui.situation, values["situation"])
        for name in LINE_FIELDS:
            value = values[name]
            if name == "consentement_date":
                value = date_text(value)
            getattr(ui, name).setText("" if value is None else str(value))
        self.commune.set_code(values["commune_insee"])
        self._commune_changed(values["commune_insee"])
        set_combo(ui.qpv_code, values["qpv_code"])
        ui.notes.setPlainText(values["notes"] or "")

    def values(self) -> dict[str, Any]:
        ui = self.ui
        values: dict[str, Any] = {name: text_or_none(getattr(ui, name)) for name in LINE_FIELDS}
        values["civilite"] = ui.civilite.currentData()
        values["sexe"] = ui.sexe.currentData()
        values["situation"] = ui.situation.currentData()
        values["commune_insee"] = self.commune.code()
        values["qpv_code"] = ui.qpv_code.currentData()
        values["notes"] = ui.notes.toPlainText().strip() or None
        return values

    def _commune_changed(self, code: str | None) -> None:
        """Offer the commune's QPVs; fill the postcode when the commune has only one."""
        ui = self.ui
        current = ui.qpv_code.currentData()
        qpvs = get_territory().qpvs_of(code) if code else []
        fill_combo(ui.qpv_code, [(q.code, q.nom) for q in qpvs], empty="Hors QPV / non vérifié")
        set_combo(ui.qpv_code, current)
        ui.qpv_code.setEnabled(bool(qpvs))
        c = get_territory().commune(code) if code else None
        if c is not None and len(c.codes_postaux) == 1 and not ui.code_postal.text().strip():
            ui.code_postal.setText(c.codes_postaux[0])

    # ------------------------------------------------------------------ duplicates
    def candidates(self) -> list[DuplicateCandidate]:
        """The possible duplicates of what is typed (read in the background; with the synchronous
        runner of the tests, returned at once)."""
        found: list[DuplicateCandidate] = []
        self._read_candidates(found.extend)
        return found

    def _read_candidates(self, then: Any) -> None:
        values, pid = self.values(), self.personne_id
        if not values.get("nom"):
            then([])
            return
        run_read(self.ctx, lambda s: personne_duplicates(s, values, pid), then, parent=self)

    def _check_duplicates(self) -> None:
        self._read_candidates(self._show_candidates)

    def _show_candidates(self, found: list[DuplicateCandidate]) -> None:
        ui = self.ui
        if found:
            lines = []
            for p in found[:5]:
                bits = [p.nom_complet]
                if p.annee_naissance:
                    bits.append(f"née ou né en {p.annee_naissance}")
                if p.commune_insee:
                    bits.append(commune_name(p.commune_insee))
                if p.telephone:
                    bits.append(format_phone(p.telephone))
                if p.email:
                    bits.append(p.email)
                lines.append(" · ".join(bits))
            ui.banner.setText(
                "<b>Cette personne existe peut-être déjà :</b><br>" + "<br>".join(lines)
                + "<br><i>Enregistrez de nouveau pour confirmer, ou annulez et ouvrez la fiche existante.</i>"
            )
            ui.banner.setProperty("errorMode", False)
            ui.banner.show()
        elif not ui.banner.property("errorMode"):
            ui.banner.hide()

    # ------------------------------------------------------------------ save
    def save(self) -> bool:
        """Save (validated, then duplicates asked about once); True once saved and closed."""
        values, pid, acknowledged = self.values(), self.personne_id, self._acknowledged

        def write(s: Session) -> str:
            # Validate (raises with nothing written) before asking about duplicates.
            p = service.save_personne(s, values, pid)
            ids = frozenset(x.id for x in service.find_duplicates(s, p))
            if ids and pid is None and ids != acknowledged:
                raise _NeedsConfirmation(ids)  # rolled back: nothing saved yet
            return p.id

        def saved(saved_id: str) -> None:
            self.saved_id = saved_id
            self.accept()

        def refused(error: BaseException) -> None:
            if isinstance(error, _NeedsConfirmation):
                show_errors(self, {}, self.ui.banner)
                self._check_duplicates()
                self._acknowledged = error.ids
            elif isinstance(error, ValidationError):
                show_errors(self, error.errors, self.ui.banner)
            else:
                show_errors(self, {"": user_message(error)}, self.ui.banner)

        return bool(run_write(self.ctx, write, saved, refused, parent=self).ok)


class _NeedsConfirmation(Exception):
    def __init__(self, ids: frozenset[str]) -> None:
        super().__init__("duplicates")
        self.ids = ids
