"""Extension points of the sync, for other layers (no import of theirs here).

``after_apply``: called inside the transaction that applies one incoming change file, after
its changes are written, with the (table, row id) pairs it touched. A handler may read and
write through the session; its writes are ordinary local changes (journaled, published on
the next sync). Example: the GDPR erasure handler reacts to incoming ``effacement`` rows.
A handler that raises makes the whole file roll back (it is retried on the next sync).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

after_apply: list[Callable[[Session, list[tuple[str, str]]], None]] = []
