"""Extension points of the sync, for other layers (no import of theirs here).

The sync does not import the safety layer (``tests/unit/test_layers.py``): what it needs from it
is registered here by ``safety.opening.open_database`` (the composition root), idempotently.

``after_apply``: called inside the transaction that applies one incoming change file, after
its changes are written, with the (table, row id) pairs it touched. A handler may read and
write through the session; its writes are ordinary local changes (journaled, published on
the next sync). Example: the GDPR erasure handler reacts to incoming ``effacement`` rows.
A handler that raises makes the whole file roll back (it is retried on the next sync).

``after_sync``: called after each successful sync with ``(db, transport)``. Example: the GDPR
redaction of this laptop's own published files. A ``TransportError`` becomes a warning of the
receipt (the handler is called again on the next sync); any other error fails the sync report.

``backup``: ``(db, reason) -> path`` writes a verified backup (``safety.backups.backup_before``).
The engine backs up before applying a big batch or one the mass-change guard stops; with no
handler registered it refuses such a batch rather than apply it unsaved.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from pole_desktop.storage.database import Database

after_apply: list[Callable[[Session, list[tuple[str, str]]], None]] = []
after_sync: list[Callable[[Database, Any], object]] = []
backup: list[Callable[[Database, str], Path]] = []


def register(hooks: list[Any], handler: Any) -> bool:
    """Append ``handler`` to one of the lists above unless it is there already; True if added."""
    if handler in hooks:
        return False
    hooks.append(handler)
    return True
