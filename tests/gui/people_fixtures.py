"""Fixtures of the Agenda / Personnes / Structures / Ateliers GUI tests (import them in a module).

- ``people_db``: a real database file in ``data_dir`` with the tiny demo dataset (today pinned).
- ``people_ctx``: an AppContext on it with a synchronous TaskRunner and settings in a temp file;
  ``people_ctx.opened`` records what the navigation callbacks were asked to open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from pole_desktop.demo import generate
from pole_desktop.services import common
from pole_desktop.storage.database import Database
from pole_desktop.storage.opening import open_database

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def people_db(data_dir: Path) -> Iterator[Database]:
    db = open_database(data_dir)
    generate(db, "tiny", seed=1, today=TODAY)
    common.set_today(TODAY)
    yield db
    common.set_today(None)
    db.close()


@pytest.fixture
def people_ctx(people_db: Database, qtbot, tmp_path: Path):  # noqa: ANN001 - pytest-qt fixture
    from PySide6.QtCore import QSettings

    from pole_desktop.gui.context import AppContext
    from pole_desktop.gui.tasks import TaskRunner

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(db=people_db, tasks=TaskRunner(synchronous=True), settings=settings)
    ctx.opened = []  # type: ignore[attr-defined]
    ctx.open_dossier = lambda i: ctx.opened.append(("dossier", i))  # type: ignore[attr-defined]
    ctx.open_compte_rendu = lambda i: ctx.opened.append(("compte_rendu", i))  # type: ignore[attr-defined]
    yield ctx
    ctx.tasks.shutdown()
