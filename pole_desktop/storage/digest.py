"""A fingerprint of the synced content: equal on two laptops exactly when they hold the same data.

Rows of every synced table, ordered by id, columns ordered by name, values in the journal's
canonical JSON encoding; local-only tables (journal, sync state, drafts, search) are left out.
"""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from pole_desktop.domain import synced_tables
from pole_desktop.storage.journal import encode_value


def content_digest(session: Session) -> str:
    h = hashlib.sha256()
    for name, model in synced_tables().items():
        table = model.__table__
        cols = sorted(c.name for c in table.columns)
        types = {c.name: c.type for c in table.columns}
        h.update(f"\x1e{name}\x1f{','.join(cols)}".encode())
        result = session.execute(text(f"SELECT {', '.join(cols)} FROM {name} ORDER BY id"))
        for row in result:
            parts = [encode_value(_python(types[c], v)) for c, v in zip(cols, row, strict=True)]
            h.update(("\x1d" + "\x1f".join(parts)).encode())
    return h.hexdigest()


def _python(ctype: Any, value: Any) -> Any:
    # Raw SQLite values: booleans come back as 0/1, dates as ISO text — normalise to the ORM's view.
    from sqlalchemy import Boolean, Float

    if value is None:
        return None
    if isinstance(ctype, Boolean):
        return bool(value)
    if isinstance(ctype, Float):
        return float(value)
    if isinstance(value, str) and len(value) >= 19 and value[10:11] == " ":
        return value.replace(" ", "T", 1)[:19]  # DateTime stored as "YYYY-MM-DD HH:MM:SS.ffffff"
    return value
