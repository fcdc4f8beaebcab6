"""Entry points the main window and the Personnes screen call (wired by the integrator).

- ``install_safety_menu(main_window, ctx)``: a « Données » menu with « Restaurer une
  sauvegarde… », « Sauvegarder maintenant », « Conservation des données… ».
- ``open_person_privacy(ctx, personne_id, parent)``: consent, export, erasure, history.
- ``open_audit(ctx, kind, row_id, title, parent)``: the history of a dossier or a person.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from pole_desktop.errors import user_message


def install_safety_menu(main_window: Any, ctx: Any) -> QMenu:
    """Add the « Données » menu (through ``MainWindow.add_menu_action`` when the window has it,
    so it sits before « Aide »); returns the menu."""
    actions = [
        ("Restaurer une sauvegarde…", lambda: open_restore(ctx, main_window)),
        ("Sauvegarder maintenant", lambda: backup_now(ctx, main_window)),
        ("Conservation des données…", lambda: open_retention(ctx, main_window)),
    ]
    made = []
    for text, slot in actions:
        action = QAction(text, main_window)
        action.triggered.connect(slot)
        made.append(action)
    bar = main_window.menuBar()

    def find() -> QMenu | None:
        return next((a.menu() for a in bar.actions() if a.menu() and a.text().replace("&", "") == "Données"), None)

    if hasattr(main_window, "add_menu_action"):
        for action in made:
            main_window.add_menu_action("Données", action)
        return find()
    menu = find() or bar.addMenu("&Données")
    for action in made:
        menu.addAction(action)
    return menu


def open_restore(ctx: Any, parent: QWidget | None = None) -> Any:
    from pole_desktop.gui.dialogs.restore_dialog import RestoreDialog

    dialog = RestoreDialog(ctx, parent)
    dialog.open()
    return dialog


def open_retention(ctx: Any, parent: QWidget | None = None) -> Any:
    from pole_desktop.gui.dialogs.retention_dialog import RetentionDialog

    dialog = RetentionDialog(ctx, parent)
    dialog.open()
    return dialog


def open_person_privacy(ctx: Any, personne_id: str, parent: QWidget | None = None) -> Any:
    from pole_desktop.gui.dialogs.person_privacy_dialog import PersonPrivacyDialog

    dialog = PersonPrivacyDialog(ctx, personne_id, parent)
    dialog.open()
    return dialog


def open_audit(ctx: Any, kind: str, row_id: str, title: str = "", parent: QWidget | None = None) -> Any:
    from pole_desktop.gui.dialogs.audit_dialog import AuditDialog

    dialog = AuditDialog(ctx, kind, row_id, title, parent)
    dialog.open()
    return dialog


def start_daily_backup(ctx: Any, window: Any | None = None) -> None:
    """The day's automatic backup (if none was made today), on the db queue; a status-bar line."""
    from pole_desktop.safety import backups

    def done(path: Any) -> None:
        if path is not None and window is not None and hasattr(window, "statusBar"):
            window.statusBar().showMessage("Sauvegarde quotidienne faite et vérifiée.", 8000)

    def failed(_e: BaseException) -> None:
        if window is not None and hasattr(window, "statusBar"):
            window.statusBar().showMessage("La sauvegarde quotidienne a échoué : elle sera retentée au "
                                           "prochain démarrage.", 15000)

    ctx.tasks.run(lambda _token, _report: backups.ensure_daily_backup(ctx.db), done, failed, queue="db")


def backup_now(ctx: Any, parent: QWidget | None = None) -> None:
    from pole_desktop.safety import backups

    try:
        path = backups.backup_now(ctx.db, "manuelle")
    except Exception as e:  # noqa: BLE001
        QMessageBox.warning(parent, "Sauvegarde", f"La sauvegarde a échoué : {user_message(e)}")
        return
    bar = parent.statusBar() if parent is not None and hasattr(parent, "statusBar") else None
    text = f"Sauvegarde faite et vérifiée ({backups.format_size(path.stat().st_size)})."
    if bar is not None:
        bar.showMessage(text, 8000)
