"""Attach a file from disk to a dossier (statuts, budget, scans): stored by content hash."""

from __future__ import annotations

import datetime as dt
import mimetypes
from pathlib import Path

from sqlalchemy.orm import Session

from pole_desktop import clock
from pole_desktop.domain import models as m
from pole_desktop.storage.blobs import BlobStore

__all__ = ["MAX_ATTACHMENT_BYTES", "attach_file", "guess_mime"]

MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024


def guess_mime(name: str) -> str:
    mime, _ = mimetypes.guess_type(name)
    return mime or "application/octet-stream"


def attach_file(
    session: Session,
    blobs: BlobStore,
    path: Path,
    *,
    dossier_id: str | None = None,
    rendez_vous_id: str | None = None,
    atelier_id: str | None = None,
    titre: str | None = None,
    now: dt.datetime | None = None,
) -> m.Document:
    """Copy ``path`` into the blob store and record it as a ``piece_jointe`` Document."""
    size = path.stat().st_size
    if size > MAX_ATTACHMENT_BYTES:
        raise ValueError(
            f"Le fichier « {path.name} » est trop volumineux ({size // (1024 * 1024)} Mo, 200 Mo au maximum)."
        )
    data = path.read_bytes()
    ctx = session.info.get("journal")
    row = m.Document(
        dossier_id=dossier_id,
        rendez_vous_id=rendez_vous_id,
        atelier_id=atelier_id,
        type="piece_jointe",
        titre=titre or path.stem,
        nom_fichier=path.name,
        mime=guess_mime(path.name),
        sha256=blobs.put(data),
        taille=len(data),
        genere=False,
        source_hlc=None,
        cree_le=(now or clock.local_now()).replace(microsecond=0),
        auteur_id=ctx.author_id if ctx else None,
    )
    session.add(row)
    session.flush()
    return row
