"""Aujourd'hui: today's and tomorrow's rendez-vous, overdue and upcoming actions, dossiers
waiting for a step. Code-built: every section is a table filled from one background query."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pole_desktop.clock import today as today_
from pole_desktop.formatting import format_date_long, format_date_short
from pole_desktop.gui.context import AppContext
from pole_desktop.gui.helpers import fill_table, read_only_table, row_key, section_title
from pole_desktop.gui.ops import run_read, run_write
from pole_desktop.gui.screens.base import Screen
from pole_desktop.services import undo as undo_service
from pole_desktop.services.queries.today import UPCOMING_DAYS, WAITING_DAYS, TodayData, load_today


class TodayScreen(Screen):
    key = "aujourdhui"
    title = "Aujourd'hui"
    tables = frozenset({"rendez_vous", "rendez_vous_participant", "action", "dossier", "personne", "structure",
                        "accompagnateur"})

    def open_pack(self) -> None:
        from pole_desktop.gui.documents_actions import open_pack_du_lendemain

        open_pack_du_lendemain(self.ctx, self)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.heading = QLabel()
        self.heading.setObjectName("todayHeading")
        rdv_headers = ["Heure", "Avec", "Commune", "Adresse / lieu", "Objet"]
        self.today_table = read_only_table(rdv_headers, "Rendez-vous d'aujourd'hui")
        self.tomorrow_table = read_only_table(rdv_headers, "Rendez-vous de demain")
        action_headers = ["Fait", "Action", "Échéance", "Dossier"]
        self.overdue_table = read_only_table(action_headers, "Actions en retard")
        self.upcoming_table = read_only_table(action_headers, "Actions à venir")
        self.waiting_table = read_only_table(
            ["Référence", "Titre", "Étape", "Dernier rendez-vous", "Sans nouvelles depuis"], "Dossiers en attente"
        )
        self.today_label = section_title("Rendez-vous d'aujourd'hui")
        self.tomorrow_label = section_title("Demain")
        self.overdue_label = section_title("Actions en retard")
        self.upcoming_label = section_title(f"Actions des {UPCOMING_DAYS} prochains jours")
        self.waiting_label = section_title(f"Dossiers en attente (sans rendez-vous depuis {WAITING_DAYS} jours)")

        grid = QGridLayout()
        grid.addWidget(self._box(self.today_label, self.today_table), 0, 0)
        grid.addWidget(self._box(self.overdue_label, self.overdue_table), 0, 1)
        grid.addWidget(self._box(self.tomorrow_label, self.tomorrow_table), 1, 0)
        grid.addWidget(self._box(self.upcoming_label, self.upcoming_table), 1, 1)
        grid.addWidget(self._box(self.waiting_label, self.waiting_table), 2, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        self.pack_button = QPushButton("Pack du lendemain…")
        self.pack_button.setObjectName("pack_button")
        self.pack_button.setToolTip("Un seul PDF à imprimer avec les documents des rendez-vous de demain")
        self.pack_button.clicked.connect(self.open_pack)
        header = QHBoxLayout()
        header.addWidget(self.heading, 1)
        header.addWidget(self.pack_button)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(grid, 1)

        for t in (self.today_table, self.tomorrow_table, self.waiting_table):
            t.doubleClicked.connect(lambda idx, t=t: self._activate(t, idx.row()))
            t.installEventFilter(self)
        for t in (self.overdue_table, self.upcoming_table):
            t.itemChanged.connect(self._on_action_checked)
            t.doubleClicked.connect(lambda idx, t=t: self._open_action_dossier(t, idx.row()))
        self.data: TodayData | None = None

    def _box(self, label: QLabel, table: QTableWidget) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(label)
        v.addWidget(table)
        label.setBuddy(table)
        return w

    def refresh(self) -> None:
        me = self.ctx.db.journal.author_id
        day = today_()
        if self.data is None:  # the first read of a large file takes a moment: say so
            self.heading.setText(f"<h2>Aujourd'hui, {format_date_long(day)}</h2>"
                                 "<span style='color:#5b6873'>Chargement de votre journée…</span>")
            for label in (self.today_label, self.tomorrow_label, self.overdue_label, self.upcoming_label,
                          self.waiting_label):
                label.setText(label.text().split(" (")[0] + " (chargement…)")
        run_read(self.ctx, lambda s: load_today(s, me, day), self._show, parent=self)

    def _show(self, data: TodayData) -> None:
        self.data = data
        day, tomorrow = data.day, data.day + dt.timedelta(days=1)
        self.heading.setText(f"<h2>Aujourd'hui, {format_date_long(day)}</h2>")
        self.today_label.setText(f"Rendez-vous d'aujourd'hui ({len(data.rdv[day])})")
        self.tomorrow_label.setText(f"Demain, {format_date_long(tomorrow)} ({len(data.rdv[tomorrow])})")
        for table, rows in ((self.today_table, data.rdv[day]), (self.tomorrow_table, data.rdv[tomorrow])):
            fill_table(table, [[r["heure"], r["who"], r["commune"], r["adresse"], r["objet"]] for r in rows],
                       [("rdv", r["id"]) for r in rows], stretch=4, max_width=170,
                       tooltips=[f"{r['objet']} — dossier {r['dossier'] or 'aucun'} (Entrée : compte-rendu)"
                                 for r in rows])
        shown = len(data.overdue)
        self.overdue_label.setText(
            f"Actions en retard ({data.overdue_total})" if shown == data.overdue_total
            else f"Actions en retard ({data.overdue_total}, les {shown} plus récentes)"
        )
        self.upcoming_label.setText(f"Actions des {UPCOMING_DAYS} prochains jours ({len(data.upcoming)})")
        for table, rows in ((self.overdue_table, data.overdue), (self.upcoming_table, data.upcoming)):
            table.blockSignals(True)
            fill_table(table, [["", r["libelle"], format_date_short(r["echeance"]), r["dossier"]] for r in rows],
                       [("action", r["id"], r["dossier_id"]) for r in rows], stretch=1, max_width=150,
                       tooltips=[f"{r['libelle']} — qui : {r['responsable'] or 'non précisé'}" for r in rows])
            for i in range(table.rowCount()):
                item = table.item(i, 0)
                item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled
                              | Qt.ItemFlag.ItemIsSelectable)
                item.setCheckState(Qt.CheckState.Unchecked)
                item.setToolTip("Cocher quand l'action est faite")
            table.blockSignals(False)
        self._fit_columns()
        self.waiting_label.setText(
            f"Dossiers en attente (sans rendez-vous depuis {WAITING_DAYS} jours) ({len(data.waiting)})"
        )
        fill_table(self.waiting_table, [[r["reference"], r["titre"], r["etape"], r["dernier"], f"{r['depuis']} jours"]
                                        for r in data.waiting], [("dossier", r["id"]) for r in data.waiting], stretch=1,
                   max_width=260)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """References, dates and counts are never clipped: those columns fit their contents and
        the text column (action, title) takes what is left, eliding its end."""
        for table, stretch in ((self.overdue_table, 1), (self.upcoming_table, 1), (self.waiting_table, 1)):
            header = table.horizontalHeader()
            header.setStretchLastSection(False)
            for j in range(table.columnCount()):
                header.setSectionResizeMode(j, QHeaderView.ResizeMode.Stretch if j == stretch
                                            else QHeaderView.ResizeMode.ResizeToContents)

    def _activate(self, table: QTableWidget, row: int) -> None:
        key = row_key(table, row)
        if not key:
            return
        kind, rid = key[0], key[1]
        if kind == "rdv":
            self.ctx.open_compte_rendu(rid)
        elif kind == "dossier":
            self.ctx.open_dossier(rid)

    def _open_action_dossier(self, table: QTableWidget, row: int) -> None:
        key = row_key(table, row)
        if key and key[2]:
            self.ctx.open_dossier(key[2])

    def _on_action_checked(self, item: QTableWidgetItem) -> None:
        if item.column() != 0 or item.checkState() != Qt.CheckState.Checked:
            return
        action_id = item.data(Qt.ItemDataRole.UserRole)[1]
        # « ✓ Action faite : … — Annuler (Ctrl+Z) »; the screens showing actions refresh.
        run_write(self.ctx, lambda s: undo_service.mark_action_done(s, action_id), self.ctx.offer_undo,
                  parent=self, title="Action")

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and isinstance(obj, QTableWidget)):
            self._activate(obj, obj.currentRow())
            return True
        return super().eventFilter(obj, event)
