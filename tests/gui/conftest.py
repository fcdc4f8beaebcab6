"""GUI fixtures: an AppContext over a real SQLite data directory filled with the tiny demo,
with background tasks run synchronously (deterministic, no sleeps)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pole_desktop.demo import generate
from pole_desktop.gui.qt_workarounds import protect_none_refcount
from pole_desktop.storage.database import Database
from pole_desktop.storage.opening import open_database
from tests.gui.people_fixtures import people_ctx, people_db  # noqa: F401 - fixtures for every GUI test

# PySide6 6.12.0 on Python 3.11 loses a reference to None per void call: without the guard a
# long test session aborts with "none_dealloc" (see gui/qt_workarounds.py). Process-wide.
protect_none_refcount()


@pytest.fixture
def db(data_dir: Path) -> Iterator[Database]:
    database = open_database(data_dir)
    generate(database, "tiny", seed=1)
    yield database
    database.close()


@pytest.fixture
def ctx(db: Database, qapp: object) -> Iterator[object]:
    from pole_desktop.gui.context import AppContext
    from pole_desktop.gui.layout_state import open_settings
    from pole_desktop.gui.tasks import TaskRunner

    tasks = TaskRunner(synchronous=True)
    context = AppContext(db=db, tasks=tasks, settings=open_settings(db.data_dir.root))
    yield context
    tasks.shutdown()


@pytest.fixture
def window(ctx: object, qtbot: object) -> Iterator[object]:
    from pole_desktop.gui import main_window as mw

    w = mw.MainWindow(ctx)  # type: ignore[arg-type]
    qtbot.addWidget(w)  # type: ignore[attr-defined]
    w.confirm_unsaved = lambda *_: pytest.fail("unexpected unsaved-changes question")
    yield w
    w.confirm_unsaved = lambda *_: mw.DISCARD
