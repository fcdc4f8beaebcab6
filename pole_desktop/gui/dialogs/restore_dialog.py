"""« Restaurer une sauvegarde… » — three clicks: open, « Restaurer… », « Oui, restaurer ».

The most recent backup made before today is selected on opening (yesterday's state). The
confirmation is a page of the dialog (no nested modal box), then a result page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pole_desktop import clock
from pole_desktop.errors import user_message
from pole_desktop.formatting import format_datetime
from pole_desktop.gui.helpers import fit_to_screen
from pole_desktop.safety import backups


def when_fr(d: dt.datetime) -> str:
    return format_datetime(d, long=True)


class RestoreDialog(QDialog):
    INTRO = ("Choisissez l'état des données à retrouver. L'état actuel est sauvegardé avant "
             "toute restauration : vous pourrez revenir en arrière.")
    TITLE = "Restaurer une sauvegarde"
    CLOSE = "Fermer"

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.db = ctx.db if ctx is not None else None
        self.restored: backups.BackupInfo | None = None
        self.setWindowTitle(self.TITLE)
        fit_to_screen(self, 720, 440)
        self.pages = QStackedWidget()
        outer = QVBoxLayout(self)
        outer.addWidget(self.pages)

        # Page 0: the list.
        page = QWidget()
        lay = QVBoxLayout(page)
        intro = QLabel(self.INTRO)
        self.intro = intro
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Date", "Type", "Taille"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _i: self._ask())
        lay.addWidget(self.table)
        row = QHBoxLayout()
        row.addStretch(1)
        self.close_button = QPushButton(self.CLOSE)
        self.close_button.clicked.connect(self.reject)
        self.restore_button = QPushButton("Restaurer…")
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(self._ask)
        row.addWidget(self.close_button)
        row.addWidget(self.restore_button)
        lay.addLayout(row)
        self.pages.addWidget(page)

        # Page 1: confirmation.
        page = QWidget()
        lay = QVBoxLayout(page)
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.question.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(self.question)
        lay.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel_button = QPushButton("Annuler")
        self.cancel_button.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.confirm_button = QPushButton("Oui, restaurer")
        self.confirm_button.clicked.connect(self._restore)
        row.addWidget(self.cancel_button)
        row.addWidget(self.confirm_button)
        lay.addLayout(row)
        self.pages.addWidget(page)

        # Page 2: result.
        page = QWidget()
        lay = QVBoxLayout(page)
        self.result = QLabel()
        self.result.setWordWrap(True)
        lay.addWidget(self.result)
        lay.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        done = QPushButton("Fermer")
        done.clicked.connect(self.accept)
        row.addWidget(done)
        lay.addLayout(row)
        self.pages.addWidget(page)
        self.reload()

    def target(self) -> Any:
        """What is listed and restored: the open database."""
        return self.db

    def reload(self) -> None:
        self.items = backups.list_backups(self.target())
        self.table.setRowCount(len(self.items))
        for i, b in enumerate(self.items):
            for j, text in enumerate([when_fr(b.created), b.label, backups.format_size(b.size)]):
                cell = QTableWidgetItem(text)
                if j == 2:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, j, cell)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        today = clock.today()
        default = next((i for i, b in enumerate(self.items) if b.created.date() < today), 0 if self.items else None)
        if default is not None:
            self.table.selectRow(default)
        self._selection_changed()

    def selected(self) -> backups.BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.items[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def _ask(self) -> None:
        b = self.selected()
        if b is None:
            return
        self.question.setText(
            f"<p><b>Restaurer la sauvegarde du {when_fr(b.created)} ({b.label}) ?</b></p>"
            "<p>Les données de ce poste reviendront à cet état. Les modifications faites depuis, si "
            "elles ont été synchronisées, reviendront à la prochaine synchronisation.</p>"
            "<p>L'état actuel est sauvegardé d'abord : il apparaîtra dans la liste "
            "(« avant restauration »).</p>")
        self.pages.setCurrentIndex(1)

    def do_restore(self, b: backups.BackupInfo) -> None:
        backups.restore(self.db, b.path)
        from pole_desktop.safety.gdpr import reapply_erasures

        reapply_erasures(self.db)

    def _restore(self) -> None:
        b = self.selected()
        if b is None:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.do_restore(b)
        except Exception as e:  # noqa: BLE001 - shown in French
            self.result.setText(f"La restauration n'a pas été faite : {user_message(e)}\n\n"
                                "Les données actuelles n'ont pas été modifiées.")
        else:
            self.restored = b
            self.result.setText(f"Les données du {when_fr(b.created)} ont été restaurées.")
            notify = getattr(self.ctx, "notify", None)
            if notify:
                from pole_desktop.domain import synced_tables

                notify(*synced_tables())
        finally:
            QApplication.restoreOverrideCursor()
        self.pages.setCurrentIndex(2)
