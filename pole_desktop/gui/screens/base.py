"""The contract of a screen shown in the main window's navigation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from pole_desktop.gui.context import AppContext

if TYPE_CHECKING:
    from pole_desktop.gui.ops import Write


class Screen(QWidget):
    """A page of the main window (Aujourd'hui, Dossiers, Agenda…).

    Subclasses set ``key`` and ``title`` (French), build their widgets in ``__init__``,
    reload data in ``refresh()`` (called when the page is shown and when
    ``ctx.events.changed`` names a table they display), and report unsaved edits so the
    main window can ask before leaving or closing.

    ``tables`` names the tables the screen shows: a write (``gui/ops.run_write``, or a sync,
    announcing on ``ctx.events.changed``) that touches one of them refreshes the screen at once
    if it is visible, else marks it stale and it refreshes when next shown. ``None`` (a screen
    that has not said) means every change concerns it. A screen never subscribes by hand.
    """

    key: str = ""
    title: str = ""
    tables: frozenset[str] | None = None

    def shows(self, tables: set[str]) -> bool:
        """Whether a change of ``tables`` concerns this screen (an empty set: anything may have changed)."""
        return self.tables is None or not tables or bool(self.tables & tables)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName(f"screen_{self.key}")
        self.setAccessibleName(self.title)
        events = getattr(ctx, "events", None)
        if events is not None:
            events.changed.connect(self._on_data_changed)

    def _on_data_changed(self, tables: object) -> None:
        if getattr(tables, "origin", None) is self:  # this screen made the change and shows it already
            return
        changed = set(tables) if isinstance(tables, set | frozenset | list | tuple) else set()
        if not self.shows(changed):
            return
        if self.is_current():
            self.setProperty("stale", False)
            self.refresh()
        else:
            self.setProperty("stale", True)

    def is_current(self) -> bool:
        """Whether the user sees this screen when its window is shown: the current page of the main
        window (hidden pages of its stack are not), or a screen that is a window of its own."""
        window = self.window()
        return window is self or self.isVisibleTo(window)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self.property("stale"):  # changed while hidden: catch up now
            self.setProperty("stale", False)
            self.refresh()

    def refresh(self) -> None:  # pragma: no cover - overridden
        pass

    def has_unsaved_changes(self) -> bool:
        return False

    def save(self) -> bool:
        """Ctrl+S. Returns True when everything is saved (False: refused, or still being written —
        then :meth:`saving` returns the write, and the unsaved-changes guard waits for it)."""
        return True

    def saving(self) -> Write | None:
        """The save still being written (``gui.ops.Write``), if any."""
        return None

    def new_item(self) -> None:
        """Ctrl+N."""

    def focus_search(self) -> None:
        """Ctrl+F."""
