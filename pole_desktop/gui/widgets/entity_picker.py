"""One person/structure (and dossier) picker: a line edit with a real completion list.

Typing searches in the background (``services.queries.search.find`` on the ``db`` queue,
debounced); the list drops down under the field; the arrow keys move in it and Enter (or a
click) picks the HIGHLIGHTED entry — never silently the first one. Each entry shows what tells
homonyms apart (commune, birth year, e-mail; commune and SIRET for a structure). Editing the
text again forgets the choice, so what is recorded is always what the user last picked.

``picked`` is emitted with the chosen :class:`Hit` (or ``None`` when the choice is dropped).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from pole_desktop.gui.context import AppContext
from pole_desktop.gui.ops import run_read
from pole_desktop.services.queries.search import Hit, find

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
LABEL_ROLE = Qt.ItemDataRole.UserRole + 2
DEBOUNCE_MS = 150

PLACEHOLDERS = {
    "personne": "Tapez un nom, un prénom ou un e-mail, puis ↓ et Entrée…",
    "structure": "Tapez une raison sociale, un sigle ou un SIRET, puis ↓ et Entrée…",
    "dossier": "Tapez une référence, un titre, un nom ou une structure, puis ↓ et Entrée…",
}


class EntityPicker(QLineEdit):
    picked = Signal(object)  # Hit | None

    def __init__(self, ctx: AppContext, kind: str = "personne", parent: QWidget | None = None,
                 limit: int = 20) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kind = kind
        self.limit = limit
        self._hit: Hit | None = None
        self._seq = 0
        self.setPlaceholderText(PLACEHOLDERS[kind])
        self.setClearButtonEnabled(True)
        self.model = QStandardItemModel(self)
        self.completer_ = QCompleter(self.model, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCompletionRole(LABEL_ROLE)
        self.completer_.setMaxVisibleItems(10)
        self.setCompleter(self.completer_)
        self.completer_.activated[QModelIndex].connect(self._on_activated)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.search_now)
        self.textEdited.connect(self._on_edited)

    # ------------------------------------------------------------------ API
    def hit(self) -> Hit | None:
        return self._hit

    def selected_id(self) -> str | None:
        return self._hit.id if self._hit else None

    def has_unpicked_text(self) -> bool:
        """Something is typed but nothing was chosen in the list."""
        return self._hit is None and bool(self.text().strip())

    def popup(self) -> QWidget:
        return self.completer_.popup()

    def set_hit(self, hit: Hit | None) -> None:
        self._hit = hit
        self.setText(hit.label if hit else "")
        self.picked.emit(hit)

    def clear_choice(self) -> None:
        self._timer.stop()
        self._seq += 1
        self.model.clear()
        self.completer_.popup().hide()
        self.set_hit(None)

    # ------------------------------------------------------------------ search
    def _on_edited(self, _text: str) -> None:
        if self._hit is not None:
            self._hit = None
            self.picked.emit(None)
        self._timer.start()

    def search_now(self) -> None:
        self._timer.stop()
        self._seq += 1
        seq, text, kind, limit = self._seq, self.text(), self.kind, self.limit
        # A failed search while typing shows no box: the list simply stays as it was.
        run_read(self.ctx, lambda s: find(s, kind, text, limit), lambda hits: self._show(seq, hits),
                 on_error=lambda _e: None)

    def _show(self, seq: int, hits: list[Hit]) -> None:
        if seq != self._seq:
            return  # an older answer arriving after a newer keystroke
        self.model.clear()
        for h in hits:
            item = QStandardItem(h.text)
            item.setData(h, HIT_ROLE)
            item.setData(h.label, LABEL_ROLE)
            item.setToolTip(h.text)
            item.setEditable(False)
            self.model.appendRow(item)
        if hits:
            self.completer_.complete()
        else:
            self.completer_.popup().hide()

    def _on_activated(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if isinstance(hit, Hit):
            self._timer.stop()
            self._seq += 1  # drop a search still on its way
            # After the completer has finished writing its text into the field: a slot that
            # clears the field (register, then ready for the next name) must have the last word.
            QTimer.singleShot(0, lambda: self.set_hit(hit))
