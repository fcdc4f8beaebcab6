"""What every screen and dialog receives: the database, the background runner,
settings, and navigation callbacks. Screens never reach for globals."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal

from pole_desktop.gui.tasks import TaskRunner
from pole_desktop.storage.database import Database


class DataEvents(QObject):
    """Operations announce what they changed; views refresh only what is touched.

    ``changed`` carries a set of table names (e.g. {"dossier", "rendez_vous"}).
    """

    changed = Signal(object)


@dataclass
class AppContext:
    db: Database
    tasks: TaskRunner
    settings: QSettings
    events: DataEvents = field(default_factory=DataEvents)
    # Navigation, set by the main window: open_dossier(dossier_id), open_screen(key), …
    navigate: Callable[..., Any] = lambda *a, **k: None
    open_dossier: Callable[[str], Any] = lambda _id: None
    open_compte_rendu: Callable[[str], Any] = lambda _rdv_id: None
    # offer_undo(step): a quick action done (services.undo.UndoStep) — « Annuler » and Ctrl+Z.
    offer_undo: Callable[[Any], Any] = lambda _step: None

    def notify(self, *tables: str) -> None:
        self.events.changed.emit(set(tables))
