"""Ateliers: upcoming sessions first, past ones below; create and edit; register people; mark
presence (saved at once); counts "12 inscrits · 9 présents"; feuille d'émargement when the PDF
preview is available."""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from pole_desktop.clock import today
from pole_desktop.errors import user_message
from pole_desktop.formatting import format_date_long, format_date_short, format_time
from pole_desktop.gui.context import AppContext
from pole_desktop.gui.dialogs.atelier_form import AtelierFormDialog
from pole_desktop.gui.ops import run_read, run_write
from pole_desktop.gui.screens.base import Screen
from pole_desktop.gui.widgets.entity_picker import EntityPicker
from pole_desktop.gui.widgets.tables import ID_ROLE, current_id, make_table, select_id
from pole_desktop.services import ateliers as service
from pole_desktop.services.queries.ateliers import (
    AtelierDetail,
    AtelierList,
    atelier_counts,
    atelier_detail,
    list_ateliers,
)
from pole_desktop.services.validation import ValidationError
from pole_desktop.storage.search import commune_name

PRESENCE = [(None, "Non renseigné"), (True, "Présent·e"), (False, "Absent·e")]
PDF_PREVIEW = "pole_desktop.gui.dialogs.pdf_preview"


def counts_text(inscrits: int, presents: int) -> str:
    return (f"{inscrits} inscrit{'s' if inscrits > 1 else ''} · "
            f"{presents} présent{'s' if presents > 1 else ''}")


def emargement_hook() -> Any | None:
    """``pdf_preview.preview_emargement(ctx, atelier_id, parent)`` when the documents module provides it."""
    try:
        if importlib.util.find_spec(PDF_PREVIEW) is None:
            return None
        return getattr(importlib.import_module(PDF_PREVIEW), "preview_emargement", None)
    except ImportError:
        return None


