"""A laptop of the sync screen tests: an AppContext over its own real data directory (see the
``gui_laptops`` fixture in tests/gui/conftest.py)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from pole_desktop.storage.database import Database


@dataclass
class GuiLaptop:
    name: str
    db: Database
    ctx: Any  # AppContext

    def digest(self) -> str:
        from pole_desktop.services.info import info

        return info(self.db)["digest"]


def advisor_row(n: int) -> dict[str, Any]:
    """The n-th test advisor (stable ids), as keyword arguments of ``Accompagnateur``."""
    names = [("Claire", "Moreau"), ("Julien", "Petit"), ("Sophie", "Garnier")]
    prenom, nom = names[n % len(names)]
    return {"id": str(uuid.UUID(int=n + 7000, version=4)), "nom": nom, "prenom": prenom,
            "initiales": prenom[0] + nom[0], "actif": True}
