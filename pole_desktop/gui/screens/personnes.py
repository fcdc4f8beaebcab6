"""Personnes: find as you type, create and edit, see a person's dossiers, roles and ateliers,
find and merge duplicates, undo a merge."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
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
from pole_desktop.formatting import format_date_short, format_number, format_phone
from pole_desktop.gui.context import AppContext
from pole_desktop.gui.dialogs.duplicates_dialog import DuplicatesDialog
from pole_desktop.gui.dialogs.merge_dialog import MergeDialog
from pole_desktop.gui.dialogs.personne_form import PersonneFormDialog
from pole_desktop.gui.ops import run_read, run_write
from pole_desktop.gui.screens.base import Screen
from pole_desktop.gui.widgets.search_bar import build_search_bar
from pole_desktop.gui.widgets.tables import ID_ROLE, current_id, fill_table, make_table, select_id
from pole_desktop.services import fusion
from pole_desktop.services.personnes import SITUATIONS
from pole_desktop.services.queries.personnes import PersonneDetail, PersonneRow, list_personnes, personne_detail
from pole_desktop.services.validation import ValidationError
from pole_desktop.storage.search import commune_name


class PersonnesScreen(Screen):
    key = "personnes"
    title = "Personnes"
    tables = frozenset({"personne", "dossier", "dossier_beneficiaire", "structure", "structure_role", "atelier",
                        "atelier_inscription", "fusion"})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        # Replaceable in tests (a modal question would block).
        self.confirm = lambda title, text: QMessageBox.question(self, title, text) == QMessageBox.StandardButton.Yes
        self.inform = lambda title, text: QMessageBox.information(self, title, text)

        outer = QVBoxLayout(self)
        bar = build_search_bar(
            self, accessible_name="Rechercher une personne",
            placeholder="Rechercher : nom, prénom, commune, téléphone, e-mail… (Ctrl+F)",
            new_label="Nouvelle personne…",
        )
        outer.addLayout(bar)

        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        self.table = make_table(["Nom", "Prénom", "Commune", "Téléphone", "E-mail", "Dossiers"],
                                "personnes_table", "Liste des personnes", stretch=4)
        for col, width in enumerate((120, 100, 140, 110)):
            self.table.setColumnWidth(col, width)
        self.table.itemSelectionChanged.connect(self.show_detail)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        ll.addWidget(self.table, 1)
        self.count_label = QLabel()
        self.count_label.setObjectName("count_label")
        ll.addWidget(self.count_label)
        split.addWidget(left)
        split.addWidget(self._build_detail())
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([760, 480])
        outer.addWidget(split, 1)
        self.current_id: str | None = None
        self.refresh()

    # ------------------------------------------------------------------ widgets
    def _build_detail(self) -> QWidget:
        w = QWidget()
        w.setObjectName("detail")
        lay = QVBoxLayout(w)
        lay.setContentsMargins(8, 0, 0, 0)
        self.detail_title = QLabel()
        self.detail_title.setObjectName("detail_title")
        self.detail_title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.detail_title.setWordWrap(True)
        lay.addWidget(self.detail_title)
        form = QFormLayout()
        self.detail_fields: dict[str, QLabel] = {}
        for key, label in (("contact", "Contact"), ("adresse", "Adresse"), ("situation", "Situation"),
                           ("consentement", "Consentement")):
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
        self.privacy_button = QPushButton("Données personnelles…")
        self.privacy_button.setObjectName("privacy_button")
        self.privacy_button.setToolTip("Consentement, export des données de la personne, effacement, historique")
        self.privacy_button.clicked.connect(self.open_privacy)
        buttons.addWidget(self.privacy_button)
        buttons.addStretch(1)
        lay.addLayout(buttons)
        self.merge_info = QLabel()
        self.merge_info.setObjectName("merge_info")
        self.merge_info.setWordWrap(True)
        self.merge_info.setStyleSheet("color: #555;")
        lay.addWidget(self.merge_info)

        lay.addWidget(QLabel("<b>Dossiers</b> (double-clic pour ouvrir)"))
        self.dossiers = make_table(["Référence", "Dossier", "Étape"], "dossiers_table", "Dossiers de la personne", 1)
        self.dossiers.setColumnWidth(0, 170)
        self.dossiers.doubleClicked.connect(self._open_dossier)
        lay.addWidget(self.dossiers, 2)
        lay.addWidget(QLabel("<b>Rôles dans des structures</b>"))
        self.roles = QListWidget()
        self.roles.setObjectName("roles_list")
        self.roles.setAccessibleName("Rôles dans des structures")
        lay.addWidget(self.roles, 1)
        lay.addWidget(QLabel("<b>Ateliers</b>"))
        self.ateliers = QListWidget()
        self.ateliers.setObjectName("ateliers_list")
        self.ateliers.setAccessibleName("Ateliers de la personne")
        lay.addWidget(self.ateliers, 1)
        return w

    # ------------------------------------------------------------------ Screen
    def refresh(self) -> None:
        self.reload_list()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def new_item(self) -> None:
        dlg = self.make_form(None)
        if dlg.exec() and dlg.saved_id:
            self.search.clear()
            self.reload_list(select=dlg.saved_id)

    def make_form(self, personne_id: str | None) -> PersonneFormDialog:
        return PersonneFormDialog(self.ctx, personne_id, self)

    # ------------------------------------------------------------------ list
    def reload_list(self, select: str | None = None) -> None:
        """Reload the list in the background (then select ``select`` if given)."""
        text = self.search.text().strip()
        run_read(self.ctx, lambda s: list_personnes(s, text), lambda rows: self._show_list(text, rows, select),
                 parent=self)

    def _show_list(self, text: str, rows: list[PersonneRow], select: str | None) -> None:
        fill_table(
            self.table,
            [(r.id, [r.nom, r.prenom, commune_name(r.commune_insee) if r.commune_insee else "",
                     format_phone(r.telephone) if r.telephone else "", r.email or "", r.dossiers]) for r in rows],
            align_right=(5,),
        )
        n = len(rows)
        found = (" trouvée" + ("s" if n > 1 else "")) if text else ""
        self.count_label.setText(f"{format_number(n)} personne{'s' if n > 1 else ''}{found}")
        if select is not None:
            select_id(self.table, select)
        if current_id(self.table) is None and n:
            self.table.selectRow(0)
        self.show_detail()

    def select_personne(self, personne_id: str) -> bool:
        return select_id(self.table, personne_id)

    # ------------------------------------------------------------------ detail
    def show_detail(self) -> None:
        pid = current_id(self.table)
        self.current_id = pid
        for w in (self.edit_button,):
            w.setEnabled(pid is not None)
        self.dossiers.setRowCount(0)
        self.roles.clear()
        self.ateliers.clear()
        self.undo_merge_button.hide()
        self.merge_info.clear()
        if pid is None:
            self.detail_title.setText("Aucune personne sélectionnée")
            for v in self.detail_fields.values():
                v.clear()
            return
        run_read(self.ctx, lambda s: personne_detail(s, pid), self._show_detail, parent=self)

    def _show_detail(self, p: PersonneDetail | None) -> None:
        if p is None or p.id != self.current_id:  # gone, or another row selected meanwhile
            return
        self.detail_title.setText(" ".join(x for x in (p.civilite, p.prenom, p.nom) if x))
        contact = [format_phone(p.telephone) if p.telephone else "", p.email or ""]
        self.detail_fields["contact"].setText(" · ".join(c for c in contact if c) or "—")
        place = [p.adresse or "", " ".join(x for x in (p.code_postal, commune_name(p.commune_insee)
                                                       if p.commune_insee else "") if x)]
        self.detail_fields["adresse"].setText(", ".join(x for x in place if x) or "—")
        sit = [SITUATIONS.get(p.situation, "") if p.situation else "",
               f"née ou né en {p.annee_naissance}" if p.annee_naissance else "",
               f"orienté·e par {p.prescripteur}" if p.prescripteur else ""]
        self.detail_fields["situation"].setText(" · ".join(x for x in sit if x) or "—")
        self.detail_fields["consentement"].setText(
            f"le {format_date_short(p.consentement_date)}" + (f" ({p.consentement_portee})"
                                                              if p.consentement_portee else "")
            if p.consentement_date else "non recueilli"
        )
        fill_table(self.dossiers, [(d[0], [d[1], d[2], d[3]]) for d in p.dossiers])
        for role, nom in p.roles:
            self.roles.addItem(f"{role} — {nom}")
        for aid, titre, debut, present in p.ateliers:
            state = {True: "présent·e", False: "absent·e", None: "inscrit·e"}[present]
            item = QListWidgetItem(f"{format_date_short(debut)} — {titre} ({state})")
            item.setData(ID_ROLE, aid)
            self.ateliers.addItem(item)
        if p.last_merge is not None:
            fusion_id, date, gone = p.last_merge
            self.merge_info.setText(f"Fiche fusionnée le {format_date_short(date)} avec « {gone} ».")
            self.undo_merge_button.show()
            self._last_merge_id = fusion_id

    def _open_dossier(self) -> None:
        did = current_id(self.dossiers)
        if did:
            self.ctx.open_dossier(did)

    # ------------------------------------------------------------------ actions
    def edit_selected(self) -> None:
        pid = current_id(self.table)
        if pid is None:
            return
        dlg = self.make_form(pid)
        if dlg.exec():
            self.reload_list()

    def open_privacy(self) -> None:
        """RGPD: consent, « Exporter les données de cette personne », erasure, audit."""
        from pole_desktop.gui.dialogs.safety_menu import open_person_privacy

        pid = current_id(self.table)
        if pid is None:
            return
        open_person_privacy(self.ctx, pid, self)
        self.reload_list()

    def show_duplicates(self) -> None:
        DuplicatesDialog(self.ctx, "personne", self).exec()
        self.reload_list()

    def merge_with(self, other_id: str) -> MergeDialog | None:
        pid = current_id(self.table)
        return MergeDialog(self.ctx, "personne", pid, other_id, self) if pid else None

    def undo_last_merge(self) -> bool:
        fusion_id = getattr(self, "_last_merge_id", None)
        if not fusion_id or not self.confirm(
            "Annuler la fusion",
            "Séparer de nouveau les deux fiches ? Chaque lien (dossier, rendez-vous, atelier, rôle) "
            "retrouve la fiche d'origine.",
        ):
            return False
        def done(_result: object) -> None:
            self._last_merge_id = None

        def refused(error: BaseException) -> None:
            self.inform("Annuler la fusion", "\n".join(error.errors.values()) if isinstance(error, ValidationError)
                        else user_message(error))

        return not run_write(self.ctx, lambda s: fusion.undo_merge(s, fusion_id), done, refused, parent=self).refused
