"""The self-test's window step: the main window, built as the application builds it, opened
offscreen, every page visited, a dossier opened, then closed (see pole_desktop.selftest)."""

from __future__ import annotations

import os
import sys
import time
from typing import Any

from pole_desktop.selftest import SCREENSHOT_VARIABLE, SelfTestError, SelfTestState, _has_module


def _pump(app: Any, seconds: float) -> None:
    """Let queued work run (lazy pages, background queries and their callbacks, painting)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)


def _visit_pages(window: Any, st: SelfTestState) -> None:
    """Open every page of the navigation and the self-test's dossier, as an advisor would.

    The main window shows a French placeholder for a page that fails to load, so a module left out
    of a bundle would go unnoticed: a placeholder is accepted only when the page's module is not
    part of this version at all.
    """
    from pole_desktop.gui import main_window as mw
    from pole_desktop.gui.navigation import PAGES

    placeholder = getattr(mw, "PlaceholderScreen", None)
    missing = []
    for page in PAGES:
        screen = window.page(page.key)
        window.show_page(page.key)
        if placeholder is not None and isinstance(screen, placeholder):
            module_name = page.target.partition(":")[0]
            if _has_module(module_name):
                raise SelfTestError(f"l'écran « {page.title} » n'a pas pu être chargé ({screen.detail})")
            missing.append(page.title)
    if missing:
        st.notes.append(f"écrans absents de cette version : {', '.join(missing)}")
    if st.dossier_id and hasattr(window, "open_dossier"):
        if window.open_dossier(st.dossier_id) is None:
            raise SelfTestError("la fiche du dossier ne s'est pas ouverte")


def open_and_close_main_window(st: SelfTestState) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QLocale, QSettings
    from PySide6.QtWidgets import QApplication

    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "pole-desktop"])
    if _has_module("pole_desktop.gui.qt_workarounds"):
        from pole_desktop.gui.qt_workarounds import protect_none_refcount

        protect_none_refcount()  # as the application does, right after the QApplication
    app.setApplicationName("Pôle Desktop")

    # The main window as the application builds it (sync watcher and menus included).
    from pole_desktop.gui.application import build_main_window
    from pole_desktop.gui.context import AppContext
    from pole_desktop.gui.tasks import TaskRunner

    tasks = TaskRunner()
    settings = QSettings(str(st.root / "interface.ini"), QSettings.Format.IniFormat)
    window = build_main_window(AppContext(db=st.db, tasks=tasks, settings=settings))
    if hasattr(window, "confirm_unsaved"):  # never a modal question in a self-test
        window.confirm_unsaved = lambda *_: "discard"
    try:
        window.show()
        _pump(app, 0.3)
        if not window.isVisible():
            raise SelfTestError("la fenêtre principale ne s'est pas affichée")
        if hasattr(window, "page"):
            _visit_pages(window, st)
            _pump(app, 0.5)
        shot = os.environ.get(SCREENSHOT_VARIABLE)
        if shot and not window.grab().save(shot):
            raise SelfTestError(f"capture d'écran impossible à enregistrer : {shot}")
        window.close()
        app.processEvents()
        if window.isVisible():
            raise SelfTestError("la fenêtre principale ne s'est pas fermée")
    finally:
        _dispose(app, window, tasks)


def _dispose(app: Any, window: Any, tasks: Any) -> None:
    """Close for good: background jobs finished and delivered, then the window destroyed at once.

    (A window merely closed keeps its timers; when the self-test runs inside a longer-lived
    process — the tests — they would fire later on a shut-down task runner.)
    """
    import shiboken6

    window.close()
    for _ in range(3):  # jobs finished and their callbacks delivered while the widgets still exist
        if tasks is not None and hasattr(tasks, "wait_idle"):
            tasks.wait_idle()
        app.processEvents()
    if shiboken6.isValid(window):
        shiboken6.delete(window)  # the window and its children (timers) go now, not "later"
    if tasks is not None:
        tasks.shutdown()
    app.processEvents()
