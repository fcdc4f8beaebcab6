"""Simulated laptops and a folder share for the sync tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import select

from pole_desktop.domain import models as m
from pole_desktop.domain.local import Conflict
from pole_desktop.services import dossiers, personnes
from pole_desktop.services.info import info
from pole_desktop.storage.database import USER_KEY
from pole_desktop.storage.opening import open_database
from pole_desktop.sync.engine import sync
from pole_desktop.sync.folder import FolderTransport
from pole_desktop.sync.receipt import Receipt
from pole_desktop.sync.transport import Transport


class Laptop:
    def __init__(self, root: Path, name: str, share: Path | Transport, advisor: dict[str, Any] | None = None) -> None:
        """``share``: a folder (a FolderTransport over it), or any transport (closed by its owner)."""
        self.name = name
        self.db = open_database(root / name)
        self.share = FolderTransport(share) if isinstance(share, Path) else share
        if advisor is not None:
            with self.db.session() as s:
                if s.get(m.Accompagnateur, advisor["id"]) is None:
                    s.add(m.Accompagnateur(**advisor))
            self.db.set_state(USER_KEY, advisor["id"])

    def sync(self, **kw: Any) -> Receipt:
        r = sync(self.db, self.share, **kw)
        assert r.ok, r.error
        return r

    def digest(self) -> str:
        return info(self.db)["digest"]

    def conflicts(self) -> list[Conflict]:
        with self.db.read() as s:
            return list(s.scalars(select(Conflict).order_by(Conflict.id)))

    def session(self):  # noqa: ANN201
        return self.db.session()

    def read(self):  # noqa: ANN201
        return self.db.read()

    def close(self) -> None:
        self.db.close()


def advisor(n: int) -> dict[str, Any]:
    import uuid

    return {"id": str(uuid.UUID(int=n + 1000, version=4)), "nom": f"Conseil{n}", "prenom": f"Anne{n}",
            "initiales": f"A{n}", "actif": True}


def new_person(lp: Laptop, nom: str = "Martin", **extra: Any) -> str:
    with lp.session() as s:
        return personnes.save_personne(s, {"nom": nom, "prenom": "Lucie", **extra}).id


def new_dossier(lp: Laptop, titre: str = "Épicerie solidaire", **extra: Any) -> str:
    with lp.session() as s:
        return dossiers.create_dossier(
            s, {"dispositif": "puls_actions", "titre": titre, "date_ouverture": dt.date(2026, 3, 2), **extra}
        ).id


def converge(*laptops: Laptop, rounds: int = 2) -> None:
    for _ in range(rounds):
        for lp in laptops:
            lp.sync()
    digests = {lp.name: lp.digest() for lp in laptops}
    assert len(set(digests.values())) == 1, digests
