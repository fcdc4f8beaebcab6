"""« Nouveau dossier » : dispositif, type, titre, commune (and QPV among the commune's),
beneficiary (picked in the list or created minimally), structure (optional), référent. Everything
is written in one transaction — a new person and the dossier together, or nothing.
The porteur and the structure are chosen with the one picker (``widgets/entity_picker.py``):
what is recorded is the entry the user highlighted, never a first guess."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from pole_desktop.domain.dispositifs import DISPOSITIFS, TYPES_DOSSIER
from pole_desktop.gui.commune_edit import CommuneEdit
from pole_desktop.gui.context import AppContext
from pole_desktop.gui.helpers import error_label, fit_to_screen, set_error
from pole_desktop.gui.ops import run_read, run_write
from pole_desktop.gui.widgets.entity_picker import EntityPicker
from pole_desktop.services import dossiers as dossier_service
from pole_desktop.services import personnes as personne_service
from pole_desktop.services.queries.dossiers import active_advisors
from pole_desktop.territory import get_territory

NOT_PICKED = "Choisissez la personne dans la liste (flèche ↓ puis Entrée), ou videz le champ."


class NewDossierDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.created_id: str | None = None
        self.setWindowTitle("Nouveau dossier")
        self.dispositif = QComboBox()
        self.dispositif.setAccessibleName("Dispositif")
        self.dispositif.addItem("Choisissez…", None)
        for d in DISPOSITIFS.values():
            self.dispositif.addItem(d.nom, d.code)
        self.type = QComboBox()
        self.type.setAccessibleName("Type de dossier")
        self.titre = QLineEdit()
        self.titre.setAccessibleName("Titre du projet")
        self.commune = CommuneEdit()
        self.commune.setAccessibleName("Commune du projet")
        self.qpv = QComboBox()
        self.qpv.setAccessibleName("Quartier prioritaire")
        self.person_search = EntityPicker(ctx, "personne")
        self.person_search.setAccessibleName("Porteur de projet")
        self.new_nom = QLineEdit()
        self.new_nom.setPlaceholderText("Nom")
        self.new_nom.setAccessibleName("Nom de la nouvelle personne")
        self.new_prenom = QLineEdit()
        self.new_prenom.setPlaceholderText("Prénom")
        self.new_prenom.setAccessibleName("Prénom de la nouvelle personne")
        self.structure_search = EntityPicker(ctx, "structure")
        self.structure_search.setPlaceholderText("Facultatif : raison sociale, sigle ou SIRET, puis ↓ et Entrée…")
        self.structure_search.setAccessibleName("Structure")
        self.referent = QComboBox()
        self.referent.setAccessibleName("Référent")
        run_read(ctx, active_advisors, self._fill_advisors, parent=self)
        self.errors = {k: error_label() for k in ("dispositif", "type", "titre", "commune_insee", "qpv_code",
                                                   "beneficiaires", "nom", "structure_id", "referent_id", "__all__")}
        self._on_dispositif()
        self._on_commune()

        new_person = QHBoxLayout()
        new_person.addWidget(self.new_nom)
        new_person.addWidget(self.new_prenom)
        form = QFormLayout()
        rows = [("&Dispositif", self.dispositif, "dispositif"), ("T&ype", self.type, "type"),
                ("&Titre du projet", self.titre, "titre"), ("&Commune", self.commune, "commune_insee"),
                ("&QPV", self.qpv, "qpv_code"), ("&Porteur", self.person_search, "beneficiaires")]
        for label, w, err in rows:
            form.addRow(label, w)
            if err:
                form.addRow("", self.errors[err])
        new_label = QLabel("ou nouvelle perso&nne")
        new_label.setBuddy(self.new_nom)  # Alt+N: the new person's name
        form.addRow(new_label, new_person)
        form.addRow("", self.errors["nom"])
        form.addRow("&Structure", self.structure_search)
        form.addRow("", self.errors["structure_id"])
        form.addRow("&Référent", self.referent)
        form.addRow("", self.errors["referent_id"])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Cré&er le dossier")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors["__all__"])
        layout.addWidget(self.buttons)

        self.dispositif.currentIndexChanged.connect(self._on_dispositif)
        self.commune.commune_changed.connect(lambda _c: self._on_commune())
        self.person_search.picked.connect(lambda _h: self._on_person())
        fit_to_screen(self, 620, self.sizeHint().height())

    def _on_dispositif(self) -> None:
        self.type.clear()
        code = self.dispositif.currentData()
        for t in (DISPOSITIFS[code].types if code else ()):
            self.type.addItem(TYPES_DOSSIER[t], t)
        self.type.setEnabled(self.type.count() > 1)

    def _on_commune(self) -> None:
        self.qpv.clear()
        code = self.commune.code()
        qpvs = get_territory().qpvs_of(code) if code.isdigit() else []
        self.qpv.addItem("Hors QPV" if qpvs else "Aucun QPV dans cette commune", "")
        for q in qpvs:
            self.qpv.addItem(f"{q.nom} ({q.code})", q.code)
        self.qpv.setEnabled(bool(qpvs))

    def _on_person(self) -> None:
        new = self.person_search.hit() is None
        self.new_nom.setEnabled(new)
        self.new_prenom.setEnabled(new)

    def submit(self) -> None:
        for label in self.errors.values():
            set_error(label, None)
        values = {
            "dispositif": self.dispositif.currentData(), "type": self.type.currentData(),
            "titre": self.titre.text(), "commune_insee": self.commune.code(), "qpv_code": self.qpv.currentData(),
            "structure_id": self.structure_search.selected_id(), "referent_id": self.referent.currentData(),
        }
        unpicked = {}
        if self.person_search.has_unpicked_text():
            unpicked["beneficiaires"] = NOT_PICKED
        if self.structure_search.has_unpicked_text():
            unpicked["structure_id"] = NOT_PICKED.replace("la personne", "la structure")
        if unpicked:
            for field, message in unpicked.items():
                set_error(self.errors[field], message)
            return
        person = self.person_search.selected_id()
        new_person = {"nom": self.new_nom.text(), "prenom": self.new_prenom.text(),
                      "commune_insee": values["commune_insee"] if values["commune_insee"].isdigit() else None}

        def write(s: Session) -> str:  # the new person and the dossier: one transaction
            beneficiaire = person
            if beneficiaire is None and new_person["nom"].strip():
                beneficiaire = personne_service.save_personne(s, new_person).id
            values["beneficiaires"] = [beneficiaire] if beneficiaire else []
            return dossier_service.create_dossier(s, values).id

        def created(dossier_id: str) -> None:
            self.created_id = dossier_id
            self.accept()

        self.created_id = None
        labels = {k: v for k, v in self.errors.items() if k != "__all__"}
        run_write(self.ctx, write, created, {**labels, "": self.errors["__all__"]}, parent=self)

    def _fill_advisors(self, advisors: list[tuple[str, str]]) -> None:
        for aid, name in advisors:
            self.referent.addItem(name, aid)
        me = self.ctx.db.journal.author_id
        if me:
            self.referent.setCurrentIndex(max(self.referent.findData(me), 0))
