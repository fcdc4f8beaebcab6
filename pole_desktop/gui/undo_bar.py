"""The main window's undo: « Annuler » in the status message of a quick action, and Ctrl+Z
(Édition → Annuler …). The steps come from ``services.undo`` (the quick actions return them);
undoing runs ``services.undo.undo`` on the ``db`` queue — a new journaled change that syncs.

In a text field Ctrl+Z keeps undoing the typing (the field takes the shortcut first)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QPushButton, QWidget

from pole_desktop.errors import user_message
from pole_desktop.gui.ops import run_write
from pole_desktop.services import undo as undo_service
from pole_desktop.services.undo import UndoStep

MAX_STEPS = 20
MESSAGE_MS = 15_000


class UndoBar(QObject):
    def __init__(self, window: QMainWindow, ctx: object) -> None:
        super().__init__(window)
        self.window, self.ctx = window, ctx
        self.steps: list[UndoStep] = []
        self.action = QAction("Annuler", window, shortcut=QKeySequence.StandardKey.Undo)
        self.action.setObjectName("action_undo")
        self.action.triggered.connect(self.undo_last)
        self.action.setEnabled(False)
        self.box = QWidget()
        self.box.setObjectName("undoBox")
        lay = QHBoxLayout(self.box)
        lay.setContentsMargins(0, 0, 0, 0)
        self.message = QLabel()
        self.message.setObjectName("undoMessage")
        self.button = QPushButton("Annuler (Ctrl+Z)")
        self.button.setObjectName("undoButton")
        self.button.setFlat(True)
        self.button.setStyleSheet("QPushButton { color: #1a5fb4; text-decoration: underline; padding: 0 6px; }")
        self.button.clicked.connect(self.undo_last)
        lay.addWidget(self.message)
        lay.addWidget(self.button)
        lay.addStretch(1)
        window.statusBar().addWidget(self.box, 1)
        self.box.hide()
        self._hide = QTimer(self)
        self._hide.setSingleShot(True)
        self._hide.setInterval(MESSAGE_MS)
        self._hide.timeout.connect(lambda: self.button.hide())

    def _say(self, text: str, offer: bool) -> None:
        self.message.setText(text)
        self.button.setVisible(offer)
        self.box.show()
        self._hide.start()

    def push(self, step: UndoStep) -> None:
        self.steps = (self.steps + [step])[-MAX_STEPS:]
        self._update_action()
        self._say(f"✓ {step.label}", True)

    def _update_action(self) -> None:
        self.action.setEnabled(bool(self.steps))
        self.action.setText(self.steps[-1].undo_label if self.steps else "Annuler")

    def undo_last(self) -> None:
        if not self.steps:
            return
        step = self.steps.pop()
        self._update_action()

        def done(_result: object) -> None:
            self._say(f"↶ Annulé : {step.label[0].lower()}{step.label[1:]}", False)

        # The screens showing what the undo wrote (the row, rows it created) refresh from the journal.
        run_write(self.ctx, lambda s: undo_service.undo(s, step), done,
                  lambda error: self._say(user_message(error), False))
