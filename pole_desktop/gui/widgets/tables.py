"""Small helpers for read-only tables of rows (one id per row, kept in the first column's data)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

ID_ROLE = Qt.ItemDataRole.UserRole


def make_table(headers: Sequence[str], name: str, accessible: str, stretch: int | None = None) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setObjectName(name)
    t.setAccessibleName(accessible)
    t.setHorizontalHeaderLabels(list(headers))
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setAlternatingRowColors(True)
    t.verticalHeader().hide()
    t.verticalHeader().setDefaultSectionSize(24)
    h = t.horizontalHeader()
    h.setHighlightSections(False)
    h.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    if stretch is not None:
        h.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    else:
        h.setStretchLastSection(True)
    return t


def fill_table(t: QTableWidget, rows: Sequence[tuple[str, Sequence[object]]], align_right: Sequence[int] = ()) -> None:
    """``rows`` are (row id, cell values); keeps the selected id selected when still there."""
    selected = current_id(t)
    t.setSortingEnabled(False)
    t.setRowCount(len(rows))
    keep = -1
    for i, (row_id, cells) in enumerate(rows):
        for j, value in enumerate(cells):
            text = "" if value is None else str(value)
            item = QTableWidgetItem(text)
            if len(text) > 18:
                item.setToolTip(text)  # the column may cut it
            if j == 0:
                item.setData(ID_ROLE, row_id)
            if j in align_right:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            t.setItem(i, j, item)
        if row_id == selected:
            keep = i
    if keep >= 0:
        t.selectRow(keep)


def current_id(t: QTableWidget) -> str | None:
    row = t.currentRow()
    if row < 0 or t.item(row, 0) is None or not t.selectionModel().isRowSelected(row, t.rootIndex()):
        return None
    return t.item(row, 0).data(ID_ROLE)


def select_id(t: QTableWidget, row_id: str) -> bool:
    for i in range(t.rowCount()):
        if t.item(i, 0) is not None and t.item(i, 0).data(ID_ROLE) == row_id:
            t.selectRow(i)
            return True
    return False


def row_ids(t: QTableWidget) -> list[str]:
    return [t.item(i, 0).data(ID_ROLE) for i in range(t.rowCount())]
