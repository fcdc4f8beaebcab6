"""GDPR erasure support: erased values must not stay readable in the journal or on the share.

- :func:`redact_local` nulls the values of the given cells in this laptop's ``change_log`` (and in
  the conflict inbox).
- :func:`redact_published` rewrites THIS laptop's own change files on the share that hold those
  cells: same file numbers, values replaced by JSON ``null``, new checksums, atomic replace. A
  laptop that already applied a file never reads it again (it goes by file numbers), and a new
  laptop reads the redacted version: a ``null`` value is "redacted" — NULL, or a neutral value in a
  NOT NULL column — and the later anonymised value wins over it anyway.

Both keep the entry that holds the cell's *current* value (the winner in ``row_version``): call
them AFTER the person has been anonymised, so that current value is the anonymised one.
Cells are (table, row id, column).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from pole_desktop import clock
from pole_desktop.domain.local import Conflict, RowVersion
from pole_desktop.storage.database import Database
from pole_desktop.sync import share_layout as L
from pole_desktop.sync.transport import Transport, TransportError

if TYPE_CHECKING:
    from sqlalchemy.engine import CursorResult

Cell = tuple[str, str, str]


def _winners(session: Session, cells: Iterable[Cell]) -> dict[Cell, tuple[str, str] | None]:
    out: dict[Cell, tuple[str, str] | None] = {}
    cache: dict[tuple[str, str], dict[str, list[str]]] = {}
    for tbl, rid, col in cells:
        if (tbl, rid) not in cache:
            raw = session.scalar(select(RowVersion.versions).where(RowVersion.tbl == tbl, RowVersion.row_id == rid))
            cache[(tbl, rid)] = json.loads(raw) if raw else {}
        from pole_desktop.storage.journal import version_of

        out[(tbl, rid, col)] = version_of(cache[(tbl, rid)], col)
    return out


def redact_local(session: Session, cells: set[Cell]) -> int:
    """Null the journal values of ``cells`` (but the current one); returns the number of entries nulled."""
    winners = _winners(session, cells)
    n = 0
    for (tbl, rid, col), win in winners.items():
        params = {"t": tbl, "r": rid, "c": col, "h": win[0] if win else "", "d": win[1] if win else ""}
        res = session.execute(
            text(
                "UPDATE change_log SET value = NULL WHERE tbl = :t AND row_id = :r AND col = :c "
                "AND value IS NOT NULL AND NOT (hlc = :h AND device_id = :d)"
            ),
            params,
        )
        n += cast("CursorResult[Any]", res).rowcount or 0  # an UPDATE's result is a cursor result
        for c in session.scalars(
            select(Conflict).where(Conflict.tbl == tbl, Conflict.row_id == rid, Conflict.col == col)
        ):
            c.winner_value = None
            c.loser_value = None
            if c.resolved_at is None:

                c.resolved_at = clock.local_now()
                c.resolution = "erased"
    session.flush()
    return n


def redact_published(db: Database, transport: Transport, cells: set[Cell]) -> int:
    """Rewrite this laptop's published change files holding ``cells``; returns the number rewritten."""
    if not cells:
        return 0
    from pole_desktop.sync import sealing

    me = db.device_id
    with db.read() as s:
        winners = _winners(s, cells)
    if not transport.exists(L.SHARE_MANIFEST):
        return 0
    manifest = L.read_json(transport.read(L.SHARE_MANIFEST, L.MAX_MANIFEST_BYTES)) or {}
    try:
        keys = sealing.share_keys(db, manifest)
    except sealing.NeedTeamPhrase as e:
        raise TransportError(str(e)) from None
    wanted = set(cells)
    rewritten = _redact_folder(db, transport, manifest, keys, me, wanted, winners)
    # The identities this laptop had before a restore (sync/identity.py): their files hold the
    # erased values too, and no one else can rewrite them (they are signed with that identity's key).
    from dataclasses import replace

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from pole_desktop.sync.identity import RETIRED_KEY

    for old, private_hex in sorted(json.loads(db.state(RETIRED_KEY) or "{}").items()):
        try:
            signer = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(private_hex))
        except ValueError:
            continue
        old_keys = replace(keys, signer=signer, me=old, pub=sealing.public_hex(signer), _file_aead={})
        rewritten += _redact_folder(db, transport, manifest, old_keys, old, wanted, winners)
    return rewritten


def _redact_folder(db: Database, transport: Transport, manifest: dict, keys: Any, me: str, wanted: set[Cell],
                   winners: dict[Cell, tuple[str, str] | None]) -> int:
    """Rewrite the files of device folder ``me`` that ``keys`` signed and that hold ``wanted`` cells."""
    from pole_desktop.sync import sealing

    rewritten = 0
    for name in transport.list(L.device_folder(me)):
        m = L.FILE_RE.match(name)
        if not m:
            continue
        seq = int(m.group(1))
        path = L.file_path(me, seq)
        data = transport.read(path, L.MAX_FILE_BYTES)
        try:
            head, plain = keys.open(data, kind="chg", device=me, seq=seq)
            ours = head.get("pub") == keys.pub or (
                head.get("legacy") and head.get("signer") == manifest.get("upgraded_by")
                and sealing.pins(db).get(str(head.get("signer"))) == head.get("pub"))
            if not ours:  # never re-sign (and so validate) a file someone else put in our folder
                continue
            cf = L.decode_change_file(plain, device_id=me, seq=seq)
        except (L.BadFile, sealing.SealError):
            continue  # not ours to fix here (a damaged file is republished by its owner)
        changed = False
        entries = []
        for lseq, tbl, rid, col, value, hlc, base, author in cf.entries:
            cell = (tbl, rid, col)
            if value is not None and cell in wanted and winners.get(cell) != (hlc, me):
                value = None
                changed = True
            entries.append([lseq, tbl, rid, col, value, hlc, base, author])
        if not changed:
            continue
        header = {k: v for k, v in cf.header.items() if k not in ("format", "count", "body_sha256", "body_size")}
        header["redacted"] = True
        transport.write_atomic(path, keys.seal("chg", L.encode_change_file(header, entries), device=me, seq=seq))
        rewritten += 1
    return rewritten
