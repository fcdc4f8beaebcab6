"""Driving the one person/structure picker (gui/widgets/entity_picker.py) as a user does."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def pick(qtbot, picker, typed: str, wanted: str) -> None:
    """Type ``typed``, wait for the list, press ↓ until an entry containing ``wanted`` is
    highlighted, press Enter. Keys go to the popup, as they do for a real user."""
    picker.setFocus()
    qtbot.keyClicks(picker, typed)
    completer = picker.completer()
    assert completer is not None, "this field has no completion list"
    popup = completer.popup()
    qtbot.waitUntil(lambda: popup.isVisible() and popup.model().rowCount() > 0, timeout=3000)
    texts = [popup.model().index(i, 0).data() for i in range(popup.model().rowCount())]
    assert any(wanted in t for t in texts), texts
    for _ in range(len(texts) + 1):
        qtbot.keyClick(popup, Qt.Key.Key_Down)
        if wanted in (popup.currentIndex().data() or ""):
            break
    assert wanted in popup.currentIndex().data()
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    QApplication.processEvents()
