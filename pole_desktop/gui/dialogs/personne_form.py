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

from pole_desktop.domain.models import Personne
from pole_desktop.formatting import format_phone
from pole_desktop.gui.context import AppContext
from pole_desktop.gui.forms.ui_personne_form import Ui_PersonneForm
from pole_desktop.gui.widgets.form_support import (
    CommuneField,
    date_text,
    fill_combo,
    set_combo,
    show_errors,
    text_or_none,
)
from pole_desktop.services import personnes as service
from pole_desktop.services import validation as v
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
        with self.ctx.db.read() as s:
            p = s.get(Personne, personne_id)
            if p is None:
                return
            self.setWindowTitle(f"Personne — {p.nom_complet}")
            ui = self.ui
            set_combo(ui.civilite, p.civilite)
            set_combo(ui.sexe, p.sexe)
            set_combo(ui.situation, p.situation)
            for name in LINE_FIELDS:
                value = getattr(p, name)
                if name == "consentement_date":
                    value = date_text(value)
                getattr(ui, name).setText("" if value is None else str(value))
            self.commune.set_code(p.commune_insee)
            self._commune_changed(p.commune_insee)
            set_combo(ui.qpv_code, p.qpv_code)
            ui.notes.setPlainText(p.notes or "")

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
    def candidates(self) -> list[Personne]:
        values = self.values()
        if not values.get("nom"):
            return []
        probe = Personne(nom=values["nom"], prenom=values.get("prenom") or "")
        if self.personne_id:
            probe.id = self.personne_id
        for name, check in (("annee_naissance", v.validate_birth_year), ("email", v.validate_email),
                            ("telephone", v.validate_phone)):
            if values.get(name):
                try:
                    setattr(probe, name, check(values[name]))
                except v.FieldError:
                    pass
        with self.ctx.db.read() as s:
            found = service.find_duplicates(s, probe)
            for p in found:
                s.expunge(p)
        return found

    def _check_duplicates(self) -> list[Personne]:
        found = self.candidates()
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
        return found

    # ------------------------------------------------------------------ save
    def save(self) -> bool:
        values = self.values()
        try:
            with self.ctx.db.session() as s:
                # Validate (raises with nothing written) before asking about duplicates.
                p = service.save_personne(s, values, self.personne_id)
                found = service.find_duplicates(s, p)
                ids = frozenset(x.id for x in found)
                if found and self.personne_id is None and ids != self._acknowledged:
                    raise _NeedsConfirmation(ids)
                self.saved_id = p.id
        except ValidationError as e:
            show_errors(self, e.errors, self.ui.banner)
            return False
        except _NeedsConfirmation as c:  # rolled back: nothing saved yet
            show_errors(self, {}, self.ui.banner)
            self._check_duplicates()
            self._acknowledged = c.ids
            return False
        self.ctx.notify("personne")
        self.accept()
        return True


class _NeedsConfirmation(Exception):
    def __init__(self, ids: frozenset[str]) -> None:
        super().__init__("duplicates")
        self.ids = ids
