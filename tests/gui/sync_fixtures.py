"""Two laptops for the sync screen tests: each an AppContext over its own real data directory
(real SQLite), a TaskRunner and its own QSettings ini file. Import the fixtures in a test module
with ``from tests.gui.sync_fixtures import gui_laptops  # noqa: F401``."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from pole_desktop.domain import models as m
from pole_desktop.storage.database import USER_KEY, Database
from pole_desktop.storage.opening import open_database


@dataclass
class GuiLaptop:
    name: str
    db: Database
    ctx: Any  # AppContext

    def digest(self) -> str:
        from pole_desktop.services.info import info

        return info(self.db)["digest"]


def _advisor(n: int) -> dict[str, Any]:
    names = [("Claire", "Moreau"), ("Julien", "Petit"), ("Sophie", "Garnier")]
    prenom, nom = names[n % len(names)]
    return {"id": str(uuid.UUID(int=n + 7000, version=4)), "nom": nom, "prenom": prenom,
            "initiales": prenom[0] + nom[0], "actif": True}


@pytest.fixture
def gui_laptops(tmp_path: Path, qapp: Any) -> Iterator[Callable[..., GuiLaptop]]:
    """``make(name, synchronous=True)`` → a GuiLaptop; everything is closed afterwards."""
    from PySide6.QtCore import QSettings

    from pole_desktop.gui.context import AppContext
    from pole_desktop.gui.tasks import TaskRunner

    made: list[GuiLaptop] = []

    def make(name: str, *, synchronous: bool = True) -> GuiLaptop:
        db = open_database(tmp_path / name)
        advisor = _advisor(len(made))
        with db.session() as s:
            s.add(m.Accompagnateur(**advisor))
        db.set_state(USER_KEY, advisor["id"])
        settings = QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat)
        ctx = AppContext(db=db, tasks=TaskRunner(synchronous=synchronous), settings=settings)
        lp = GuiLaptop(name, db, ctx)
        made.append(lp)
        return lp

    yield make
    for lp in made:
        lp.ctx.tasks.wait_idle()
        lp.ctx.tasks.shutdown()
        lp.db.close()