class AteliersScreen(Screen):
    key = "ateliers"
    title = "Ateliers"
    tables = frozenset({"atelier", "atelier_inscription", "personne", "fusion"})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.inform = lambda title, text: QMessageBox.information(self, title, text)
        self.confirm = lambda title, text: QMessageBox.question(self, title, text) == QMessageBox.StandardButton.Yes
        outer = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.new_button = QPushButton("Nouvel atelier…")
        self.new_button.setObjectName("new_button")
        self.new_button.setToolTip("Ctrl+N")
        self.new_button.clicked.connect(self.new_item)
        self.edit_button = QPushButton("Modifier…")
        self.edit_button.setObjectName("edit_button")
        self.edit_button.clicked.connect(self.edit_selected)
        self.emargement_button = QPushButton("Feuille d'émargement…")
        self.emargement_button.setObjectName("emargement_button")
        self.emargement_button.clicked.connect(self.emargement)
        self.emargement_button.setVisible(emargement_hook() is not None)
        for b in (self.new_button, self.edit_button, self.emargement_button):
            bar.addWidget(b)
        bar.addStretch(1)
        outer.addLayout(bar)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.table = make_table(["Date", "Atelier", "Lieu", "Inscrits", "Présents"], "ateliers_table",
                                "Liste des ateliers", stretch=1)
        fm = self.table.fontMetrics()  # dates and counts at their width; the title takes the rest
        self.table.setColumnWidth(0, fm.horizontalAdvance("00/00/0000 00:00") + 16)
        self.table.setColumnWidth(2, 120)
        self.table.setColumnWidth(3, fm.horizontalAdvance("Inscrits") + 18)
        self.table.setColumnWidth(4, fm.horizontalAdvance("Présents") + 18)
        self.table.itemSelectionChanged.connect(self.show_detail)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        split.addWidget(self.table)
        split.addWidget(self._build_detail())
        split.setSizes([700, 540])
        outer.addWidget(split, 1)
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
        self.detail_info = QLabel()
        self.detail_info.setWordWrap(True)
        lay.addWidget(self.detail_info)
        self.counts = QLabel()
        self.counts.setObjectName("counts")
        self.counts.setStyleSheet("font-weight: 600;")
        lay.addWidget(self.counts)
        add = QHBoxLayout()
        self.person_search = EntityPicker(self.ctx, "personne")
        self.person_search.setObjectName("person_search")
        self.person_search.setAccessibleName("Rechercher une personne à inscrire")
        self.person_search.setPlaceholderText("Inscrire une personne : tapez son nom, puis ↓ et Entrée…")
        self.person_search.picked.connect(lambda hit: hit is not None and self.register_selected())
        add.addWidget(self.person_search, 1)
        self.register_button = QPushButton("Inscrire")
        self.register_button.setObjectName("register_button")
        self.register_button.clicked.connect(self.register_selected)
        add.addWidget(self.register_button)
        lay.addLayout(add)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        lay.addWidget(self.error)
        self.inscriptions = make_table(["Nom", "Prénom", "Commune", "Présence"], "inscriptions_table",
                                       "Personnes inscrites", stretch=2)
        self.inscriptions.setColumnWidth(0, 140)
        self.inscriptions.setColumnWidth(1, 120)
        self.inscriptions.setColumnWidth(3, 150)
        self.inscriptions.verticalHeader().setDefaultSectionSize(30)
        lay.addWidget(self.inscriptions, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.unregister_button = QPushButton("Désinscrire")
        self.unregister_button.setObjectName("unregister_button")
        self.unregister_button.clicked.connect(self.unregister_selected)
        row.addWidget(self.unregister_button)
        lay.addLayout(row)
        return w

    # ------------------------------------------------------------------ Screen
    def refresh(self) -> None:
        self.reload_list()

    def focus_search(self) -> None:
        self.person_search.setFocus()

    def make_form(self, atelier_id: str | None) -> AtelierFormDialog:
        return AtelierFormDialog(self.ctx, atelier_id, self)

    def new_item(self) -> None:
        dlg = self.make_form(None)
        if dlg.exec() and dlg.saved_id:
            self.reload_list(select=dlg.saved_id)

    def edit_selected(self) -> None:
        aid = current_id(self.table)
        if aid and self.make_form(aid).exec():
            self.reload_list()

    # ------------------------------------------------------------------ list
    def reload_list(self, select: str | None = None) -> None:
        """Reload the list in the background (then select ``select``, else keep the selection)."""
        run_read(self.ctx, lambda s: list_ateliers(s, today()), lambda data: self._show_list(data, select),
                 parent=self)

    def _show_list(self, data: AtelierList, select: str | None = None) -> None:
        selected = select or current_id(self.table)
        rows: list[tuple[str | None, list[str]]] = []
        for title, part in ((f"À venir ({len(data.upcoming)})", data.upcoming), (f"Passés ({len(data.past)})",
                                                                                  data.past)):
            rows.append((None, [title]))
            for a in part:
                place = ", ".join(x for x in (a.lieu, commune_name(a.commune_insee)) if x)
                cap = f"{a.inscrits}/{a.capacite}" if a.capacite else str(a.inscrits)
                rows.append((a.id, [f"{format_date_short(a.debut)} {format_time(a.debut)}", a.titre, place,
                                    cap, str(a.presents)]))
        t = self.table
        t.blockSignals(True)
        t.clearSpans()
        t.setRowCount(len(rows))
        bold = QFont(t.font())
        bold.setBold(True)
        for i, (aid, cells) in enumerate(rows):
            for j in range(t.columnCount()):
                item = QTableWidgetItem(cells[j] if j < len(cells) else "")
                if aid is not None and len(item.text()) > 18:
                    item.setToolTip(item.text())
                if aid is None:
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    item.setFont(bold)
                    item.setBackground(QBrush(QColor("#e8eef5")))
                else:
                    item.setData(ID_ROLE, aid)
                    if j >= 3:
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                t.setItem(i, j, item)
            if aid is None:
                t.setSpan(i, 0, 1, t.columnCount())
        t.blockSignals(False)
        if not (selected and select_id(t, selected)):
            first = next((i for i, (aid, _) in enumerate(rows) if aid), None)
            if first is not None:
                t.selectRow(first)
        self.show_detail()

    # ------------------------------------------------------------------ detail
    def show_detail(self) -> None:
        aid = current_id(self.table)
        self.current_id = aid
        for w in (self.edit_button, self.emargement_button, self.person_search, self.register_button,
                  self.unregister_button):
            w.setEnabled(aid is not None)
        self.inscriptions.setRowCount(0)
        if aid is None:
            self.detail_title.setText("Aucun atelier sélectionné")
            self.detail_info.clear()
            self.counts.clear()
            return
        run_read(self.ctx, lambda s: atelier_detail(s, aid), self._show_detail, parent=self)

    def _show_detail(self, a: AtelierDetail | None) -> None:
        if a is None or a.id != self.current_id:  # gone, or another row selected meanwhile
            return
        self.detail_title.setText(a.titre)
        bits = [f"{format_date_long(a.debut.date()).capitalize()}, {format_time(a.debut)} – {format_time(a.fin)}"]
        place = ", ".join(x for x in (a.lieu, commune_name(a.commune_insee) if a.commune_insee else "") if x)
        if place:
            bits.append(place)
        extra = [a.theme or "", a.dispositif, f"{a.capacite} places" if a.capacite else ""]
        if any(extra):
            bits.append(" · ".join(x for x in extra if x))
        self.detail_info.setText("<br>".join(bits))
        rows = a.inscriptions
        t = self.inscriptions
        t.setRowCount(len(rows))
        for i, r in enumerate(rows):
            for j, text in enumerate((r.nom, r.prenom, commune_name(r.commune_insee) if r.commune_insee else "")):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, r.id)
                t.setItem(i, j, item)
            combo = QComboBox()
            combo.setObjectName(f"presence_{i}")
            combo.setAccessibleName(f"Présence de {r.prenom} {r.nom}")
            for value, label in PRESENCE:
                combo.addItem(label, value)
            combo.setCurrentIndex([v for v, _ in PRESENCE].index(r.present))
            combo.currentIndexChanged.connect(lambda _i, iid=r.id, c=combo: self.set_presence(iid, c.currentData()))
            t.setCellWidget(i, 3, combo)
        self.counts.setText(counts_text(len(rows), sum(1 for r in rows if r.present is True)))

    def presence_combo(self, row: int) -> QComboBox:
        return self.inscriptions.cellWidget(row, 3)

    # ------------------------------------------------------------------ actions
    def set_presence(self, inscription_id: str, present: bool | None) -> bool:
        """Record a presence; this screen updates its counts in place (the detail and its focus stay as
        they are), the other screens showing inscriptions refresh."""
        aid = self.current_id

        def write(s: Session) -> tuple[int, int] | None:
            service.mark_presence(s, inscription_id, present)
            return atelier_counts(s, aid) if aid else None

        return not run_write(self.ctx, write, lambda counts: self._show_counts(aid, counts),
                             lambda e: self._refused("Présence", e), parent=self, origin=self).refused

    def _show_counts(self, aid: str | None, counts: tuple[int, int] | None) -> None:
        if counts is None or aid != self.current_id:
            return
        n, p = counts
        self.counts.setText(counts_text(n, p))
        for i in range(self.table.rowCount()):  # the list's « Présents » too
            item = self.table.item(i, 0)
            if item is not None and item.data(ID_ROLE) == aid:
                self.table.item(i, 4).setText(str(p))

    def _refused(self, title: str, error: BaseException) -> None:
        self.inform(title, "\n".join(error.errors.values()) if isinstance(error, ValidationError)
                    else user_message(error))

    def register_selected(self) -> bool:
        aid = current_id(self.table)
        hit = self.person_search.hit()
        if aid is None:
            return False
        if hit is None:
            self.error.setText("Cherchez puis choisissez la personne dans la liste.")
            self.error.show()
            return False
        def registered(_r: object) -> None:
            self.person_search.clear_choice()
            self.person_search.setFocus()

        person_id = hit.id
        return not run_write(self.ctx, lambda s: service.register(s, aid, person_id), registered,
                             {"": self.error}, parent=self).refused

    def unregister_selected(self) -> bool:
        row = self.inscriptions.currentRow()
        if row < 0:
            return False
        iid = self.inscriptions.item(row, 0).data(ID_ROLE)
        who = f"{self.inscriptions.item(row, 1).text()} {self.inscriptions.item(row, 0).text()}"
        if not self.confirm("Désinscrire", f"Désinscrire {who} de l'atelier ?"):
            return False
        return not run_write(self.ctx, lambda s: service.unregister(s, iid),
                             errors_to=lambda e: self._refused("Désinscrire", e), parent=self).refused

    def emargement(self) -> None:
        hook = emargement_hook()
        aid = current_id(self.table)
        if hook is not None and aid:
            hook(self.ctx, aid, self)
