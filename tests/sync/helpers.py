"""Simulated laptops and a folder share for the sync tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import select

from pole_desktop.domain import models as m
from pole_desktop.domain.local import Conflict, LocalState
from pole_desktop.safety.opening import open_database
from pole_desktop.services import dossiers, personnes
from pole_desktop.services.info import info
from pole_desktop.storage.database import USER_KEY
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


def share_keys(lp: Laptop, device: str | None = None):  # noqa: ANN201
    """The sealed share's keys as ``lp`` holds them; with ``device``: a team member's keys that sign as
    ``device`` with a fresh Ed25519 key (to forge a device folder from inside the team)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from pole_desktop.sync import sealing
    from pole_desktop.sync import share_layout as L

    manifest = L.read_json((lp.share.root / L.SHARE_MANIFEST).read_bytes())
    keys = sealing.share_keys(lp.db, manifest)
    if device is None:
        return keys
    signer = Ed25519PrivateKey.generate()
    return sealing.ShareKeys(share_id=keys.share_id, keys=keys.keys, current=keys.current, signer=signer,
                             me=device, pub=sealing.public_hex(signer))


def open_change_file(lp: Laptop, device: str, seq: int) -> bytes:
    """The plain change file (PDCHG…) ``device`` published under ``seq``, opened with ``lp``'s keys."""
    from pole_desktop.sync import share_layout as L

    raw = (lp.share.root / L.file_path(device, seq)).read_bytes()
    return share_keys(lp).open(raw, kind="chg", device=device, seq=seq)[1]


def share_plaintext(share_root: Path, db: Any) -> bytes:
    """Every file of the sealed share as a team member reads it: envelopes opened with ``db``'s team
    key, change-file bodies decompressed (what the tests scan for personal data)."""
    import zlib

    from pole_desktop.sync import sealing
    from pole_desktop.sync import share_layout as L

    manifest = L.read_json((share_root / L.SHARE_MANIFEST).read_bytes())
    keys = sealing.share_keys(db, manifest)
    out = []
    for p in sorted(share_root.rglob("*")):
        if not p.is_file():
            continue
        raw = p.read_bytes()
        if not raw.startswith(sealing.MAGIC):
            out.append(raw)
            continue
        head, _, _ = sealing.parse_envelope(raw)
        _, plain = keys.open(raw, kind=head["kind"], signed=head["kind"] != "blob")
        out.append(zlib.decompress(L.split_body(plain)) if head["kind"] == "chg" else plain)
    return b"\n".join(out)


def full_survey(lp: Laptop) -> None:
    """Make ``lp``'s next sync a full survey (every device folder listed, as after FULL_EVERY_S): what a
    test plants in another laptop's folder without touching its head is only seen by one."""
    from pole_desktop.sync.engine import FULL_KEY

    with lp.session() as s:
        s.execute(LocalState.__table__.delete().where(LocalState.key == FULL_KEY))
