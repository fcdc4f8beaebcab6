"""« Historique des modifications » — who changed what and when, for a dossier or a person."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pole_desktop.formatting import format_datetime
from pole_desktop.gui.helpers import fit_to_screen
from pole_desktop.gui.ops import run_read
from pole_desktop.safety.gdpr import readable
from pole_desktop.services import history


def value_text(column: str, value: Any) -> str:
    if column == "__deleted__":
        return ""
    if value is None:
        return "—"
    if isinstance(value, str) and len(value) == 36 and value.count("-") == 4:
        return "(fiche liée)"
    return readable(column, value)


class AuditTable(QTableWidget):
    HEADERS = ["Quand", "Qui", "Quoi", "Ancienne valeur", "Nouvelle valeur"]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(self.HEADERS), parent)
        self.setHorizontalHeaderLabels(self.HEADERS)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().setVisible(False)
        self.setWordWrap(True)

    def load(self, entries: list[history.HistoryEntry]) -> None:
        self.setRowCount(len(entries))
        for i, e in enumerate(entries):
            cells = [format_datetime(e.when), e.who, e.what, value_text(e.column, e.old_value),
                     value_text(e.column, e.new_value)]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.setItem(i, j, item)
        self.resizeColumnsToContents()
        for j in (3, 4):
            self.setColumnWidth(j, min(self.columnWidth(j), 260))
        self.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)


class AuditDialog(QDialog):
    def __init__(self, ctx: Any, kind: str, row_id: str, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Historique des modifications")
        fit_to_screen(self, 900, 520)
        lay = QVBoxLayout(self)
        self.head = QLabel("Chargement…")
        lay.addWidget(self.head)
        self.table = AuditTable()
        lay.addWidget(self.table)

        def show(entries: list[history.HistoryEntry]) -> None:
            n = len(entries)
            self.head.setText(f"<b>{title}</b> — {n} modification{'s' if n != 1 else ''}" if title
                              else f"{n} modifications")
            self.table.load(entries)

        run_read(ctx, lambda s: history.history(s, kind, row_id), show, parent=self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Fermer")
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
