"""GUI fixtures: an AppContext over a real SQLite data directory filled with the tiny demo,
with background tasks run synchronously (deterministic, no sleeps).

- ``db`` / ``ctx`` / ``window``: the tiny demo, its AppContext, the main window.
- ``people_db`` / ``people_ctx``: the same demo for the Agenda / Personnes / Structures /
  Ateliers tests; ``people_ctx.opened`` records what the navigation callbacks were asked to open.
- ``gui_laptops`` (in tests/conftest.py, the share panel tests in tests/sync use it too).

The demo data are generated on the suite's fixed day (``clock.today()``, see tests/conftest.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pole_desktop.demo import generate
from pole_desktop.gui.qt_workarounds import protect_none_refcount
from pole_desktop.safety.opening import open_database
from pole_desktop.storage.database import Database

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


@pytest.fixture
def people_db(data_dir: Path) -> Iterator[Database]:
    database = open_database(data_dir)
    generate(database, "tiny", seed=1)
    yield database
    database.close()


@pytest.fixture
def people_ctx(people_db: Database, qtbot: Any, tmp_path: Path) -> Iterator[Any]:
    from PySide6.QtCore import QSettings

    from pole_desktop.gui.context import AppContext
    from pole_desktop.gui.tasks import TaskRunner

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    context = AppContext(db=people_db, tasks=TaskRunner(synchronous=True), settings=settings)
    context.opened = []  # type: ignore[attr-defined]
    context.open_dossier = lambda i: context.opened.append(("dossier", i))  # type: ignore[attr-defined]
    context.open_compte_rendu = lambda i: context.opened.append(("compte_rendu", i))  # type: ignore[attr-defined]
    yield context
    context.tasks.shutdown()
