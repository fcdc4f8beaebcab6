"""The likely duplicates of the whole file (people or structures), with the reason; opens the merge."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pole_desktop.formatting import format_number
from pole_desktop.gui.context import AppContext
from pole_desktop.gui.dialogs.merge_dialog import MergeDialog
from pole_desktop.gui.helpers import fit_to_screen
from pole_desktop.gui.ops import run_read
from pole_desktop.services.queries.duplicates import DuplicatePair, duplicate_pairs


class DuplicatesDialog(QDialog):
    # Replaceable in tests: how the merge dialog is shown (returns True when merged).
    def __init__(self, ctx: AppContext, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kind = kind
        self.setObjectName("duplicates_dialog")
        self.setWindowTitle("Doublons probables")
        fit_to_screen(self, 860, 480)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("pairs")
        self.table.setAccessibleName("Paires de fiches en double")
        self.table.setHorizontalHeaderLabels(["Première fiche", "Seconde fiche", "Raison"])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda _i: self.merge_selected())
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Fermer")
        self.merge_button = QPushButton("Comparer et fusionner…")
        self.merge_button.setObjectName("merge_button")
        buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.merge_button.clicked.connect(self.merge_selected)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.pairs: list[tuple[str, str, str]] = []
        self.reload()

    def reload(self) -> None:
        run_read(self.ctx, lambda s: duplicate_pairs(s, self.kind), self._fill, parent=self)

    def _fill(self, pairs: list[DuplicatePair]) -> None:
        rows = [(p.first_id, p.second_id, p.first, p.second, p.reason) for p in pairs]
        self.pairs = [(a, b, reason) for a, b, _, _, reason in rows]
        self.table.setRowCount(len(rows))
        for i, (_, _, la, lb, reason) in enumerate(rows):
            for j, text in enumerate((la, lb, reason)):
                self.table.setItem(i, j, QTableWidgetItem(text))
        n = len(rows)
        self.summary.setText(
            "Aucun doublon probable." if n == 0
            else f"{format_number(n)} paire{'s' if n > 1 else ''} de fiches probablement en double. "
                 "Double-cliquez sur une ligne pour comparer les deux fiches."
        )
        self.merge_button.setEnabled(n > 0)
        if n:
            self.table.selectRow(0)

    def merge_dialog(self, first: str, second: str) -> MergeDialog:
        return MergeDialog(self.ctx, self.kind, first, second, self)

    def merge_selected(self) -> None:
        row = self.table.currentRow()
        if row < 0 or row >= len(self.pairs):
            return
        a, b, _ = self.pairs[row]
        if self.merge_dialog(a, b).exec():
            self.reload()
