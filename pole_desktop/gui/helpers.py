"""Small widgets shared by screens and dialogs (section titles, field error labels)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHeaderView, QLabel, QPushButton, QTableWidget, QTableWidgetItem, QWidget

ERROR_STYLE = "color: #b00020;"


def section_title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    label.setStyleSheet("font-weight: bold; font-size: 11pt; margin-top: 6px;")
    return label


def error_label(parent: QWidget | None = None) -> QLabel:
    """A red French message shown under a field; hidden while empty."""
    label = QLabel(parent)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def set_error(label: QLabel, message: str | None) -> None:
    label.setText(message or "")
    label.setVisible(bool(message))


def fit_to_screen(window: QWidget, width: int, height: int, margin: int = 48) -> None:
    """Resize ``window`` to ``width``×``height``, or less so that it (title bar included) fits
    the available screen: a 1366×768 laptop has ~720 px of height once the task bar is taken."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(width, height)
        return
    avail = screen.availableGeometry()
    window.resize(max(200, min(width, avail.width() - margin)), max(150, min(height, avail.height() - margin)))


def make_default(button: QPushButton) -> None:
    """Make ``button`` the one Enter presses in its dialog. The other buttons beside it lose
    « auto-default »: otherwise a dialog whose default was set before it was laid out gives Enter
    to the first push button in focus order — often « Annuler »."""
    holder = button.parentWidget()
    for other in holder.findChildren(QPushButton) if holder is not None else []:
        if other is not button:
            other.setAutoDefault(False)
    button.setAutoDefault(True)
    button.setDefault(True)


def read_only_table(headers: list[str], accessible_name: str) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    t.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    t.verticalHeader().hide()
    t.verticalHeader().setDefaultSectionSize(24)
    t.setAlternatingRowColors(True)
    t.horizontalHeader().setStretchLastSection(True)
    t.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    t.setAccessibleName(accessible_name)
    t.setWordWrap(False)
    return t


def fill_table(
    table: QTableWidget, rows: list[list[str]], keys: list[object] | None = None, stretch: int | None = None,
    max_width: int = 320, tooltips: list[str] | None = None,
) -> None:
    """Fill ``table`` with text rows; ``keys[i]`` is stored as UserRole data of the row's first cell.
    Columns fit their contents (at most 320 px); ``stretch`` takes the remaining width."""
    table.setSortingEnabled(False)
    table.setRowCount(len(rows))
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            item = QTableWidgetItem(text)
            if j == 0 and keys is not None:
                item.setData(Qt.ItemDataRole.UserRole, keys[i])
            item.setToolTip(tooltips[i] if tooltips else text)
            table.setItem(i, j, item)
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    for j in range(table.columnCount() - 1):
        if header.sectionSize(j) > max_width:
            header.resizeSection(j, max_width)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    if stretch is not None:
        header.setStretchLastSection(False)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def row_key(table: QTableWidget, row: int | None = None) -> object:
    row = table.currentRow() if row is None else row
    if row < 0 or table.item(row, 0) is None:
        return None
    return table.item(row, 0).data(Qt.ItemDataRole.UserRole)
