"""The main window: a navigation list, a stack of pages, menus, shortcuts, a status bar.

Kept thin: pages are imported lazily from ``navigation.PAGES`` (a page that fails to load
shows a French placeholder), opened dossiers are extra pages listed under "Dossiers ouverts",
and Ctrl+N / Ctrl+F / Ctrl+S go to the current screen.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QColor, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pole_desktop import __version__, clock
from pole_desktop.formatting import plural
from pole_desktop.gui.context import AppContext
from pole_desktop.gui.display import when_text
from pole_desktop.gui.helpers import fit_to_screen
from pole_desktop.gui.layout_state import remember_splitter
from pole_desktop.gui.navigation import PAGES, Page
from pole_desktop.gui.ops import run_read
from pole_desktop.gui.screens.base import Screen
from pole_desktop.services.queries.status import SyncStatus, sync_status

log = logging.getLogger(__name__)

PLACEHOLDER_TEXT = "Cet écran n'est pas disponible dans cette version."
SAVE, DISCARD, CANCEL = "save", "discard", "cancel"
DOSSIER_ROLE = Qt.ItemDataRole.UserRole + 1


class PlaceholderScreen(Screen):
    """Shown instead of a page whose module is missing or fails to load."""

    def __init__(self, ctx: AppContext, page: Page, detail: str = "") -> None:
        self.key, self.title = page.key, page.title
        super().__init__(ctx)
        layout = QVBoxLayout(self)
        title = QLabel(f"<h2>{page.title}</h2>")
        message = QLabel(PLACEHOLDER_TEXT)
        message.setObjectName("placeholderMessage")
        message.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(message)
        layout.addStretch(1)
        self.detail = detail


def load_screen(page: Page, ctx: AppContext) -> Screen:
    module_name, _, class_name = page.target.partition(":")
    try:
        cls = getattr(importlib.import_module(module_name), class_name)
        return cls(ctx)
    except Exception as e:  # noqa: BLE001 - any failure of a page must leave the app usable
        if not isinstance(e, ModuleNotFoundError) or e.name != module_name:
            log.exception("page %s failed to load", page.key)
        return PlaceholderScreen(ctx, page, detail=f"{type(e).__name__}: {e}")


def ask_unsaved(parent: QWidget, screen: Screen) -> str:
    """Enregistrer / Ne pas enregistrer / Annuler."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Modifications non enregistrées")
    box.setText(f"« {screen.title} » contient des modifications non enregistrées.")
    box.setInformativeText("Voulez-vous les enregistrer ?")
    save = box.addButton("Enregistrer", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Ne pas enregistrer", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton("Annuler", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    return SAVE if clicked is save else DISCARD if clicked is discard else CANCEL


def ask_sync_before_quit(parent: QWidget, pending: int) -> str:
    box = QMessageBox(QMessageBox.Icon.Question, "Quitter Pôle Desktop",
                      f"{plural(pending, 'modification')} de cet ordinateur n'{'ont' if pending > 1 else 'a'} pas "
                      "encore été envoyée" + ("s" if pending > 1 else "") + " au partage. Synchroniser avant de "
                      "quitter ?", parent=parent)
    sync = box.addButton("&Synchroniser et quitter", QMessageBox.ButtonRole.AcceptRole)
    quit_ = box.addButton("&Quitter sans synchroniser", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Annuler", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(sync)
    box.exec()
    clicked = box.clickedButton()
    return "sync" if clicked is sync else "quit" if clicked is quit_ else "cancel"


class PageStack(QStackedWidget):
    """The pages; sized by the page shown, not by the largest page ever opened."""

    def __init__(self) -> None:
        super().__init__()
        # Not the layout's default (the largest page's minimum size, imposed on the stack).
        self.layout().setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.currentChanged.connect(lambda _i: self.updateGeometry())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        w = self.currentWidget()
        return w.sizeHint() if w is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        w = self.currentWidget()
        return w.minimumSizeHint() if w is not None else super().minimumSizeHint()


class PageHolder(QWidget):
    """Holds the stack without a layout, so that the scroll area sizes it by the shown page's
    minimum size only (a page with word-wrapped text would otherwise be sized by its height
    for width — its preferred height — and scroll for nothing)."""

    def __init__(self, stack: PageStack) -> None:
        super().__init__()
        self.stack = stack
        stack.setParent(self)
        stack.currentChanged.connect(lambda _i: self.updateGeometry())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return self.stack.sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return self.stack.minimumSizeHint()

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt API
        self.stack.setGeometry(self.rect())


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.settings = ctx.settings
        # Replaceable so that tests never block on a modal box: (window, screen) -> SAVE|DISCARD|CANCEL.
        self.confirm_unsaved: Callable[[QWidget, Screen], str] = ask_unsaved
        # (window, pending changes) -> "sync" | "quit" | "cancel"; replaceable in tests.
        self.ask_sync_before_quit: Callable[[QWidget, int], str] = ask_sync_before_quit
        self._quit_count: int | None = None  # changes to send, counted for a close under way
        self._quitting_after_sync = False
        self.setWindowTitle("Pôle Desktop")
        fit_to_screen(self, 1280, 800)
        self._pages: dict[str, Screen] = {}
        self._menus: dict[str, object] = {}
        self._compte_rendus: dict[str, QWidget] = {}

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName("Navigation")
        self.nav.setMinimumWidth(150)
        self.nav.setMaximumWidth(280)
        self.nav.setStyleSheet("QListWidget { font-size: 10.5pt; } QListWidget::item { padding: 5px 6px; }")
        for page in PAGES:
            item = QListWidgetItem(page.title)
            item.setData(Qt.ItemDataRole.UserRole, page.key)
            item.setToolTip(f"{page.title} ({page.shortcut})")
            self.nav.addItem(item)
        self._open_header = QListWidgetItem("Dossiers ouverts")
        self._open_header.setFlags(Qt.ItemFlag.NoItemFlags)
        font = self._open_header.font()
        font.setBold(True)
        self._open_header.setFont(font)
        self.nav.addItem(self._open_header)
        self._open_header.setHidden(True)  # only once added: hiding a detached item does nothing

        self.stack = PageStack()
        # A page that needs more room than the window has gets scroll bars: it never widens the
        # window the user sized (the Agenda used to push it to 1293 px).
        self.page_area = QScrollArea()
        self.page_area.setObjectName("pageArea")
        self.page_area.setWidgetResizable(True)
        self.page_area.setFrameShape(QFrame.Shape.NoFrame)
        self.page_area.setWidget(PageHolder(self.stack))
        self.splitter = QSplitter()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.page_area)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self.splitter.setSizes([190, 1090])
        remember_splitter(self.settings, "main", self.splitter)

        self._current_key: str | None = None
        self.nav.currentItemChanged.connect(self._on_nav_changed)

        self._build_menus()
        self.sync_indicator = QLabel()
        self.sync_indicator.setObjectName("syncIndicator")
        self.sync_indicator.setAccessibleName("État de la synchronisation")
        self.statusBar().addPermanentWidget(self.sync_indicator)
        self._sync_timer = QTimer(self)
        self._sync_timer.setInterval(60_000)
        self._sync_timer.timeout.connect(self.refresh_sync_indicator)
        self._sync_timer.start()
        self._sync_soon = QTimer(self)  # coalesces bursts of changes into one (background) count
        self._sync_soon.setSingleShot(True)
        self._sync_soon.setInterval(500)
        self._sync_soon.timeout.connect(self.refresh_sync_indicator)

        ctx.navigate = self.show_page
        ctx.open_dossier = self.open_dossier
        ctx.open_compte_rendu = self.open_compte_rendu
        ctx.events.changed.connect(self._on_data_changed)

        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.show_page(PAGES[0].key)
        self.refresh_sync_indicator()

    # ------------------------------------------------------------------ menus and shortcuts

    def _build_menus(self) -> None:
        bar = self.menuBar()
        fichier = bar.addMenu("&Fichier")
        self._menus["Fichier"] = fichier
        self.action_new = QAction("&Nouveau…", self, shortcut=QKeySequence("Ctrl+N"))
        self.action_new.triggered.connect(lambda: self._dispatch("new_item"))
        self.action_search = QAction("&Rechercher dans la page", self, shortcut=QKeySequence("Ctrl+F"))
        self.action_search.triggered.connect(self.focus_search)
        self.action_save = QAction("&Enregistrer", self, shortcut=QKeySequence("Ctrl+S"))
        self.action_save.triggered.connect(lambda: self._dispatch("save"))
        self.action_close_dossier = QAction("&Fermer le dossier", self, shortcut=QKeySequence("Ctrl+W"))
        self.action_close_dossier.triggered.connect(self.close_current_dossier)
        self.action_quit = QAction("&Quitter", self, shortcut=QKeySequence("Ctrl+Q"))
        self.action_quit.triggered.connect(self.close)
        for a in (self.action_new, self.action_search, self.action_save, self.action_close_dossier):
            fichier.addAction(a)
        self._quit_separator = fichier.addSeparator()
        fichier.addAction(self.action_quit)

        edition = bar.addMenu("&Édition")
        self._menus["Édition"] = edition
        from pole_desktop.gui.undo_bar import UndoBar

        self.undo_bar = UndoBar(self, self.ctx)
        edition.addAction(self.undo_bar.action)
        self.addAction(self.undo_bar.action)
        self.ctx.offer_undo = self.undo_bar.push
        edition.addSeparator()
        self.action_search_everywhere = QAction("Rechercher &partout…", self, shortcut=QKeySequence("Ctrl+K"))
        self.action_search_everywhere.setStatusTip(
            "Personnes, structures, dossiers, rendez-vous et ateliers, dans une seule recherche")
        self.action_search_everywhere.triggered.connect(self.search_everywhere)
        edition.addAction(self.action_search_everywhere)
        self.addAction(self.action_search_everywhere)
        # Ctrl+K is « delete to the end of the line » in a Linux line edit: the window's search wins.
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

        aller = bar.addMenu("Aller &à")
        self._menus["Aller à"] = aller
        for page in PAGES:
            act = QAction(page.title, self, shortcut=QKeySequence(page.shortcut))
            act.triggered.connect(lambda _=False, k=page.key: self.show_page(k))
            aller.addAction(act)
        self.addActions(aller.actions())

        aide = bar.addMenu("A&ide")
        self._menus["Aide"] = aide
        about = QAction("À &propos de Pôle Desktop", self)
        about.triggered.connect(self._about)
        aide.addAction(about)

    def add_menu_action(self, menu_title: str, action: QAction) -> None:
        """Let other modules extend a menu ("Fichier", "Aller à", "Aide" or a new one).
        In "Fichier", actions go before "Quitter"."""
        menu = self._menus.get(menu_title)
        if menu is None:
            menu = QMenu(menu_title, self)
            self.menuBar().insertMenu(self._menus["Aide"].menuAction(), menu)  # type: ignore[union-attr]
            self._menus[menu_title] = menu
        if menu_title == "Fichier":
            menu.insertAction(self._quit_separator, action)  # type: ignore[union-attr]
        else:
            menu.addAction(action)  # type: ignore[union-attr]
        self.addAction(action)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            "À propos de Pôle Desktop",
            f"<b>Pôle Desktop</b> {__version__}<br>Application hors ligne des accompagnateurs "
            "du Pôle d'Économie Solidaire 21 (Dijon).",
        )

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        # Sees every event of the application (thousands when a page opens): the cheapest test first,
        # and no call into Qt for the others (QObject.eventFilter only returns False).
        if not isinstance(event, QKeyEvent):
            return False
        if (event.type() == QEvent.Type.ShortcutOverride
                and event.key() == Qt.Key.Key_K and event.modifiers() == Qt.KeyboardModifier.ControlModifier
                and isinstance(obj, QWidget) and obj.window() is self):
            return True  # not overridden: the Ctrl+K shortcut fires
        return super().eventFilter(obj, event)

    def focus_search(self) -> None:
        """Ctrl+F: the page's own search box when it has one, otherwise « Rechercher partout »."""
        screen = self.current_screen()
        if screen is not None and type(screen).focus_search is not Screen.focus_search:
            screen.focus_search()
        else:
            self.search_everywhere()

    def search_everywhere(self) -> None:
        from pole_desktop.gui.dialogs.search_everywhere import SearchEverywhereDialog

        dialog = getattr(self, "last_search_dialog", None)
        if dialog is None:  # one box, kept: the last search is there again, selected, next time
            dialog = SearchEverywhereDialog(self.ctx, self.open_search_result, self)
            self.last_search_dialog = dialog
        dialog.open()
        dialog.edit.selectAll()
        dialog.edit.setFocus()

    def open_search_result(self, hit: object) -> bool:
        """Show a result of « Rechercher partout » where it lives."""
        from pole_desktop.gui.widgets.tables import select_id

        kind, row_id = hit.kind, hit.id  # type: ignore[attr-defined]
        if kind == "dossier":
            return self.open_dossier(row_id) is not None
        if kind == "rendez_vous":
            if not self.show_page("agenda"):
                return False
            agenda = self.page("agenda")
            if hit.when is not None:  # type: ignore[attr-defined]
                agenda.go_to(hit.when.date())  # type: ignore[attr-defined]
            agenda.view.select(row_id)
            agenda.view.setFocus()
            return True
        pages = {"personne": ("personnes", "select_personne"), "structure": ("structures", "select_structure"),
                 "atelier": ("ateliers", None)}
        key, method = pages[kind]
        if not self.show_page(key):
            return False
        screen = self.page(key)

        def pick() -> bool:
            return getattr(screen, method)(row_id) if method else select_id(screen.table, row_id)

        if pick():
            return True
        search = getattr(screen, "search", None)  # not in the list as filtered: look for it by name
        if isinstance(search, QLineEdit):
            search.setText(hit.label)  # type: ignore[attr-defined]
            screen.reload_list()
        return pick()

    def _dispatch(self, method: str) -> None:
        screen = self.current_screen()
        if screen is not None:
            getattr(screen, method)()

    # ------------------------------------------------------------------ pages

    def current_screen(self) -> Screen | None:
        w = self.stack.currentWidget()
        return w if isinstance(w, Screen) else None

    def page(self, key: str) -> Screen:
        """The screen of ``key``, created on first use."""
        screen = self._pages.get(key)
        if screen is None:
            page = next(p for p in PAGES if p.key == key)
            screen = load_screen(page, self.ctx)
            self._pages[key] = screen
            self.stack.addWidget(screen)
        return screen

    def _item_for(self, key: str) -> QListWidgetItem | None:
        for i in range(self.nav.count()):
            item = self.nav.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == key:
                return item
        return None

    def show_page(self, key: str) -> bool:
        """Switch to ``key`` (a page key or ``dossier:<id>``); False if the user cancelled."""
        item = self._item_for(key)
        if item is None:
            return False
        if self.nav.currentItem() is not item:
            self.nav.setCurrentItem(item)  # goes through _on_nav_changed (guard)
        return self._current_key == key

    def _on_nav_changed(self, current: QListWidgetItem | None, previous: QListWidgetItem | None) -> None:
        if current is None:
            return
        key = current.data(Qt.ItemDataRole.UserRole)
        if key is None or key == self._current_key:
            return
        leaving = self.current_screen()
        if leaving is not None and not self._may_leave(leaving, lambda: self.show_page(key)):
            self.nav.blockSignals(True)
            self.nav.setCurrentItem(previous)
            self.nav.blockSignals(False)
            return
        screen = self._pages.get(key) if key.startswith("dossier:") else self.page(key)
        if screen is None:
            return
        self._current_key = key
        screen.setProperty("stale", False)  # refreshed just below, whatever changed while hidden
        self.stack.setCurrentWidget(screen)
        self.action_close_dossier.setEnabled(key.startswith("dossier:"))
        screen.refresh()

    def _may_leave(self, screen: Screen, resume: Callable[[], object] | None = None) -> bool:
        """May the user leave ``screen``? Asks when it has unsaved changes. « Enregistrer » with a save
        still being written in the background: stay for now, and ``resume()`` (leave again) once it is
        committed — if it is refused, the page stays with its typed text and the errors in red."""
        if not screen.has_unsaved_changes():
            return True
        answer = self.confirm_unsaved(self, screen)
        if answer == SAVE:
            if screen.save():
                return True
            write = screen.saving()
            if write is not None and write.ok is None and resume is not None:
                self.statusBar().showMessage("Enregistrement en cours…", 5_000)
                write.then(lambda ok: QTimer.singleShot(0, resume) if ok else None)
            return False
        if answer == DISCARD:
            discard = getattr(screen, "discard_changes", None)
            if discard is not None:
                discard()
            return True
        return False

    # ------------------------------------------------------------------ dossiers

    def open_dossier(self, dossier_id: str) -> Screen | None:
        key = f"dossier:{dossier_id}"
        if key not in self._pages:
            from pole_desktop.gui.screens.dossier import DossierPage

            page = DossierPage(self.ctx, dossier_id)
            page.close_requested.connect(lambda k=key: self.close_dossier(k))
            self._pages[key] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(page.reference or "Dossier…")
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setToolTip(f"{page.title} — Ctrl+W pour le fermer")

            def titled(reference: str, item: QListWidgetItem = item, page: Screen = page) -> None:
                item.setText(reference)
                item.setToolTip(f"{page.title} — Ctrl+W pour le fermer")

            page.titled.connect(titled)
            small = item.font()
            small.setPointSizeF(9.5)
            item.setFont(small)
            self._open_header.setHidden(False)
            self.nav.addItem(item)
            self._show_dossier_conflicts(key, page)
        return self._pages[key] if self.show_page(key) else None

    def open_dossiers(self) -> list[str]:
        return [k.split(":", 1)[1] for k in self._pages if k.startswith("dossier:")]

    def close_dossier(self, key: str) -> bool:
        page = self._pages.get(key)
        if page is None or not self._may_leave(page, lambda: self.close_dossier(key)):
            return False
        item = self._item_for(key)
        was_current = self._current_key == key
        if was_current:
            self._current_key = None
        del self._pages[key]
        self.nav.blockSignals(True)
        self.nav.takeItem(self.nav.row(item))
        self.nav.blockSignals(False)
        self.stack.removeWidget(page)
        page.deleteLater()
        self._open_header.setHidden(not self.open_dossiers())
        if was_current:
            self.show_page("dossiers")
        return True

    def close_current_dossier(self) -> None:
        if self._current_key and self._current_key.startswith("dossier:"):
            self.close_dossier(self._current_key)

    def open_compte_rendu(self, rdv_id: str) -> None:
        """One editor per rendez-vous: asking again brings the open one to the front."""
        from pole_desktop.gui.dialogs.compte_rendu import CompteRenduDialog

        existing = self._compte_rendus.get(rdv_id)
        if existing is not None:
            existing.raise_()
            existing.activateWindow()
            return
        dialog = CompteRenduDialog(self.ctx, rdv_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r, k=rdv_id: self._compte_rendus.pop(k, None))
        self._compte_rendus[rdv_id] = dialog
        dialog.open()
        self.last_compte_rendu = dialog

    # ------------------------------------------------------------------ data and status

    def _on_data_changed(self, tables: object) -> None:
        # Each page refreshes itself from the tables it shows (Screen._on_data_changed); the
        # window only recounts what the status bar shows.
        self._sync_soon.start()

    def refresh_sync_indicator(self) -> None:
        """Count, in the background, what the lasting indicators show: changes to send, the
        last sync, open conflicts (« Synchronisation (2) », ⚠ on the dossiers concerned)."""
        device_id = self.ctx.db.device_id
        run_read(self.ctx, lambda s: sync_status(s, device_id), self._show_sync_status,
                 on_error=lambda e: log.warning("sync status not counted: %s", e))

    def _show_sync_status(self, status: SyncStatus) -> None:
        self._sync_status = status
        self.sync_indicator.setText(sync_text(status.pending, status.last_sync, clock.local_now()))
        item = self._item_for("synchronisation")
        if item is not None:
            n = status.conflicts
            item.setText(f"Synchronisation ({n})" if n else "Synchronisation")
            item.setForeground(QColor("#a34700") if n else self.nav.palette().text())
            item.setToolTip(f"{plural(n, 'conflit')} à régler (Alt+8)" if n else "Synchronisation (Alt+8)")
        for key, page in self._pages.items():
            if key.startswith("dossier:"):
                self._show_dossier_conflicts(key, page)

    def _show_dossier_conflicts(self, key: str, page: Screen) -> None:
        status = getattr(self, "_sync_status", None)
        n = status.conflicts_by_dossier.get(key.split(":", 1)[1], 0) if status else 0
        set_conflicts = getattr(page, "set_conflicts", None)
        if set_conflicts is not None:
            set_conflicts(n)
        item = self._item_for(key)
        if item is not None:
            reference = getattr(page, "reference", item.text())
            item.setText(f"{reference} ⚠" if n else reference)

    # ------------------------------------------------------------------ closing

    def _may_quit_unsynced(self) -> bool:
        """Quitting with changes not sent yet to a configured share: offer to sync first
        (« Synchroniser et quitter » / « Quitter sans synchroniser » / « Annuler »)."""
        if self._quitting_after_sync:
            return True
        from pole_desktop.gui.sync_watcher import SyncWatcher
        from pole_desktop.services.info import pending_changes
        from pole_desktop.sync.config import load_share_config

        watcher = self.findChild(SyncWatcher)
        offer = getattr(watcher, "offer", None)
        if offer is None or load_share_config(self.ctx.db) is None:
            return True
        # Counted now on the db queue (a write may have just happened): the window stays until the
        # count arrives, then closing resumes with it (at once with the tests' synchronous runner).
        pending = self._quit_count
        self._quit_count = None
        if pending is None:
            got: list[int] = []
            waiting: list[bool] = []

            def counted(n: int) -> None:
                if waiting:  # arrived after closeEvent returned: close again, with the count
                    self._quit_count = n
                    self.close()
                else:
                    got.append(n)

            def not_counted(error: BaseException) -> None:
                log.warning("pending changes not counted before quitting: %s", error)
                counted(0)

            device_id = self.ctx.db.device_id
            run_read(self.ctx, lambda s: pending_changes(s, device_id), counted, on_error=not_counted)
            if not got:
                waiting.append(True)
                return False
            pending = got[0]
        if pending == 0:
            return True
        answer = self.ask_sync_before_quit(self, pending)
        if answer == "quit":
            return True
        if answer == "sync":
            def after(receipt: object) -> None:
                offer.finished.disconnect(after)
                if getattr(receipt, "ok", False):
                    self._quitting_after_sync = True
                    QTimer.singleShot(0, self.close)
                else:  # the sync failed: stay, the status bar says why
                    self.statusBar().showMessage(
                        "La synchronisation a échoué : Pôle Desktop reste ouvert. Quittez à nouveau pour "
                        "fermer sans synchroniser.", 20_000)
                    self._quitting_after_sync = True

            offer.finished.connect(after)
            offer.sync_now()
        return False

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        for _key, screen in list(self._pages.items()):
            if screen.has_unsaved_changes():
                if not self._may_leave(screen, self.close):
                    event.ignore()
                    return
        if not self._may_quit_unsynced():
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.sync()
        event.accept()


def sync_text(pending: int, last: dt.datetime | None, now: dt.datetime) -> str:
    """``"3 modifications à envoyer — dernière synchro hier 18:04"``."""
    changes = "Aucune modification à envoyer" if pending == 0 else f"{plural(pending, 'modification')} à envoyer"
    synced = f"dernière synchro {when_text(last, now)}" if last else "jamais synchronisé"
    return f"{changes} — {synced}"
