"""A laptop takes a new sync identity after a restore.

A restored database is older than what this laptop already published on the share. Keeping
the same device id would be wrong twice: the changes published after the backup sit in this
laptop's own folder, which a pull never reads (they would be lost locally), and the file and
journal numbering of the restored state no longer matches the published files.

So after a restore the laptop becomes a new device: its old folder on the share is now read
like any other laptop's (the changes published after the backup come back), and journal
entries it wrote but never published are re-labelled with the new id so they are published
under it. Published entries keep the old id, as every other laptop knows them.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import text

from pole_desktop.services.info import PUSHED_KEY
from pole_desktop.storage.database import DEVICE_ID_KEY, DEVICE_PREFIX_KEY, device_prefix_for

# Per-device bookkeeping of the sync engine that belongs to the old identity's files.
OLD_IDENTITY_KEYS = ("sync_file_seq", "sync_published", "sync_signing_key")


def renew_device_identity(conn: Any) -> str:
    """Give the database behind ``conn`` (inside a transaction) a new device id; returns it."""
    old = conn.execute(text("SELECT value FROM local_state WHERE key = :k"), {"k": DEVICE_ID_KEY}).scalar()
    new = str(uuid.uuid4())
    pushed = int(conn.execute(text("SELECT value FROM local_state WHERE key = :k"), {"k": PUSHED_KEY}).scalar() or 0)
    unpublished = conn.execute(
        text(
            "SELECT tbl, row_id, hlc FROM change_log "
            "WHERE device_id = :old AND remote_seq IS NULL AND seq > :pushed"
        ),
        {"old": old, "pushed": pushed},
    ).all()
    conn.execute(
        text("UPDATE change_log SET device_id = :new WHERE device_id = :old AND remote_seq IS NULL AND seq > :pushed"),
        {"new": new, "old": old, "pushed": pushed},
    )
    hlcs_by_row: dict[tuple[str, str], set[str]] = {}
    for tbl, row_id, hlc in unpublished:
        hlcs_by_row.setdefault((tbl, row_id), set()).add(hlc)
    for (tbl, row_id), hlcs in hlcs_by_row.items():
        raw = conn.execute(
            text("SELECT versions FROM row_version WHERE tbl = :t AND row_id = :r"), {"t": tbl, "r": row_id}
        ).scalar()
        if raw is None:
            continue
        versions = json.loads(raw)
        for col, (hlc, device) in list(versions.items()):
            if device == old and hlc in hlcs:
                versions[col] = [hlc, new]
        conn.execute(
            text("UPDATE row_version SET versions = :v WHERE tbl = :t AND row_id = :r"),
            {"v": json.dumps(versions, sort_keys=True), "t": tbl, "r": row_id},
        )
    for key, value in ((DEVICE_ID_KEY, new), (DEVICE_PREFIX_KEY, device_prefix_for(new))):
        conn.execute(text("DELETE FROM local_state WHERE key = :k"), {"k": key})
        conn.execute(text("INSERT INTO local_state (key, value) VALUES (:k, :v)"), {"k": key, "v": value})
    _pin_old_signing_key(conn, old)
    _retire_old_signing_key(conn, old)
    for key in OLD_IDENTITY_KEYS:
        conn.execute(text("DELETE FROM local_state WHERE key = :k"), {"k": key})
    return new


RETIRED_KEY = "sync_retired_identities"  # {old device id: its Ed25519 private key (hex)}


def _retire_old_signing_key(conn: Any, old: str | None) -> None:
    """Keep the old identity's signing key (in the encrypted database) for one purpose only: an
    erasure must still redact the change files that identity published (``redact.redact_published``);
    nothing new is ever published under it."""
    from pole_desktop.sync.sealing import SIGNING_KEY

    private = conn.execute(text("SELECT value FROM local_state WHERE key = :k"), {"k": SIGNING_KEY}).scalar()
    if not old or not private:
        return
    raw = conn.execute(text("SELECT value FROM local_state WHERE key = :k"), {"k": RETIRED_KEY}).scalar()
    retired = json.loads(raw) if raw else {}
    retired[old] = private
    conn.execute(text("DELETE FROM local_state WHERE key = :k"), {"k": RETIRED_KEY})
    conn.execute(text("INSERT INTO local_state (key, value) VALUES (:k, :v)"),
                 {"k": RETIRED_KEY, "v": json.dumps(retired, sort_keys=True, separators=(",", ":"))})


def _pin_old_signing_key(conn: Any, old: str | None) -> None:
    """The old identity's folder is now read like another laptop's: trust its files as signed by the
    key this laptop used (before that key is dropped with the old identity)."""
    from pole_desktop.sync.sealing import PINS_KEY, SIGNING_KEY, public_of_private_hex

    private = conn.execute(text("SELECT value FROM local_state WHERE key = :k"), {"k": SIGNING_KEY}).scalar()
    if not old or not private:
        return
    raw = conn.execute(text("SELECT value FROM local_state WHERE key = :k"), {"k": PINS_KEY}).scalar()
    pins = json.loads(raw) if raw else {}
    pins[old] = public_of_private_hex(private)
    conn.execute(text("DELETE FROM local_state WHERE key = :k"), {"k": PINS_KEY})
    conn.execute(text("INSERT INTO local_state (key, value) VALUES (:k, :v)"),
                 {"k": PINS_KEY, "v": json.dumps(pins, sort_keys=True, separators=(",", ":"))})
