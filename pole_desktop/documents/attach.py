"""Attach a file from disk to a dossier (statuts, budget, scans): stored by content hash.

Only a regular file is accepted: a symbolic link is never followed, a folder, a device
(``/dev/zero``) or a named pipe (which would block forever) is refused with a French message.
The file is streamed into the encrypted blob store (memory stays flat whatever its size). The
stored file name is a safe one (no folder part, no control, bidi or zero-width character,
portable on Windows); the name as chosen by the user, cleaned of invisible characters, is kept
only as the document's title.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
import os
import re
import stat
import unicodedata
from pathlib import Path

from sqlalchemy.orm import Session

from pole_desktop import clock
from pole_desktop.domain import models as m
from pole_desktop.storage.blobs import BlobStore

__all__ = ["MAX_ATTACHMENT_BYTES", "AttachmentError", "attach_file", "copy_for_viewing", "guess_mime", "label_of",
           "stored_name"]

MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024
MAX_NAME = 120
MAX_TITLE = 200


class AttachmentError(ValueError):
    """A file that cannot be attached (French message)."""


def guess_mime(name: str) -> str:
    mime, _ = mimetypes.guess_type(name)
    return mime or "application/octet-stream"


def _visible(text: str) -> str:
    """``text`` without control, format (bidi overrides, zero-width) or surrogate characters."""
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn"))


def _last_part(name: str) -> str:
    return re.split(r"[\\/]", name)[-1]


def label_of(name: str) -> str:
    """The name as the user chose it, made harmless to display: last part only, invisible characters removed."""
    label = " ".join(_visible(_last_part(name)).split())[:MAX_TITLE]
    return label or "pièce jointe"


def stored_name(name: str) -> str:
    """A safe file name for ``name``: no folder part, no invisible character, no character Windows
    refuses, no leading dot or reserved device name; letters (accents included) and the extension kept."""
    base = unicodedata.normalize("NFC", _visible(_last_part(name)))
    stem, dot, ext = base.rpartition(".")
    if not dot or not stem.strip(". "):
        stem, ext = base, ""
    safe_ext = re.sub(r"[^A-Za-z0-9]", "", ext)[:10].lower()
    safe_stem = re.sub(r"[^\w \-()'’,+]+", "-", stem).strip(" .-")[: MAX_NAME - len(safe_ext) - 1] or "piece-jointe"
    if safe_stem.split(".")[0].upper() in {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)),
                                          *(f"LPT{i}" for i in range(10))}:
        safe_stem = "_" + safe_stem
    return f"{safe_stem}.{safe_ext}" if safe_ext else safe_stem


def _title_of(name: str) -> str:
    label = label_of(name)
    stem, dot, _ext = label.rpartition(".")
    return stem if dot and stem.strip() else label


def _open_regular(path: Path) -> int:
    """An open descriptor on ``path`` if it is a regular file (link never followed, pipe never waited on)."""
    shown = label_of(str(path))
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        raise AttachmentError(f"Le fichier « {shown} » est introuvable.") from None
    except (OSError, ValueError):
        raise AttachmentError(f"Le fichier « {shown} » ne peut pas être lu.") from None
    if stat.S_ISLNK(st.st_mode):
        raise AttachmentError(f"« {shown} » est un raccourci (lien symbolique) : joignez le fichier lui-même.")
    if stat.S_ISDIR(st.st_mode):
        raise AttachmentError(f"« {shown} » est un dossier : seuls des fichiers peuvent être joints.")
    if not stat.S_ISREG(st.st_mode):
        raise AttachmentError(
            f"« {shown} » n'est pas un fichier ordinaire (périphérique ou tube) : il n'est pas joint."
        )
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        raise AttachmentError(f"Le fichier « {shown} » ne peut pas être lu.") from None
    st2 = os.fstat(fd)
    if not stat.S_ISREG(st2.st_mode) or (st2.st_dev, st2.st_ino) != (st.st_dev, st.st_ino):
        os.close(fd)
        raise AttachmentError(f"Le fichier « {shown} » a été remplacé pendant sa lecture : il n'est pas joint.")
    if st2.st_size > MAX_ATTACHMENT_BYTES:
        os.close(fd)
        raise AttachmentError(
            f"Le fichier « {shown} » est trop volumineux ({st2.st_size // (1024 * 1024)} Mo, "
            f"{MAX_ATTACHMENT_BYTES // (1024 * 1024)} Mo au maximum)."
        )
    if hasattr(os, "O_NONBLOCK"):
        os.set_blocking(fd, True)
    return fd


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
    """Stream ``path`` into the blob store and record it as a ``piece_jointe`` Document."""
    path = Path(path)
    fd = _open_regular(path)
    with os.fdopen(fd, "rb") as f:
        try:
            sha, size = blobs.put_stream(f, max_bytes=MAX_ATTACHMENT_BYTES)
        except ValueError as e:
            raise AttachmentError(f"« {label_of(path.name)} » : {e}") from None
    name = stored_name(path.name)
    ctx = session.info.get("journal")
    row = m.Document(
        dossier_id=dossier_id,
        rendez_vous_id=rendez_vous_id,
        atelier_id=atelier_id,
        type="piece_jointe",
        titre=label_of(titre) if titre else _title_of(path.name),
        nom_fichier=name,
        mime=guess_mime(name),
        sha256=sha,
        taille=size,
        genere=False,
        source_hlc=None,
        cree_le=(now or clock.local_now()).replace(microsecond=0),
        auteur_id=ctx.author_id if ctx else None,
    )
    session.add(row)
    session.flush()
    return row


def copy_for_viewing(db, sha256: str, name: str) -> Path:  # noqa: ANN001 - a storage.database.Database
    """A clear copy of a document for another application to open, in the data directory's private
    ``documents-ouverts/`` folder (0700, files 0600), under a safe name. The folder is emptied when
    the application closes and at the next start (``DataDir.clear_opened``)."""
    import secrets

    folder = db.data_dir.opened / secrets.token_hex(8)
    folder.mkdir(mode=0o700, parents=True)
    if os.name != "nt":
        os.chmod(db.data_dir.opened, 0o700)
    return db.blob_store().copy_to(sha256, folder / stored_name(name))
