"""The contract of a screen shown in the main window's navigation."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from pole_desktop.gui.context import AppContext


class Screen(QWidget):
    """A page of the main window (Aujourd'hui, Dossiers, Agenda…).

    Subclasses set ``key`` and ``title`` (French), build their widgets in ``__init__``,
    reload data in ``refresh()`` (called when the page is shown and when
    ``ctx.events.changed`` names a table they display), and report unsaved edits so the
    main window can ask before leaving or closing.
    """

    key: str = ""
    title: str = ""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName(f"screen_{self.key}")
        self.setAccessibleName(self.title)

    def refresh(self) -> None:  # pragma: no cover - overridden
        pass

    def has_unsaved_changes(self) -> bool:
        return False

    def save(self) -> bool:
        """Ctrl+S. Returns True when everything is saved."""
        return True

    def new_item(self) -> None:
        """Ctrl+N."""

    def focus_search(self) -> None:
        """Ctrl+F."""
