"""QApplication set-up: French locale, opening the database with a French error dialog,
the application context (background tasks, interface settings) and the main window."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from pole_desktop.errors import user_message
from pole_desktop.resources import resource_path

if TYPE_CHECKING:
    from pole_desktop.gui.context import AppContext
    from pole_desktop.gui.main_window import MainWindow


def install_french(app: QApplication) -> None:
    """French locale for dates and numbers, and Qt's own French strings (dialog buttons…)."""
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    translator = QTranslator(app)
    if translator.load(QLocale(QLocale.Language.French), "qtbase", "_",
                       QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)


def app_icon() -> QIcon:
    path = resource_path("icons", "pole-desktop.svg")
    return QIcon(str(path)) if path.exists() else QIcon()


def build_main_window(ctx: AppContext) -> MainWindow:
    """The main window with what other packages add to it (sync watcher, menus)."""
    from pole_desktop.gui.dialogs.import_wizard import install_import_menu
    from pole_desktop.gui.dialogs.safety_menu import install_safety_menu
    from pole_desktop.gui.documents_actions import install_documents_menu
    from pole_desktop.gui.main_window import MainWindow
    from pole_desktop.gui.sync_watcher import install_sync_watcher

    window = MainWindow(ctx)
    install_sync_watcher(window, ctx)  # offers to sync when the share becomes reachable
    install_safety_menu(window, ctx)  # « Données » : restaurer, sauvegarder, conservation
    install_documents_menu(window, ctx)  # « Pack du lendemain… », papier à en-tête
    install_import_menu(window, ctx)  # « Données → Importer… »
    return window


def run(args: argparse.Namespace, qt_argv: list[str]) -> int:
    app = QApplication.instance() or QApplication(qt_argv)
    from pole_desktop.gui.qt_workarounds import protect_none_refcount

    protect_none_refcount()
    app.setApplicationName("Pôle Desktop")
    app.setOrganizationName("Pôle d'Économie Solidaire 21")
    install_french(app)  # type: ignore[arg-type]
    app.setWindowIcon(app_icon())  # type: ignore[union-attr]
    from pole_desktop.gui.dialogs.passphrase_dialog import ask_passphrase
    db = open_data(args.data_dir, ask_passphrase)
    if db is None:
        return 1
    from pole_desktop.gui.context import AppContext
    from pole_desktop.gui.layout_state import open_settings
    from pole_desktop.gui.tasks import TaskRunner

    tasks = TaskRunner()
    ctx = AppContext(db=db, tasks=tasks, settings=open_settings(db.data_dir.root))
    window = build_main_window(ctx)
    window.show()
    from pole_desktop.gui.dialogs.safety_menu import start_daily_backup

    start_daily_backup(ctx, window)
    code = app.exec()
    tasks.shutdown()
    ctx.settings.sync()
    db.close()
    db.data_dir.clear_opened()  # clear copies of the documents opened in other applications
    return code


def open_data(data_dir: Any, ask_passphrase: Any) -> Any:
    """Open the data (French error dialog on failure); a damaged database offers its backups."""
    from pole_desktop.gui.dialogs.damaged_database import offer_restore
    from pole_desktop.safety.opening import DatabaseDamaged, open_database

    while True:
        try:
            # No usable keyring on this computer: the passphrase dialog explains why and asks.
            # The day's backup runs on the db queue, not before the window shows.
            return open_database(data_dir, passphrase_provider=ask_passphrase, daily_backup=False)
        except DatabaseDamaged as e:
            if e.disk_full or not offer_restore(e, ask_passphrase):
                if e.disk_full:
                    QMessageBox.critical(None, "Pôle Desktop", str(e))
                return None
        except Exception as e:  # noqa: BLE001 - every failure is shown to the user in French
            QMessageBox.critical(None, "Pôle Desktop", f"Impossible d'ouvrir les données.\n\n{user_message(e)}")
            return None
