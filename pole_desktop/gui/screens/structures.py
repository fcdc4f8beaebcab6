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

from pole_desktop.errors import user_message
from pole_desktop.formatting import format_cents, format_date_short, format_number, format_phone, format_siret
from pole_desktop.gui.context import AppContext
from pole_desktop.gui.dialogs.duplicates_dialog import DuplicatesDialog
from pole_desktop.gui.dialogs.structure_form import StructureFormDialog
from pole_desktop.gui.ops import run_read, run_write
from pole_desktop.gui.screens.base import Screen
from pole_desktop.gui.widgets.entity_picker import EntityPicker
from pole_desktop.gui.widgets.search_bar import build_search_bar
from pole_desktop.gui.widgets.tables import ID_ROLE, current_id, fill_table, make_table, select_id
from pole_desktop.services import fusion
from pole_desktop.services import structures as service
from pole_desktop.services.queries.structures import StructureDetail, StructureRow, list_structures, structure_detail
from pole_desktop.services.validation import ValidationError
from pole_desktop.storage.search import commune_name
from pole_desktop.territory import get_territory


class StructuresScreen(Screen):
    key = "structures"
    title = "Structures"
    tables = frozenset({"structure", "structure_role", "personne", "dossier", "fusion"})

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
            self.reload_list(select=dlg.saved_id)

    def edit_selected(self) -> None:
        sid = current_id(self.table)
        if sid and self.make_form(sid).exec():
            self.reload_list()

    # ------------------------------------------------------------------ list
    def reload_list(self, select: str | None = None) -> None:
        """Reload the list in the background (then select ``select`` if given)."""
        text = self.search.text().strip()
        run_read(self.ctx, lambda s: list_structures(s, text), lambda rows: self._show_list(rows, select), parent=self)

    def _show_list(self, rows: list[StructureRow], select: str | None) -> None:
        fill_table(self.table, [
            (r.id, [r.raison_sociale, r.sigle or "", commune_name(r.commune_insee) if r.commune_insee else "",
                    format_siret(r.siret) if r.siret else "", r.dossiers])
            for r in rows
        ], align_right=(4,))
        n = len(rows)
        self.count_label.setText(f"{format_number(n)} structure{'s' if n > 1 else ''}")
        if select is not None:
            select_id(self.table, select)
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
        run_read(self.ctx, lambda s: structure_detail(s, sid), self._show_detail, parent=self)

    def _show_detail(self, st: StructureDetail | None) -> None:
        if st is None or st.id != self.current_id:  # gone, or another row selected meanwhile
            return
        t = get_territory()
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
        for rid, role, prenom, nom in st.roles:
            item = QListWidgetItem(f"{prenom} {nom} — {role}")
            item.setData(ID_ROLE, rid)
            self.roles.addItem(item)
        fill_table(self.dossiers, [(d[0], [d[1], d[2], d[3]]) for d in st.dossiers])
        if st.last_merge is not None:
            fusion_id, date, gone = st.last_merge
            self.merge_info.setText(f"Fiche fusionnée le {format_date_short(date)} avec « {gone} ».")
            self.undo_merge_button.show()
            self._last_merge_id = fusion_id

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
        role = self.role_choice.currentText()
        write = run_write(self.ctx, lambda s: service.add_role(s, sid, hit.id, role),
                          lambda _r: self.role_person.clear_choice(), {"": self.role_error}, parent=self)
        return not write.refused

    def remove_role(self) -> bool:
        item = self.roles.currentItem()
        if item is None or not self.confirm("Retirer le rôle", f"Retirer « {item.text()} » de la structure ?"):
            return False
        role_id = item.data(ID_ROLE)
        return not run_write(self.ctx, lambda s: service.remove_role(s, role_id),
                             errors_to=lambda e: self._refused("Retirer le rôle", e), parent=self).refused

    def _refused(self, title: str, error: BaseException) -> None:
        self.inform(title, "\n".join(error.errors.values()) if isinstance(error, ValidationError)
                    else user_message(error))

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
        fusion_id = self._last_merge_id

        def done(_result: object) -> None:
            self._last_merge_id = None

        return not run_write(self.ctx, lambda s: fusion.undo_merge(s, fusion_id), done,
                             lambda e: self._refused("Annuler la fusion", e), parent=self).refused
