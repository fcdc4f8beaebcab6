"""« Rechercher partout » (Ctrl+K, and Ctrl+F where the page has no list of its own): one box
over people, structures, dossiers, rendez-vous and ateliers, accent-insensitive, results
grouped by kind. ↑/↓ move in the results while typing, Entrée opens the highlighted one.

The search runs on the ``db`` queue (``services.queries.search.search_everything``); an answer
that arrives after a newer keystroke is dropped. Opening a result is the main window's job
(``on_open(hit)``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from pole_desktop.gui.context import AppContext
from pole_desktop.gui.helpers import fit_to_screen
from pole_desktop.gui.ops import run_read
from pole_desktop.services.queries.search import KIND_TITLES, Hit, search_everything

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
DEBOUNCE_MS = 150


class SearchEverywhereDialog(QDialog):
    def __init__(self, ctx: AppContext, on_open: Callable[[Hit], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.on_open = on_open
        self._seq = 0
        self.setObjectName("search_everywhere")
        self.setWindowTitle("Rechercher partout")
        self.edit = QLineEdit()
        self.edit.setObjectName("search_everywhere_edit")
        self.edit.setAccessibleName("Rechercher partout")
        self.edit.setPlaceholderText("Nom, prénom, structure, référence de dossier, objet de rendez-vous, atelier…")
        self.edit.setClearButtonEnabled(True)
        self.results = QTreeWidget()
        self.results.setObjectName("search_everywhere_results")
        self.results.setAccessibleName("Résultats de la recherche")
        self.results.setHeaderHidden(True)
        self.results.setRootIsDecorated(False)
        self.results.setIndentation(12)
        self.results.setUniformRowHeights(True)
        self.results.itemActivated.connect(lambda item, _c: self.open_item(item))
        self.message = QLabel("Tapez au moins deux lettres. ↑/↓ pour choisir, Entrée pour ouvrir, Échap pour fermer.")
        self.message.setObjectName("search_everywhere_message")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.message)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.search_now)
        self.edit.textEdited.connect(lambda _t: self._timer.start())
        self.edit.returnPressed.connect(self.open_current)
        self.edit.installEventFilter(self)
        fit_to_screen(self, 640, 520)

    # ------------------------------------------------------------------ search
    def search_now(self) -> None:
        self._timer.stop()
        self._seq += 1
        seq, text = self._seq, self.edit.text()
        # A failed search while typing shows no box: the results simply stay as they were.
        run_read(self.ctx, lambda s: search_everything(s, text), lambda groups: self._show(seq, text, groups),
                 on_error=lambda _e: None)

    def _show(self, seq: int, text: str, groups: dict[str, list[Hit]]) -> None:
        if seq != self._seq:
            return
        self.results.clear()
        first: QTreeWidgetItem | None = None
        for kind, hits in groups.items():
            header = QTreeWidgetItem([f"{KIND_TITLES[kind]} ({len(hits)})"])
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a group title: not selectable
            font = header.font(0)
            font.setBold(True)
            header.setFont(0, font)
            self.results.addTopLevelItem(header)
            for h in hits:
                item = QTreeWidgetItem([h.text])
                item.setData(0, HIT_ROLE, h)
                item.setToolTip(0, h.text)
                header.addChild(item)
                first = first or item
            header.setExpanded(True)
        if first is not None:
            self.results.setCurrentItem(first)
            self.message.setText("↑/↓ pour choisir, Entrée pour ouvrir, Échap pour fermer.")
        elif len(text.strip()) >= 2:
            self.message.setText(f"Rien ne correspond à « {text.strip()} ».")
        else:
            self.message.setText("Tapez au moins deux lettres.")

    # ------------------------------------------------------------------ keyboard
    def selectable_items(self) -> list[QTreeWidgetItem]:
        out = []
        for i in range(self.results.topLevelItemCount()):
            header = self.results.topLevelItem(i)
            out += [header.child(j) for j in range(header.childCount())]
        return out

    def current_hit(self) -> Hit | None:
        item = self.results.currentItem()
        hit = item.data(0, HIT_ROLE) if item is not None else None
        return hit if isinstance(hit, Hit) else None

    def move(self, step: int) -> None:
        items = self.selectable_items()
        if not items:
            return
        current = self.results.currentItem()
        i = items.index(current) if current in items else -1
        i = max(0, min(len(items) - 1, i + step))
        self.results.setCurrentItem(items[i])
        self.results.scrollToItem(items[i])

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if obj is self.edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            steps = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 8, Qt.Key.Key_PageUp: -8}
            if event.key() in steps:
                if self._timer.isActive():
                    self.search_now()
                self.move(steps[event.key()])
                return True
        return super().eventFilter(obj, event)

    def open_current(self) -> None:
        if self._timer.isActive():
            self.search_now()  # Entrée right after typing: search what is typed first
        item = self.results.currentItem()
        if item is not None:
            self.open_item(item)

    def open_item(self, item: QTreeWidgetItem) -> None:
        hit = item.data(0, HIT_ROLE)
        if isinstance(hit, Hit):
            self.accept()
            self.on_open(hit)
