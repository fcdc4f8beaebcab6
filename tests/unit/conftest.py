"""Fixtures of the core unit tests: a fresh database with one advisor as the current user."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pole_desktop.domain import models as m
from pole_desktop.paths import DataDir
from pole_desktop.storage.database import USER_KEY, Database


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(DataDir.at(tmp_path / "data"))
    with database.session() as s:
        advisor = m.Accompagnateur(nom="Moreau", prenom="Claire")
        s.add(advisor)
    database.set_state(USER_KEY, advisor.id)
    yield database
    database.close()
