"""The dossier list as a model over SQL, fluid at 20,000 dossiers.

The model holds only the ordered list of matching ids (one query, ``ORDER BY`` on the raw
value of the sort column, done by SQLite) and fetches the displayed rows lazily, a page of
``PAGE`` rows at a time, into a cache. Filtering is in the same query: full-text search
(FTS5, accent-insensitive, prefix on every word) plus the filter widgets' criteria.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from pole_desktop.gui.ops import run_read
from pole_desktop.gui.tasks import TaskRunner
from pole_desktop.services.queries.dossier_list import (  # noqa: F401 - re-exported for the screen, tests, bench
    ANY,
    COL_BENEF,
    COL_COMMUNE,
    COL_DISPOSITIF,
    COL_ETAPE,
    COL_OUVERTURE,
    COL_REFERENCE,
    COL_REFERENT,
    COL_STRUCTURE,
    COL_TITRE,
    COLUMNS,
    PAGE,
    ROW_SQL,
    STATUSES,
    DossierFilter,
    build_id_query,
    dossier_ids,
    dossier_rows,
)
from pole_desktop.storage.database import Database

log = logging.getLogger(__name__)


class DossierTableModel(QAbstractTableModel):
    """Ids of the matching dossiers in order; rows fetched lazily by pages."""

    reloaded = Signal(int)  # number of matching dossiers

    def __init__(self, db: Database, tasks: TaskRunner | None = None) -> None:
        super().__init__()
        self.db = db
        self.tasks = tasks
        # Reads go through gui/ops.run_read: on the db queue, or at once without a runner (tests, bench).
        self._ctx = SimpleNamespace(db=db, tasks=tasks or TaskRunner(synchronous=True))
        self._fetching: set[int] = set()  # first rows of the pages asked for and not arrived yet
        self._in_data = False
        self.filter = DossierFilter()
        self.sort_column = COL_OUVERTURE
        self.descending = True
        self._ids: list[str] = []
        self._rows: dict[int, list[str]] = {}  # row index -> display values
        self._generation = 0
        self.queries = 0  # id queries run (tests and diagnostics)
        self.last_sql = ""

    # ------------------------------------------------------------------ Qt API

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][0]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            row = self._row(index.row())
            return row[index.column()] if row else ""
        if role == Qt.ItemDataRole.UserRole:
            return self._ids[index.row()]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_column = column
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    # ------------------------------------------------------------------ data

    def dossier_id(self, row: int) -> str:
        return self._ids[row]

    def ids(self) -> list[str]:
        return list(self._ids)

    def cached_rows(self) -> int:
        return len(self._rows)

    def set_filter(self, f: DossierFilter) -> None:
        if f != self.filter:
            self.filter = f
            self.reload()

    def update_filter(self, **changes: Any) -> None:
        self.set_filter(replace(self.filter, **changes))

    def reload(self) -> None:
        """Re-run the id query (in the background when a task runner is given)."""
        self._generation += 1
        generation = self._generation
        f, column, descending = self.filter, self.sort_column, self.descending
        self.last_sql = build_id_query(f, column, descending)[0]

        def done(ids: list[str]) -> None:
            if generation != self._generation:
                return  # a newer query was started meanwhile
            self.beginResetModel()
            self._ids = ids
            self._rows.clear()
            self._fetching.clear()
            self.endResetModel()
            self.queries += 1
            self.reloaded.emit(len(ids))

        run_read(self._ctx, lambda s: dossier_ids(s, f, column, descending), done,
                 on_error=lambda e: log.warning("dossier list not read: %s", e))

    def _row(self, row: int) -> list[str] | None:
        """The display values of ``row``; None while its page is being read (the view shows it
        blank, then repaints when the page arrives)."""
        if row in self._rows:
            return self._rows[row]
        if not 0 <= row < len(self._ids):
            return None
        start = (row // PAGE) * PAGE
        if start not in self._fetching:
            self._fetch(start)
        return self._rows.get(row)

    def _fetch(self, start: int) -> None:
        self._fetching.add(start)
        generation = self._generation
        page_ids = self._ids[start : start + PAGE]

        def done(by_id: dict[str, list[str]]) -> None:
            if generation != self._generation:
                return  # the ids changed meanwhile: that page is no longer what is shown
            self._fetching.discard(start)
            for k, did in enumerate(page_ids):
                self._rows[start + k] = by_id.get(did, [""] * len(COLUMNS))
            if not self._in_data:  # arrived later: repaint those rows (at once: data() returns them)
                self.dataChanged.emit(self.index(start, 0), self.index(start + len(page_ids) - 1, len(COLUMNS) - 1))

        def failed(error: BaseException) -> None:
            self._fetching.discard(start)
            log.warning("dossier rows not read: %s", error)

        self._in_data = True
        try:
            run_read(self._ctx, lambda s: dossier_rows(s, page_ids), done, on_error=failed)
        finally:
            self._in_data = False
