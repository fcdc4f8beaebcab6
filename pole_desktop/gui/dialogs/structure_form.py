"""Create or edit a structure (form ui/structure_form.ui).

Save runs services.structures.save_structure in one transaction: a ValidationError puts each
French message in red under its field and nothing is saved. Likely duplicates (same SIRET, SIREN,
RNA or name) are announced before a new structure is created; a second "Enregistrer" confirms.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCompleter, QDialog, QDialogButtonBox, QWidget
from sqlalchemy.orm import Session

from pole_desktop.errors import user_message
from pole_desktop.formatting import format_cents, format_number
from pole_desktop.gui.context import AppContext
from pole_desktop.gui.forms.ui_structure_form import Ui_StructureForm
from pole_desktop.gui.ops import run_read, run_write
from pole_desktop.gui.widgets.form_support import CommuneField, date_text, show_errors, text_or_none
from pole_desktop.services import structures as service
from pole_desktop.services import validation as v
from pole_desktop.services.queries.structures import StructureCandidate, StructureForm, as_candidates, structure_form
from pole_desktop.services.validation import ValidationError
from pole_desktop.storage.search import commune_name
from pole_desktop.territory import get_territory

LINE_FIELDS = ["raison_sociale", "sigle", "siret", "rna", "naf", "date_creation", "adresse", "code_postal",
               "telephone", "email", "salaries", "etp", "benevoles", "budget"]
_CODE = re.compile(r"^\s*(\d{4})\b")


class StructureFormDialog(QDialog):
    def __init__(self, ctx: AppContext, structure_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.structure_id = structure_id
        self.saved_id: str | None = None
        self._acknowledged: frozenset[str] | None = None
        self.ui = Ui_StructureForm()
        self.ui.setupUi(self)
        self.setObjectName("structure_form")
        ui = self.ui
        ui.mainLayout.setStretch(1, 1)
        ui.columns.setStretch(0, 1)
        ui.columns.setStretch(1, 1)
        combo = ui.forme_juridique
        # Long INSEE labels must not widen the dialog.
        combo.setSizeAdjustPolicy(combo.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(24)
        combo.addItem("", None)
        for code, label in get_territory().legal_forms():
            combo.addItem(f"{code} — {label}", code)
        combo.setInsertPolicy(combo.InsertPolicy.NoInsert)
        completer = QCompleter(combo.model(), combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        combo.setCompleter(completer)
        combo.lineEdit().setPlaceholderText("Tapez un mot : association, SCIC, commune…")
        self.commune = CommuneField(ui.commune_insee)
        self.commune.changed.connect(self._commune_changed)
        ui.naf.textChanged.connect(self._naf_changed)
        ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).setText("Enregistrer")
        ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        ui.buttonBox.accepted.connect(self.save)
        ui.buttonBox.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        show_errors(self, {}, ui.banner)
        ui.banner.hide()
        if structure_id:
            self._load(structure_id)
        else:
            self.setWindowTitle("Nouvelle structure")
        ui.raison_sociale.setFocus()

    def _load(self, structure_id: str) -> None:
        columns = (*(n for n in LINE_FIELDS if n != "budget"), "budget_centimes", "forme_juridique", "commune_insee",
                   "esus", "collectivite", "notes")
        run_read(self.ctx, lambda s: structure_form(s, structure_id, columns), self._fill, parent=self)

    def _fill(self, form: StructureForm | None) -> None:
        if form is None:
            return
        st = form.values
        self.setWindowTitle(f"Structure — {form.raison_sociale}")
        ui = self.ui
        shown = {
            "date_creation": date_text(st["date_creation"]),
            "etp": format_number(st["etp"]) if st["etp"] is not None else "",
            "budget": format_cents(st["budget_centimes"], currency=False) if st["budget_centimes"] is not None else "",
        }
        for name in LINE_FIELDS:
            value = shown[name] if name in shown else st[name]
            getattr(ui, name).setText("" if value is None else str(value))
        i = ui.forme_juridique.findData(st["forme_juridique"])
        ui.forme_juridique.setCurrentIndex(max(i, 0))
        self.commune.set_code(st["commune_insee"])
        ui.esus.setChecked(bool(st["esus"]))
        ui.collectivite.setChecked(bool(st["collectivite"]))
        ui.notes.setPlainText(st["notes"] or "")

    def _legal_form(self) -> str | None:
        """The code of the chosen legal form; typed text that names no single form is returned as is
        (the service then says "Forme juridique inconnue : choisissez-la dans la liste.")."""
        combo = self.ui.forme_juridique
        text = combo.currentText().strip()
        if not text:
            return None
        exact = combo.findText(text, Qt.MatchFlag.MatchFixedString)
        if exact > 0:
            return combo.itemData(exact)
        m = _CODE.match(text)
        if m:
            return m.group(1)
        for i in range(1, combo.count()):  # the label alone, as typed
            if combo.itemText(i).partition(" — ")[2].lower() == text.lower():
                return combo.itemData(i)
        hits = [i for i in range(1, combo.count()) if text.lower() in combo.itemText(i).lower()]
        return combo.itemData(hits[0]) if len(hits) == 1 else text

    def values(self) -> dict[str, Any]:
        ui = self.ui
        values: dict[str, Any] = {name: text_or_none(getattr(ui, name)) for name in LINE_FIELDS}
        values["forme_juridique"] = self._legal_form()
        values["commune_insee"] = self.commune.code()
        values["esus"] = ui.esus.isChecked()
        values["collectivite"] = ui.collectivite.isChecked()
        values["notes"] = ui.notes.toPlainText().strip() or None
        return values

    def _commune_changed(self, code: str) -> None:
        c = get_territory().commune(code) if code else None
        if c is not None and len(c.codes_postaux) == 1 and not self.ui.code_postal.text().strip():
            self.ui.code_postal.setText(c.codes_postaux[0])

    def _naf_changed(self, text: str) -> None:
        label = ""
        if text.strip():
            try:
                code = v.validate_naf(text)
                label = f"{code} : {get_territory().naf(code)}"
            except v.FieldError:
                label = ""
        self.ui.naf_libelle.setText(label)
        self.ui.naf_libelle.setVisible(bool(label))

    def _announce(self, found: list[StructureCandidate]) -> None:
        lines = []
        for st in found[:5]:
            bits = [st.raison_sociale]
            if st.siret:
                bits.append(f"SIRET {st.siret}")
            if st.rna:
                bits.append(f"RNA {st.rna}")
            if st.commune_insee:
                bits.append(commune_name(st.commune_insee))
            lines.append(" · ".join(bits))
        self.ui.banner.setText(
            "<b>Cette structure existe peut-être déjà :</b><br>" + "<br>".join(lines)
            + "<br><i>Enregistrez de nouveau pour confirmer, ou annulez et ouvrez la fiche existante.</i>"
        )
        self.ui.banner.setProperty("errorMode", False)
        self.ui.banner.show()

    def save(self) -> bool:
        """Save (validated, then duplicates asked about once); True once saved and closed."""
        values, sid, acknowledged = self.values(), self.structure_id, self._acknowledged

        def write(s: Session) -> str:
            st = service.save_structure(s, values, sid)
            found = service.find_duplicates(s, st)
            ids = frozenset(x.id for x in found)
            if found and sid is None and ids != acknowledged:
                raise _NeedsConfirmation(ids, as_candidates(found))  # rolled back: nothing saved yet
            return st.id

        def saved(saved_id: str) -> None:
            self.saved_id = saved_id
            self.accept()

        def refused(error: BaseException) -> None:
            if isinstance(error, _NeedsConfirmation):
                self._acknowledged = error.ids
                show_errors(self, {}, self.ui.banner)
                self._announce(error.found)
            elif isinstance(error, ValidationError):
                show_errors(self, error.errors, self.ui.banner)
            else:
                show_errors(self, {"": user_message(error)}, self.ui.banner)

        return bool(run_write(self.ctx, write, saved, refused, parent=self).ok)


class _NeedsConfirmation(Exception):
    def __init__(self, ids: frozenset[str], found: list[StructureCandidate]) -> None:
        super().__init__("duplicates")
        self.ids = ids
        self.found = found
