"""The conflict inbox: field by field, both values side by side, one click to keep either.

Each open conflict (``pole_desktop.sync.conflicts.list_open``) is a card: the record (« Dossier
DLA-2026-K7QF-0042 — Épicerie solidaire »), the field label, then the value kept on every laptop
and the value set aside, each with who changed it, when and on which laptop, in a read-only text
box that scrolls for long comptes-rendus. « Garder cette valeur » calls
``conflicts.resolve(session, id, keep=…)`` on the db queue — keeping the set-aside value is a new
change that travels with the next sync.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pole_desktop.formatting import format_datetime, plural
from pole_desktop.gui.context import AppContext
from pole_desktop.gui.ops import run_read, run_write
from pole_desktop.gui.sync_alive import alive

EMPTY_FR = "Aucun conflit : toutes les modifications ont pu être fusionnées."




def _who_when(who: str, when: Any, device: str) -> str:
    """« Modifiée par Claire Moreau le jeudi 26 novembre 2026 à 08:38 sur le poste « … ». »"""
    parts = [f"Modifiée par {who}" if who else "Modifiée"]
    if when is not None:
        parts.append(f"le {format_datetime(when, long=True)}")
    if device == "cet ordinateur":
        parts.append("sur cet ordinateur")
    elif device and device != who:
        parts.append(f"sur le poste « {device} »")
    return " ".join(parts) + "."


def _lines(value: str) -> int:
    """Lines a value needs in its box (long texts scroll beyond 8)."""
    return max(1, min(8, sum(1 + len(line) // 60 for line in value.split("\n"))))


class _ValueBox(QFrame):
    """One side of a conflict: a caption, the value (scrollable), who/when/where, the button."""

    def __init__(self, caption: str, value: str, who_when: str, keep: str, kept: bool, lines: int) -> None:
        super().__init__()
        self.setObjectName(f"conflict_side_{keep}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        title = QLabel(caption)
        font = QFont(title.font())
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        self.value = QPlainTextEdit(value)
        self.value.setObjectName("conflict_value")
        self.value.setReadOnly(True)
        self.value.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        metrics = self.value.fontMetrics()
        self.value.setFixedHeight(int(metrics.lineSpacing() * (lines + 0.8)) + 12)
        layout.addWidget(self.value)
        meta = QLabel(who_when)
        meta.setWordWrap(True)
        meta.setObjectName("conflict_meta")
        layout.addWidget(meta)
        self.button = QPushButton("Garder cette valeur")
        self.button.setObjectName(f"keep_{keep}")
        self.button.setToolTip(
            "Cette valeur est déjà celle de tous les ordinateurs : le conflit sera simplement classé."
            if kept
            else "Cette valeur remplacera l'autre, ici puis sur les autres ordinateurs "
            "à la prochaine synchronisation."
        )
        layout.addWidget(self.button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)  # both sides start at the top, whatever their length


class ConflictCard(QFrame):
    keep = Signal(int, str)  # conflict id, "winner" | "loser"

    def __init__(self, view: Any) -> None:
        super().__init__()
        self.view = view
        self.setObjectName("conflict_card")
        self.setFrameShape(QFrame.Shape.Box)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(self)
        header = QLabel(f"<b>{_esc(view.table_label)} : {_esc(view.record_label)}</b>")
        header.setWordWrap(True)
        header.setObjectName("conflict_record")
        layout.addWidget(header)
        deleted = bool(getattr(view, "record_deleted", False))
        field = QLabel(
            f"Champ modifié pendant que la fiche était supprimée : <b>{_esc(view.field_label)}</b>"
            if deleted
            else f"Champ modifié des deux côtés : <b>{_esc(view.field_label)}</b>"
        )
        field.setObjectName("conflict_field")
        layout.addWidget(field)
        sides = QHBoxLayout()
        lines = max(_lines(view.winner_value), _lines(view.loser_value))  # same height side by side
        self.winner = _ValueBox(
            "Valeur retenue partout",
            view.winner_value,
            _who_when(view.winner_who, view.winner_when, view.winner_device),
            "winner",
            True,
            lines,
        )
        self.loser = _ValueBox(
            "Valeur mise de côté",
            view.loser_value,
            _who_when(view.loser_who, view.loser_when, view.loser_device),
            "loser",
            False,
            lines,
        )
        for box in (self.winner, self.loser):
            sides.addWidget(box, 1)
        layout.addLayout(sides)
        if deleted:  # the record is gone: the value is there to be copied, it cannot be put back
            self.winner.button.setText("Classer (la fiche reste supprimée)")
            self.loser.button.setEnabled(False)
            self.loser.button.setToolTip(
                "La fiche n'existe plus : la valeur ne peut pas y être remise. Sélectionnez le texte pour le copier."
            )
        self.winner.button.clicked.connect(lambda: self.keep.emit(view.id, "winner"))
        self.loser.button.clicked.connect(lambda: self.keep.emit(view.id, "loser"))


def _esc(text: str) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class ConflictInbox(QWidget):
    """The list of open conflicts; reloads itself after each resolution."""

    count_changed = Signal(int)
    resolved = Signal(int, str)  # conflict id, keep
    failed = Signal(str)  # French message

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.cards: list[ConflictCard] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 0)
        self.summary = QLabel(EMPTY_FR)
        self.summary.setObjectName("conflict_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.message = QLabel("")
        self.message.setObjectName("conflict_message")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._body = QWidget()
        self._list = QVBoxLayout(self._body)
        self._list.addStretch(1)
        self.scroll.setWidget(self._body)
        layout.addWidget(self.scroll, 1)

    # ------------------------------------------------------------------ data
    def refresh(self) -> None:
        from pole_desktop.sync.conflicts import list_open

        me = self.ctx.db.device_id  # named « cet ordinateur »
        run_read(self.ctx, lambda s: list_open(s, me=me), alive(self, self._show), on_error=alive(self, self._error))

    def _show(self, views: list[Any]) -> None:
        for card in self.cards:
            self._list.removeWidget(card)
            card.deleteLater()
        self.cards = []
        for view in views:
            card = ConflictCard(view)
            card.keep.connect(self._keep)
            self._list.insertWidget(self._list.count() - 1, card)
            self.cards.append(card)
        n = len(views)
        if n == 0:
            self.summary.setText(EMPTY_FR)
        else:
            self.summary.setText(
                f"{plural(n, 'conflit')} à examiner. Le même champ a été modifié sur deux ordinateurs : "
                "une valeur a été retenue partout, l'autre est gardée ici. Choisissez celle qui doit rester."
            )
        self.count_changed.emit(n)

    def _error(self, error: BaseException) -> None:
        from pole_desktop.errors import user_message

        text = user_message(error)
        self.message.setText(text)
        self.message.show()
        self.failed.emit(text)

    # ------------------------------------------------------------------ actions
    def _keep(self, conflict_id: int, keep: str) -> None:
        for card in self.cards:
            if card.view.id == conflict_id:
                card.setEnabled(False)

        from pole_desktop.sync.conflicts import resolve

        def done(_result: Any) -> None:
            self.message.setText(
                "Valeur reprise : elle sera envoyée aux autres ordinateurs à la prochaine synchronisation."
                if keep == "loser"
                else "Conflit classé : la valeur retenue reste en place."
            )
            self.message.show()
            self.resolved.emit(conflict_id, keep)  # the screens showing what it wrote refresh (run_write)
            self.refresh()

        def failed(error: BaseException) -> None:
            self._error(error)
            self.refresh()

        run_write(self.ctx, lambda s: resolve(s, conflict_id, keep=keep), alive(self, done), alive(self, failed),
                  parent=self)
