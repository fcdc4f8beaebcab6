"""QApplication set-up: French locale, opening the database with a French error dialog."""

from __future__ import annotations

import argparse

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QMessageBox

from pole_desktop.errors import user_message


def run(args: argparse.Namespace, qt_argv: list[str]) -> int:
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    app = QApplication.instance() or QApplication(qt_argv)
    app.setApplicationName("Pôle Desktop")
    app.setOrganizationName("Pôle d'Économie Solidaire 21")
    from pole_desktop.storage.opening import open_database

    from pole_desktop.gui.dialogs.passphrase_dialog import ask_passphrase

    try:
        # No usable keyring on this computer: the passphrase dialog explains why and asks.
        db = open_database(args.data_dir, passphrase_provider=ask_passphrase)
    except Exception as e:  # noqa: BLE001 - every failure is shown to the user in French
        QMessageBox.critical(None, "Pôle Desktop", f"Impossible d'ouvrir les données.\n\n{user_message(e)}")
        return 1
    from pole_desktop.gui.main_window import MainWindow

    window = MainWindow(db)
    window.show()
    code = app.exec()
    db.close()
    return code
