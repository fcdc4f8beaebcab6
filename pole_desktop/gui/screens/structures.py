"""Structures: find as you type, create and edit, people's roles, duplicates, merge and undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import func, select

from pole_desktop.domain.dispositifs import DISPOSITIFS
from pole_desktop.domain.models import Dossier, Personne, Structure, StructureRole
from pole_desktop.formatting import format_cents, format_date_short, format_number, format_phone, format_siret
from pole_desktop.gui.context import AppContext
from pole_desktop.gui.dialogs.duplicates_dialog import DuplicatesDialog
from pole_desktop.gui.dialogs.structure_form import StructureFormDialog
from pole_desktop.gui.screens.base import Screen
from pole_desktop.gui.widgets.entity_picker import EntityPicker
from pole_desktop.gui.widgets.search_bar import build_search_bar
from pole_desktop.gui.widgets.tables import ID_ROLE, current_id, fill_table, make_table, select_id
from pole_desktop.services import fusion
from pole_desktop.services import structures as service
from pole_desktop.services.validation import ValidationError
from pole_desktop.storage.search import commune_name, search_ids
from pole_desktop.territory import get_territory

LIST_LIMIT = 2000


class StructuresScreen(Screen):
    key = "structures"
    title = "Structures"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.confirm = lambda title, text: QMessageBox.question(self, title, text) == QMessageBox.StandardButton.Yes
        self.inform = lambda title, text: QMessageBox.information(self, title, text)
        outer = QVBoxLayout(self)
        bar = build_search_bar(
            self, accessible_name="Rechercher une structure",
            placeholder="Rechercher : raison sociale, sigle, SIRET, RNA, commune… (Ctrl+F)",
            new_label="Nouvelle structure…",
        )
        outer.addLayout(bar)

        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        self.table = make_table(["Raison sociale", "Sigle", "Commune", "SIRET", "Dossiers"],
                                "structures_table", "Liste des structures", stretch=0)
        for col, width in ((1, 90), (2, 150), (3, 150), (4, 70)):
            self.table.setColumnWidth(col, width)
        self.table.itemSelectionChanged.connect(self.show_detail)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        ll.addWidget(self.table, 1)
        self.count_label = QLabel()
        ll.addWidget(self.count_label)
        split.addWidget(left)
        split.addWidget(self._build_detail())
        split.setSizes([720, 520])
        outer.addWidget(split, 1)
        self._last_merge_id: str | None = None
        ctx.events.changed.connect(self._on_changed)
        self.refresh()

    def _build_detail(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.setContentsMargins(8, 0, 0, 0)
        self.detail_title = QLabel()
        self.detail_title.setObjectName("detail_title")
        self.detail_title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.detail_title.setWordWrap(True)
        lay.addWidget(self.detail_title)
        form = QFormLayout()
        self.detail_fields: dict[str, QLabel] = {}
        for key, label in (("identite", "Identification"), ("adresse", "Adresse"), ("contact", "Contact"),
                           ("moyens", "Moyens")):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.detail_fields[key] = value
            form.addRow(f"{label} :", value)
        lay.addLayout(form)
        buttons = QHBoxLayout()
        self.edit_button = QPushButton("Modifier…")
        self.edit_button.setObjectName("edit_button")
        self.edit_button.clicked.connect(self.edit_selected)
        buttons.addWidget(self.edit_button)
        self.undo_merge_button = QPushButton("Annuler la fusion")
        self.undo_merge_button.setObjectName("undo_merge_button")
        self.undo_merge_button.clicked.connect(self.undo_last_merge)
        buttons.addWidget(self.undo_merge_button)
        buttons.addStretch(1)
        lay.addLayout(buttons)
        self.merge_info = QLabel()
        self.merge_info.setWordWrap(True)
        self.merge_info.setStyleSheet("color: #555;")
        lay.addWidget(self.merge_info)

        lay.addWidget(QLabel("<b>Personnes et rôles</b>"))
        self.roles = QListWidget()
        self.roles.setObjectName("roles_list")
        self.roles.setAccessibleName("Rôles des personnes dans la structure")
        lay.addWidget(self.roles, 1)
        add = QHBoxLayout()
        self.role_person = EntityPicker(self.ctx, "personne")
        self.role_person.setObjectName("role_person")
        self.role_person.setAccessibleName("Personne à ajouter")
        self.role_person.setPlaceholderText("Personne : tapez son nom, puis ↓ et Entrée…")
        self.role_person.returnPressed.connect(self.add_role)
        add.addWidget(self.role_person, 2)
        self.role_choice = QComboBox()
        self.role_choice.setObjectName("role_choice")
        self.role_choice.setAccessibleName("Rôle")
        self.role_choice.addItems(service.ROLES)
        add.addWidget(self.role_choice, 1)
        self.add_role_button = QPushButton("Ajouter")
        self.add_role_button.setObjectName("add_role_button")
        self.add_role_button.clicked.connect(self.add_role)
        add.addWidget(self.add_role_button)
        self.remove_role_button = QPushButton("Retirer")
        self.remove_role_button.setObjectName("remove_role_button")
        self.remove_role_button.clicked.connect(self.remove_role)
        add.addWidget(self.remove_role_button)
        lay.addLayout(add)
        self.role_error = QLabel()
        self.role_error.setStyleSheet("color: #b00020;")
        self.role_error.hide()
        lay.addWidget(self.role_error)
        lay.addWidget(QLabel("<b>Dossiers</b> (double-clic pour ouvrir)"))
        self.dossiers = make_table(["Référence", "Dossier", "Étape"], "dossiers_table", "Dossiers de la structure", 1)
        self.dossiers.setColumnWidth(0, 170)
        self.dossiers.doubleClicked.connect(self._open_dossier)
        lay.addWidget(self.dossiers, 1)
        return w

    # ------------------------------------------------------------------ Screen
    def refresh(self) -> None:
        self.reload_list()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def make_form(self, structure_id: str | None) -> StructureFormDialog:
        return StructureFormDialog(self.ctx, structure_id, self)

    def new_item(self) -> None:
        dlg = self.make_form(None)
        if dlg.exec() and dlg.saved_id:
            self.search.clear()
            self.reload_list()
            select_id(self.table, dlg.saved_id)

    def edit_selected(self) -> None:
        sid = current_id(self.table)
        if sid and self.make_form(sid).exec():
            self.reload_list()

    def _on_changed(self, tables: set[str]) -> None:
        if tables & {"structure", "personne", "dossier", "fusion"}:
            self.reload_list()

    # ------------------------------------------------------------------ list
    def reload_list(self) -> None:
        text = self.search.text().strip()
        counts = select(Dossier.structure_id, func.count().label("n")).group_by(Dossier.structure_id).subquery()
        q = (
            select(Structure.id, Structure.raison_sociale, Structure.sigle, Structure.commune_insee,
                   Structure.siret, func.coalesce(counts.c.n, 0))
            .outerjoin(counts, counts.c.structure_id == Structure.id)
            .where(Structure.fusionne_dans_id.is_(None))
        )
        with self.ctx.db.read() as s:
            if text:
                ids = search_ids(s, text, "structure", limit=LIST_LIMIT)
                rank = {sid: i for i, sid in enumerate(ids)}
                rows = sorted(s.execute(q.where(Structure.id.in_(ids))).all(), key=lambda r: rank[r[0]])
            else:
                rows = s.execute(q.order_by(Structure.raison_sociale).limit(LIST_LIMIT)).all()
        fill_table(self.table, [
            (r[0], [r[1], r[2] or "", commune_name(r[3]) if r[3] else "", format_siret(r[4]) if r[4] else "", r[5]])
            for r in rows
        ], align_right=(4,))
        n = len(rows)
        self.count_label.setText(f"{format_number(n)} structure{'s' if n > 1 else ''}")
        if current_id(self.table) is None and n:
            self.table.selectRow(0)
        self.show_detail()

    def select_structure(self, structure_id: str) -> bool:
        return select_id(self.table, structure_id)

    # ------------------------------------------------------------------ detail
    def show_detail(self) -> None:
        sid = current_id(self.table)
        self.current_id = sid
        self.roles.clear()
        self.dossiers.setRowCount(0)
        self.undo_merge_button.hide()
        self.merge_info.clear()
        for w in (self.edit_button, self.add_role_button, self.remove_role_button, self.role_person):
            w.setEnabled(sid is not None)
        if sid is None:
            self.detail_title.setText("Aucune structure sélectionnée")
            for v in self.detail_fields.values():
                v.clear()
            return
        t = get_territory()
        with self.ctx.db.read() as s:
            st = s.get(Structure, sid)
            if st is None:
                return
            self.detail_title.setText(st.raison_sociale + (f" ({st.sigle})" if st.sigle else ""))
            ident = [t.legal_form(st.forme_juridique) or "" if st.forme_juridique else "",
                     f"SIRET {format_siret(st.siret)}" if st.siret else "", f"RNA {st.rna}" if st.rna else "",
                     f"NAF {st.naf}" if st.naf else "",
                     f"créée le {format_date_short(st.date_creation)}" if st.date_creation else "",
                     "agréée ESUS" if st.esus else "", "collectivité" if st.collectivite else ""]
            self.detail_fields["identite"].setText(" · ".join(x for x in ident if x) or "—")
            place = [st.adresse or "", " ".join(x for x in (st.code_postal, commune_name(st.commune_insee)
                                                            if st.commune_insee else "") if x)]
            self.detail_fields["adresse"].setText(", ".join(x for x in place if x) or "—")
            contact = [format_phone(st.telephone) if st.telephone else "", st.email or ""]
            self.detail_fields["contact"].setText(" · ".join(x for x in contact if x) or "—")
            moyens = [f"{st.salaries} salarié·es" if st.salaries is not None else "",
                      f"{format_number(st.etp)} ETP" if st.etp is not None else "",
                      f"{st.benevoles} bénévoles" if st.benevoles is not None else "",
                      f"budget {format_cents(st.budget_centimes)}" if st.budget_centimes is not None else ""]
            self.detail_fields["moyens"].setText(" · ".join(x for x in moyens if x) or "—")
            for rid, role, prenom, nom in s.execute(
                select(StructureRole.id, StructureRole.role, Personne.prenom, Personne.nom).join(Personne)
                .where(StructureRole.structure_id == sid).order_by(Personne.nom, Personne.prenom)
            ):
                item = QListWidgetItem(f"{prenom} {nom} — {role}")
                item.setData(ID_ROLE, rid)
                self.roles.addItem(item)
            fill_table(self.dossiers, [
                (d.id, [d.reference, d.titre, DISPOSITIFS[d.dispositif].libelle_etape(d.etape)
                        if d.dispositif in DISPOSITIFS else d.etape])
                for d in s.scalars(select(Dossier).where(Dossier.structure_id == sid)
                                   .order_by(Dossier.date_ouverture.desc()))
            ])
            merges = [f for f in fusion.merges_of(s, "structure", sid) if f.survivant_id == sid and not f.annulee]
            if merges:
                gone = s.get(Structure, merges[0].absorbe_id)
                self.merge_info.setText(f"Fiche fusionnée le {format_date_short(merges[0].date)} avec "
                                        f"« {gone.raison_sociale if gone else '?'} ».")
                self.undo_merge_button.show()
                self._last_merge_id = merges[0].id

    def _open_dossier(self) -> None:
        did = current_id(self.dossiers)
        if did:
            self.ctx.open_dossier(did)

    # ------------------------------------------------------------------ roles
    def add_role(self) -> bool:
        sid = current_id(self.table)
        hit = self.role_person.hit()
        if sid is None:
            return False
        if hit is None:
            self.role_error.setText("Cherchez puis choisissez la personne dans la liste.")
            self.role_error.show()
            return False
        try:
            with self.ctx.db.session() as s:
                service.add_role(s, sid, hit.id, self.role_choice.currentText())
        except ValidationError as e:
            self.role_error.setText("\n".join(e.errors.values()))
            self.role_error.show()
            return False
        self.role_error.hide()
        self.role_person.clear_choice()
        self.ctx.notify("structure")
        return True

    def remove_role(self) -> bool:
        item = self.roles.currentItem()
        if item is None or not self.confirm("Retirer le rôle", f"Retirer « {item.text()} » de la structure ?"):
            return False
        try:
            with self.ctx.db.session() as s:
                service.remove_role(s, item.data(ID_ROLE))
        except ValidationError as e:
            self.inform("Retirer le rôle", "\n".join(e.errors.values()))
            return False
        self.ctx.notify("structure")
        return True

    # ------------------------------------------------------------------ duplicates
    def show_duplicates(self) -> None:
        DuplicatesDialog(self.ctx, "structure", self).exec()
        self.reload_list()

    def undo_last_merge(self) -> bool:
        if not self._last_merge_id or not self.confirm(
            "Annuler la fusion",
            "Séparer de nouveau les deux structures ? Dossiers et rôles retrouvent leur fiche d'origine."
        ):
            return False
        try:
            with self.ctx.db.session() as s:
                fusion.undo_merge(s, self._last_merge_id)
        except ValidationError as e:
            self.inform("Annuler la fusion", "\n".join(e.errors.values()))
            return False
        self._last_merge_id = None
        self.ctx.notify("structure", "dossier", "fusion")
        return True
