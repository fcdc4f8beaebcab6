"""Synthèse tab (form from ui/synthese.ui): the project and its results, validated by
services.dossiers.update_dossier; errors in red next to each field, nothing saved when invalid."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidgetItem, QWidget

from pole_desktop.domain.dispositifs import DISPOSITIFS, INGENIERIE_TYPES, SUIVI_RESULTATS, TYPES_DOSSIER
from pole_desktop.errors import user_message
from pole_desktop.formatting import format_cents, format_date_short, format_number
from pole_desktop.gui.commune_edit import CommuneCompleter
from pole_desktop.gui.context import AppContext
from pole_desktop.gui.forms.ui_synthese import Ui_SyntheseForm
from pole_desktop.gui.helpers import set_error
from pole_desktop.gui.ops import Write, run_read, run_write
from pole_desktop.gui.sync_alive import alive
from pole_desktop.services import dossiers as dossier_service
from pole_desktop.services.queries.dossier import dossier_synthese
from pole_desktop.services.validation import ValidationError
from pole_desktop.territory import get_territory

LINE_FIELDS = {
    "titre": "titreEdit", "date_structure_creee": "dateStructureEdit", "emplois_crees_etp": "emploisCreesEdit",
    "emplois_consolides_etp": "emploisConsolidesEdit", "fonds_mobilises": "fondsEdit",
    "crowdfunding_objectif": "cfObjectifEdit", "crowdfunding_collecte": "cfCollecteEdit",
    "crowdfunding_contributeurs": "cfContributeursEdit", "date_emplois_crees": "dateEmploisCreesEdit",
    "date_emplois_consolides": "dateEmploisConsolidesEdit", "date_fonds_mobilises": "dateFondsEdit",
}
#: DLA only (the « DLA : ingénierie et suivis » box, hidden for the other dispositifs).
DLA_LINE_FIELDS = {"ingenierie_budget": "ingenierieBudgetEdit", "suivi_6_date": "suivi6DateEdit",
                   "suivi_6_commentaire": "suivi6CommentaireEdit", "suivi_24_date": "suivi24DateEdit",
                   "suivi_24_commentaire": "suivi24CommentaireEdit"}
DLA_COMBOS = {"ingenierie_type": ("ingenierieTypeCombo", INGENIERIE_TYPES),
              "suivi_6_resultat": ("suivi6ResultatCombo", SUIVI_RESULTATS),
              "suivi_24_resultat": ("suivi24ResultatCombo", SUIVI_RESULTATS)}
TEXT_FIELDS = {"description": "descriptionEdit", "besoins": "besoinsEdit", "objectifs": "objectifsEdit",
               "utilite_sociale": "utiliteEdit"}


class SyntheseTab(QWidget):
    dirty_changed = Signal(bool)
    saved = Signal()

    def __init__(self, ctx: AppContext, dossier_id: str) -> None:
        super().__init__()
        self.ctx = ctx
        self.dossier_id = dossier_id
        self.ui = Ui_SyntheseForm()
        self.ui.setupUi(self)
        self.commune = CommuneCompleter(self.ui.communeEdit)
        for code, label in dossier_service.PUBLICS.items():
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.ui.publicList.addItem(item)
        self._loading = False
        self.dirty = False
        self._saving: Write | None = None
        self._loaded: dict[str, Any] = {}
        for name in LINE_FIELDS.values():
            getattr(self.ui, name).textEdited.connect(self._mark)
        for name in TEXT_FIELDS.values():
            getattr(self.ui, name).textChanged.connect(self._mark)
        self.ui.communeEdit.textEdited.connect(self._mark)
        self.ui.communeEdit.editingFinished.connect(self._fill_qpvs)
        self.ui.typeCombo.currentIndexChanged.connect(self._mark)
        self.ui.qpvCombo.currentIndexChanged.connect(self._mark)
        self.ui.structureCreeeCheck.toggled.connect(self._mark)
        self.ui.publicList.itemChanged.connect(self._mark)
        self._is_dla = False
        for name in DLA_LINE_FIELDS.values():
            getattr(self.ui, name).textEdited.connect(self._mark)
        for name, choices in DLA_COMBOS.values():
            combo = getattr(self.ui, name)
            combo.addItem("Non renseigné", "")
            for code, label in choices.items():
                combo.addItem(label, code)
            combo.currentIndexChanged.connect(self._mark)
        self.ui.saveButton.clicked.connect(self.save)
        self.ui.revertButton.clicked.connect(self.revert)

    def error_label(self, field: str) -> QLabel:
        return getattr(self.ui, f"{field}Error")

    def _mark(self, *_: object) -> None:
        if self._loading:
            return
        if not self.dirty:
            self.dirty = True
            self.ui.saveButton.setEnabled(True)
            self.ui.revertButton.setEnabled(True)
            self.ui.statusLabel.setText("Modifications non enregistrées")
            self.dirty_changed.emit(True)

    def _fill_qpvs(self, selected: str | None = None) -> None:
        code = self.commune.code()
        current = selected if selected is not None else self.ui.qpvCombo.currentData()
        self.ui.qpvCombo.blockSignals(True)
        self.ui.qpvCombo.clear()
        qpvs = get_territory().qpvs_of(code) if code and code.isdigit() else []
        self.ui.qpvCombo.addItem("Hors QPV" if qpvs else "Aucun QPV dans cette commune", "")
        for q in qpvs:
            self.ui.qpvCombo.addItem(f"{q.nom} ({q.code})", q.code)
        i = self.ui.qpvCombo.findData(current or "")
        self.ui.qpvCombo.setCurrentIndex(max(i, 0))
        self.ui.qpvCombo.setEnabled(bool(qpvs))
        self.ui.qpvCombo.blockSignals(False)

    def load(self) -> None:
        """Fill the form from the database (in the background). An answer arriving once the user has
        started typing is dropped: typed text is never overwritten."""
        run_read(self.ctx, lambda s: dossier_synthese(s, self.dossier_id), alive(self, self._fill), parent=self)

    def _fill(self, row: dict[str, Any] | None) -> None:
        if row is None or self.dirty:
            return
        self._loading = True
        d = SimpleNamespace(**row)
        disp = DISPOSITIFS[d.dispositif]
        self.ui.typeCombo.clear()
        for t in disp.types:
            self.ui.typeCombo.addItem(TYPES_DOSSIER[t], t)
        self.ui.typeCombo.setCurrentIndex(max(self.ui.typeCombo.findData(d.type), 0))

        def num(v: float | None) -> str:
            return "" if v is None else format_number(v).replace("\u202f", " ")

        def money(c: int | None) -> str:
            return "" if c is None else format_cents(c, currency=False).replace("\u202f", " ")

        values = {
            "titre": d.titre, "date_structure_creee": format_date_short(d.date_structure_creee)
            if d.date_structure_creee else "",
            "emplois_crees_etp": num(d.emplois_crees_etp), "emplois_consolides_etp": num(d.emplois_consolides_etp),
            "fonds_mobilises": money(d.fonds_mobilises_centimes),
            "crowdfunding_objectif": money(d.crowdfunding_objectif_centimes),
            "crowdfunding_collecte": money(d.crowdfunding_collecte_centimes),
            "crowdfunding_contributeurs": "" if d.crowdfunding_contributeurs is None
            else str(d.crowdfunding_contributeurs),
        }
        for f in ("date_emplois_crees", "date_emplois_consolides", "date_fonds_mobilises"):
            day = getattr(d, f)
            values[f] = format_date_short(day) if day else ""
        for f, w in LINE_FIELDS.items():
            getattr(self.ui, w).setText(values[f])
        for f, w in TEXT_FIELDS.items():
            getattr(self.ui, w).setPlainText(getattr(d, f) or "")
        self.commune.set_code(d.commune_insee)
        self._fill_qpvs(d.qpv_code or "")
        self.ui.structureCreeeCheck.setChecked(bool(d.structure_creee))
        publics = set((d.public_specifique or "").split("|"))
        for i in range(self.ui.publicList.count()):
            item = self.ui.publicList.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in publics
                               else Qt.CheckState.Unchecked)
        is_cf = "financement_participatif" in disp.types
        self._load_dla(d)
        for w in (self.ui.cfObjectifEdit, self.ui.cfCollecteEdit, self.ui.cfContributeursEdit):
            w.setEnabled(is_cf)
            w.setToolTip("" if is_cf else "Réservé aux campagnes de financement participatif")
        self.clear_errors()
        self._loading = False
        self.dirty = False
        self.ui.saveButton.setEnabled(False)
        self.ui.revertButton.setEnabled(False)
        self.ui.statusLabel.setText("")
        self.dirty_changed.emit(False)

    def _load_dla(self, d: Any) -> None:
        """The DLA box from the dossier's values (shown for DLA dossiers only)."""
        self._is_dla = d.dispositif == "dla"
        self.ui.dlaBox.setVisible(self._is_dla)
        cents = d.ingenierie_budget_centimes
        budget = "" if cents is None else format_cents(cents, currency=False).replace("\u202f", " ")
        texts = {"ingenierie_budget": budget}
        for months in (6, 24):
            day = getattr(d, f"suivi_{months}_date")
            texts[f"suivi_{months}_date"] = format_date_short(day) if day else ""
            texts[f"suivi_{months}_commentaire"] = getattr(d, f"suivi_{months}_commentaire") or ""
        for f, w in DLA_LINE_FIELDS.items():
            getattr(self.ui, w).setText(texts[f])
        for f, (w, _choices) in DLA_COMBOS.items():
            combo = getattr(self.ui, w)
            combo.setCurrentIndex(max(combo.findData(getattr(d, f) or ""), 0))

    def _dla_values(self) -> dict[str, Any]:
        if not self._is_dla:
            return {}
        v: dict[str, Any] = {f: getattr(self.ui, w).text() for f, w in DLA_LINE_FIELDS.items()}
        v.update({f: getattr(self.ui, w).currentData() or "" for f, (w, _c) in DLA_COMBOS.items()})
        return v

    def values(self) -> dict[str, Any]:
        v: dict[str, Any] = {f: getattr(self.ui, w).text() for f, w in LINE_FIELDS.items()}
        v.update({f: getattr(self.ui, w).toPlainText() for f, w in TEXT_FIELDS.items()})
        v["type"] = self.ui.typeCombo.currentData()
        v["commune_insee"] = self.commune.code()
        v["qpv_code"] = self.ui.qpvCombo.currentData() or ""
        v["structure_creee"] = self.ui.structureCreeeCheck.isChecked()
        v["public_specifique"] = [
            self.ui.publicList.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.ui.publicList.count())
            if self.ui.publicList.item(i).checkState() == Qt.CheckState.Checked
        ]
        if not self.ui.cfObjectifEdit.isEnabled():
            for f in ("crowdfunding_objectif", "crowdfunding_collecte", "crowdfunding_contributeurs"):
                v.pop(f)
        v.update(self._dla_values())
        # "12 500,00" → the validators accept French numbers with spaces and commas.
        return v

    def clear_errors(self) -> None:
        for f in (*LINE_FIELDS, *TEXT_FIELDS, *DLA_LINE_FIELDS, *DLA_COMBOS, "type", "commune_insee", "qpv_code",
                  "public_specifique", "structure_creee"):
            set_error(self.error_label(f), None)
        set_error(self.ui.generalError, None)

    def save(self) -> bool:
        """Write the form in the background. True once committed (at once with the tests' runner);
        while the write runs the form stays dirty and :meth:`saving` returns it, so the page's guard
        waits; refused, the typed text stays with the errors in red."""
        self.clear_errors()
        sent = self.values()
        self.ui.statusLabel.setText("Enregistrement…")
        self._saving = run_write(self.ctx, lambda s: dossier_service.update_dossier(s, self.dossier_id, sent),
                                 alive(self, lambda _r: self._saved(sent)), alive(self, self._refused), parent=self)
        return self._saving.ok is True

    def saving(self) -> Write | None:
        w = self._saving
        return w if w is not None and w.ok is None else None

    def _saved(self, sent: dict[str, Any]) -> None:
        if self.values() == sent:  # nothing typed while it was written: the form is what is saved
            self.dirty = False
            self.load()
            self.ui.saveButton.setEnabled(False)
            self.ui.revertButton.setEnabled(False)
            self.dirty_changed.emit(False)
        self.ui.statusLabel.setText("Enregistré.")
        self.saved.emit()

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, ValidationError):
            set_error(self.ui.generalError, user_message(error))
            self.ui.statusLabel.setText("Non enregistré.")
            return
        other = []
        for field, message in error.errors.items():
            label = getattr(self.ui, f"{field}Error", None)
            if label is not None:
                set_error(label, message)
            else:
                other.append(message)
        set_error(self.ui.generalError, "\n".join(other) or None)
        self.ui.statusLabel.setText("Non enregistré : corrigez les champs en rouge.")

    def revert(self) -> None:
        self.dirty = False  # the saved values come back (a fill is dropped while the form is dirty)
        self.load()
