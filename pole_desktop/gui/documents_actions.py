"""Document actions of the main window: « Pack du lendemain… » and « Paramètres du papier à en-tête… ».

The integrator calls :func:`install_documents_menu` once on the main window, and may put
:func:`open_pack_du_lendemain` on the Aujourd'hui screen.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QMainWindow,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from pole_desktop import clock
from pole_desktop.gui.helpers import make_default
from pole_desktop.gui.ops import run_read

__all__ = ["PackDialog", "install_documents_menu", "next_working_day", "open_pack_du_lendemain"]


def next_working_day(day: dt.date) -> dt.date:
    """The next day with appointments at the office: Friday → Monday."""
    nxt = day + dt.timedelta(days=1)
    while nxt.weekday() >= 5:
        nxt += dt.timedelta(days=1)
    return nxt


class PackDialog(QDialog):
    """Choose the day (next working day by default) and whose rendez-vous; then build the pack."""

    def __init__(self, ctx: Any, parent: QWidget | None = None, day: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Pack du lendemain")
        self.setObjectName("pack_du_lendemain")
        day = day or next_working_day(clock.today())
        self.date_edit = QDateEdit(QDate(day.year, day.month, day.day))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dddd d MMMM yyyy")
        self.mine = QCheckBox("Seulement mes rendez-vous")
        self.mine.setChecked(bool(ctx.db.journal.author_id))
        self.mine.setEnabled(bool(ctx.db.journal.author_id))
        form = QFormLayout()
        form.addRow("Jour", self.date_edit)
        form.addRow("", self.mine)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        box.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        self.build_button = box.addButton("Préparer le pack", QDialogButtonBox.ButtonRole.AcceptRole)
        make_default(self.build_button)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(box)
        self.last_preview = None

    @property
    def day(self) -> dt.date:
        q = self.date_edit.date()
        return dt.date(q.year(), q.month(), q.day())

    def accept(self) -> None:
        day = self.day
        advisor = self.ctx.db.journal.author_id if self.mine.isChecked() else None
        parent = self.parentWidget()
        super().accept()
        build_pack(self.ctx, day, advisor, parent, self)


def build_pack(ctx: Any, day: dt.date, advisor_id: str | None, parent: QWidget | None, holder: Any = None) -> None:
    """Build the pack in the background and preview it (or say there is nothing that day)."""
    from pole_desktop.documents.pack import pack_du_lendemain
    from pole_desktop.documents.settings import load_settings
    from pole_desktop.formatting import format_date_long

    db = ctx.db
    now = clock.local_now()

    def read(s: Any) -> bytes | None:
        return pack_du_lendemain(s, day, advisor_id, generated_at=now, settings=load_settings(db.data_dir))

    def done(pdf: bytes | None) -> None:
        if pdf is None:
            QMessageBox.information(parent, "Pack du lendemain",
                                    f"Aucun rendez-vous prévu le {format_date_long(day)}.")
            return
        from pole_desktop.gui.dialogs.pdf_preview import preview_pdf

        dialog = preview_pdf(ctx, pdf, f"Pack du {format_date_long(day)}", f"pack-{day:%Y-%m-%d}.pdf", parent)
        if holder is not None:
            holder.last_preview = dialog

    def failed(error: BaseException) -> None:
        from pole_desktop.errors import user_message

        QMessageBox.warning(parent, "Pack du lendemain", f"Le pack n'a pas pu être préparé.\n\n{user_message(error)}")

    run_read(ctx, read, done, on_error=failed)


def open_pack_du_lendemain(ctx: Any, parent: QWidget | None = None) -> PackDialog:
    """« Pack du lendemain… »: choose the day, then preview and print the whole pack in one go."""
    dialog = PackDialog(ctx, parent)
    dialog.open()
    return dialog


def _menu(main_window: QMainWindow, title: str) -> QMenu:
    bar = main_window.menuBar()
    for action in bar.actions():
        menu = action.menu()
        if menu is not None and action.text().replace("&", "") == title.replace("&", ""):
            return menu
    return bar.addMenu(title)


def install_documents_menu(main_window: QMainWindow, ctx: Any) -> dict[str, QAction]:
    """Add « Pack du lendemain… » and « Paramètres du papier à en-tête… » to the main window.

    With the application's MainWindow (``add_menu_action``) both go in « Fichier », before
    « Quitter »; on any other QMainWindow, in a « Documents » menu. Returns the actions by key.
    """
    from pole_desktop.gui.dialogs.letterhead_settings import open_letterhead_settings

    pack = QAction("Pack du lendemain…", main_window)
    pack.setObjectName("action_pack_du_lendemain")
    pack.setShortcut(QKeySequence("Ctrl+Shift+P"))
    pack.setStatusTip("Un seul PDF avec les documents des rendez-vous du lendemain, à imprimer d'un coup")
    pack.triggered.connect(lambda: open_pack_du_lendemain(ctx, main_window))
    letterhead = QAction("Paramètres du papier à en-tête…", main_window)
    letterhead.setObjectName("action_letterhead_settings")
    letterhead.triggered.connect(lambda: open_letterhead_settings(ctx, main_window))
    add = getattr(main_window, "add_menu_action", None)
    if callable(add):
        add("Fichier", pack)
        add("Fichier", letterhead)
    else:
        menu = _menu(main_window, "&Documents")
        menu.addAction(pack)
        menu.addAction(letterhead)
    return {"pack_du_lendemain": pack, "letterhead_settings": letterhead}
