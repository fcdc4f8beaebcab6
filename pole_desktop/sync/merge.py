"""Applying one validated change file of another laptop, inside the caller's transaction.

Per field, the winner is ``max((hlc, device_id))`` — the same on every laptop, whatever the
order files arrive in, so data converges. For every incoming entry:

- already known (same hlc and device for that field, or a local seq we already applied from
  that device): nothing;
- tombstone (``__deleted__``): the row is deleted and stays deleted (delete wins over any
  concurrent field edit; the edits are still recorded in ``row_version`` and the journal). A
  tombstone's base is the newest version its deleter held of the row: a field value stamped after
  it was not seen by the deleter, so it is a loser like any other and goes to the inbox (winner
  ``DELETED_MARK``: « la fiche a été supprimée sur un autre poste »);
- it wins: its value is written; it loses: the current value stays.
- A *real conflict* — the two values differ and neither side saw the other one — puts the
  losing value in the conflict inbox (``conflict``), on whichever laptop sees both. "Saw" is
  decided by following base HLCs back through the journal: a change that replaced our value
  knowingly has our HLC somewhere in its chain of bases. When a link of the chain is not known
  yet the change is treated as concurrent (a spurious inbox entry is better than a lost note).

A change for a row this laptop does not hold yet is recorded (``row_version`` + journal) and the
row is written as soon as every NOT NULL column has a known value — so it does not matter
whether a field edit arrives before the row's creation. Rows are written with foreign-key checks
off (the caller's connection), since a row may arrive before the row it references.

No foreign key dangles: a row created while another laptop deleted (purged) the dossier,
rendez-vous, atelier or import batch it belongs to has its free text and dates put in the inbox and
is deleted by a journaled local change, on every laptop that meets it (see ``_drop_orphans``).
Links to people, structures and advisors are not handled here (people merges re-point them).

Every value is written in the ORM's text (the dialect's bind processors): "…10:00:00.000000" for a
datetime on the writer and on every receiver, so SQL comparisons agree on every laptop.

Unique keys (a person added twice to the same dossier on two laptops, a duplicated dossier
reference): the row with the larger id loses everywhere — a duplicate link is deleted, a
duplicated reference gets a suffix — through ordinary journaled local changes, identical on every
laptop, so they converge too.

Writes are batched (``executemany`` through the DB-API with SQLAlchemy's bind processors).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Float, Integer, String, UniqueConstraint
from sqlalchemy.orm import Session

from pole_desktop import clock
from pole_desktop.domain import synced_tables
from pole_desktop.storage import search
from pole_desktop.storage.hlc import Timestamp, now_ms
from pole_desktop.storage.journal import (
    HLC_KEY,
    TOMBSTONE,
    JournalContext,
    _persist_clock,
    compact_versions,
    decode_value,
    record_changes,
    version_of,
)
from pole_desktop.sync.share_layout import ChangeFile

# winner_value of an inbox entry whose value lost to the deletion of its record (a JSON object:
# never a column value)
DELETED_MARK = '{"__deleted__":true}'
OWNERS = ("dossier", "rendez_vous", "atelier", "import_lot")  # their deletion takes their rows along
FUTURE_MS = 24 * 3600 * 1000  # a change dated more than a day ahead of our clock is flagged
CHUNK = 500


def rseq_key(device_id: str) -> str:
    """local_state key: highest local seq of ``device_id`` already applied (de-duplication)."""
    return f"sync_rseq:{device_id}"


@dataclass
class ApplyResult:
    received: int = 0  # entries new to this laptop
    conflicts: int = 0
    touched: list[tuple[str, str]] = field(default_factory=list)
    max_hlc: str | None = None
    future_hlc: str | None = None  # the furthest change dated > 1 day ahead, if any


@dataclass
class _Row:
    tbl: str
    rid: str
    versions: dict[str, list[str]]
    deleted: bool
    known: bool  # had a row_version before this file
    changed: dict[str, str | None] = field(default_factory=dict)  # col -> winning raw value from this file
    decoded: dict[str, Any] = field(default_factory=dict)  # col -> its Python value (when known)
    touched: bool = False


class _Tables:
    """Per-table facts, computed once."""

    def __init__(self) -> None:
        self.tables = {name: model.__table__ for name, model in synced_tables().items()}
        self.columns = {n: {c.name: c for c in t.columns} for n, t in self.tables.items()}
        self.data_cols = {n: [c.name for c in t.columns if c.name != "id"] for n, t in self.tables.items()}
        self.required = {
            n: [c.name for c in t.columns if c.name != "id" and not c.nullable] for n, t in self.tables.items()
        }
        self.uniques: dict[str, list[tuple[str, ...]]] = {}
        for n, t in self.tables.items():
            keys = [tuple(c.name for c in con.columns) for con in t.constraints if isinstance(con, UniqueConstraint)]
            keys += [(c.name,) for c in t.columns if c.unique]
            if keys:
                self.uniques[n] = keys
        self._procs: dict[tuple[str, str], Any] = {}
        # child table -> [(fk column, owner table)]: a row that belongs to a dossier, rendez-vous,
        # atelier or import batch goes with it
        self.owned: dict[str, list[tuple[str, str]]] = {}
        for n, t in self.tables.items():
            for fk in t.foreign_keys:
                if fk.column.table.name in OWNERS and fk.column.table.name in self.tables:
                    self.owned.setdefault(n, []).append((fk.parent.name, fk.column.table.name))
        self.fk_cols = {n: {fk.parent.name for fk in t.foreign_keys} for n, t in self.tables.items()}

    def proc(self, dialect: Any, tbl: str, col: str) -> Any:
        key = (tbl, col)
        if key not in self._procs:
            # The dialect's own type (SQLite's DATETIME), not the generic one: the generic DateTime has
            # no bind processor, so the driver's adapter would write "…10:00:00" where the ORM writes
            # "…10:00:00.000000" — two texts for one value, and text comparisons that disagree.
            self._procs[key] = self.columns[tbl][col].type.dialect_impl(dialect).bind_processor(dialect)
        return self._procs[key]


_TABLES: _Tables | None = None
CANONICAL_KEY = "canonical_datetimes"  # local_state: datetimes received before the fix are rewritten


def canonical_datetimes(conn: Any) -> int:
    """Once per database: rewrite the datetimes an older version received as "…10:00:00" into the
    text the ORM writes ("…10:00:00.000000"), so a text comparison in SQL (``overlapping()``) gives
    the same answer on every laptop. Returns the number of cells rewritten."""
    if conn.exec_driver_sql("SELECT 1 FROM local_state WHERE key = ?", (CANONICAL_KEY,)).first():
        return 0
    n = 0
    for name, columns in tables().columns.items():
        for col, column in columns.items():
            if isinstance(column.type, DateTime):
                n += conn.exec_driver_sql(
                    f"UPDATE {name} SET {col} = {col} || '.000000' "
                    f"WHERE length({col}) = 19 AND substr({col}, 11, 1) = ' '"
                ).rowcount
    conn.exec_driver_sql("INSERT INTO local_state (key, value) VALUES (?, '1')", (CANONICAL_KEY,))
    return n


def tables() -> _Tables:
    global _TABLES
    if _TABLES is None:
        _TABLES = _Tables()
    return _TABLES


def placeholder(column: Any) -> Any:
    """Deterministic stand-in for a redacted value in a NOT NULL column."""
    t = column.type
    if isinstance(t, Boolean):
        return False
    if isinstance(t, Integer):
        return 0
    if isinstance(t, Float):
        return 0.0
    if isinstance(t, DateTime):
        return dt.datetime(1970, 1, 1)
    if isinstance(t, Date):
        return dt.date(1970, 1, 1)
    return ""


def _chunks(items: list[Any], n: int = CHUNK) -> Iterable[list[Any]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


class Applier:
    def __init__(self, session: Session, ctx: JournalContext, device_id: str) -> None:
        self.session = session
        self.conn = session.connection()
        self.ctx = ctx
        self.device = device_id
        self.t = tables()
        self.dialect = self.conn.dialect
        # (table, row, column, hlc) -> (value, base, author, device) of the entries of the file being applied
        self.file_cells: dict[tuple[str, str, str, str], tuple[str | None, str | None, str | None, str]] = {}

    # ------------------------------------------------------------------ lookups
    def _sql(self, sql: str, params: Any = ()) -> Any:
        return self.conn.exec_driver_sql(sql, params)

    def _entry(self, tbl: str, rid: str, col: str, hlc: str, device: str | None = None) -> tuple[Any, ...] | None:
        """(value, base, author, device) of the journal entry that set ``col`` at ``hlc``."""
        hit = self.file_cells.get((tbl, rid, col, hlc))
        if hit is not None and (device is None or hit[3] == device):
            return hit
        sql = (
            "SELECT value, base_hlc, author_id, device_id FROM change_log "
            "WHERE tbl = ? AND row_id = ? AND col = ? AND hlc = ?"
        )
        params: tuple[Any, ...] = (tbl, rid, col, hlc)
        if device is not None:
            sql += " AND device_id = ?"
            params += (device,)
        row = self._sql(sql + " ORDER BY seq DESC LIMIT 1", params).first()
        return tuple(row) if row else None

    def _descends(self, tbl: str, rid: str, col: str, base: str | None, ancestor: str) -> bool:
        """Does a change whose base is ``base`` descend from the value stamped ``ancestor``?"""
        steps = 0
        while base is not None and base > ancestor and steps < 1000:
            found = self._entry(tbl, rid, col, base)
            if found is None:
                return False
            base = found[1]
            steps += 1
        return base == ancestor

    # ------------------------------------------------------------------ apply
    def apply(self, cf: ChangeFile) -> ApplyResult:
        res = ApplyResult()
        canonical_datetimes(self.conn)
        mark = int(self._sql("SELECT value FROM local_state WHERE key = ?", (rseq_key(self.device),)).scalar() or 0)
        entries = [e for e in cf.entries if e[0] > mark]
        if not entries:
            return res
        order: list[tuple[str, str]] = list(dict.fromkeys((e[1], e[2]) for e in entries))
        rows = self._load_rows(order)
        max_hlc = max(e[5] for e in entries)
        res.max_hlc = max_hlc
        self._observe(max_hlc)
        wall = int(getattr(self.ctx.clock, "_clock", now_ms)())
        future = str(Timestamp(wall + FUTURE_MS, 99999))  # fixed-width text: text order is time order
        if max_hlc > future:
            res.future_hlc = max_hlc
        log_rows: list[tuple[Any, ...]] = []
        conflicts: list[dict[str, Any]] = []
        values = cf.values if len(cf.values) == len(cf.entries) else None
        offset = len(cf.entries) - len(entries)
        for i, (lseq, tbl, rid, col, value, hlc, base, author) in enumerate(entries):
            log_rows.append((tbl, rid, col, value, hlc, self.device, base, author, lseq))
            row = rows[(tbl, rid)]
            new = [hlc, self.device]
            cur = self._version(row, col)
            if cur == new:
                continue
            res.received += 1
            row.touched = True
            if col == TOMBSTONE:
                if cur is None or new > cur:
                    row.versions[TOMBSTONE] = new
                row.deleted = True
                continue
            wins = cur is None or new > cur
            if wins:
                if cur is not None and not row.deleted and base != cur[0]:
                    c = self._conflict_if_concurrent(row, col, winner=(value, hlc, self.device, base, author),
                                                     loser_hlc=cur[0], loser_dev=cur[1], incoming_wins=True)
                    if c:
                        conflicts.append(c)
                row.versions[col] = new
                row.changed[col] = value
                if values is not None:
                    row.decoded[col] = values[offset + i]
                else:
                    row.decoded.pop(col, None)
            elif not row.deleted:
                c = self._conflict_if_concurrent(row, col, winner=None, loser=(value, hlc, self.device, base, author),
                                                 loser_hlc=hlc, loser_dev=self.device, incoming_wins=False)
                if c:
                    conflicts.append(c)
            self.file_cells[(tbl, rid, col, hlc)] = (value, base, author, self.device)

        # Journal + versions first (the unique-key fix-ups below read them back).
        self._sql(
            "INSERT INTO change_log (tbl, row_id, col, value, hlc, device_id, base_hlc, author_id, remote_seq) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            log_rows,
        )
        touched = [r for r in rows.values() if r.touched]
        for r in touched:
            r.deleted = self._is_deleted(r)
            if r.deleted:
                conflicts += self._lost_to_deletion(r)
        if touched:
            self._sql(
                "INSERT INTO row_version (tbl, row_id, versions, deleted) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (tbl, row_id) DO UPDATE SET versions = excluded.versions, deleted = excluded.deleted",
                [
                    (r.tbl, r.rid, json.dumps(compact_versions(r.versions, self.t.data_cols[r.tbl]), sort_keys=True),
                     1 if r.deleted else 0)
                    for r in touched
                ],
            )
        self._write_data(touched)
        orphan_conflicts, dropped = self._drop_orphans(touched)
        conflicts += orphan_conflicts
        self._close_settled(touched)
        if conflicts:
            self._insert_conflicts(conflicts)
            res.conflicts = len(conflicts)
        self._sql(
            "INSERT INTO local_state (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (rseq_key(self.device), str(max(mark, entries[-1][0]))),
        )
        _persist_clock(self.conn, self.ctx)
        res.touched = [(r.tbl, r.rid) for r in touched]
        res.touched += [k for k in dropped if k not in set(res.touched)]
        return res

    @staticmethod
    def _version(row: _Row, col: str) -> list[str] | None:
        """Current (hlc, device) of a field; the tombstone is never implied by "*"."""
        if col == TOMBSTONE:
            return row.versions.get(TOMBSTONE)
        v = version_of(row.versions, col)
        return [v[0], v[1]] if v else None

    def _is_deleted(self, r: _Row) -> bool:
        """Deleted unless every column was written again after the tombstone (a re-created row,
        e.g. an undone merge); a concurrent edit of some fields never brings a row back."""
        tomb = r.versions.get(TOMBSTONE)
        if tomb is None:
            return False
        return not all((v := self._version(r, c)) is not None and v > tomb for c in self.t.data_cols[r.tbl])

    def _observe(self, hlc: str) -> None:
        persisted = self._sql("SELECT value FROM local_state WHERE key = ?", (HLC_KEY,)).scalar()
        with self.ctx.lock:
            if persisted:
                self.ctx.clock.catch_up(persisted)
            self.ctx.clock.observe(hlc)

    def _load_rows(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], _Row]:
        out: dict[tuple[str, str], _Row] = {}
        by_table: dict[str, list[str]] = {}
        for tbl, rid in keys:
            by_table.setdefault(tbl, []).append(rid)
        for tbl, ids in by_table.items():
            for chunk in _chunks(ids):
                marks = ",".join("?" * len(chunk))
                for rid, versions, deleted in self._sql(
                    f"SELECT row_id, versions, deleted FROM row_version WHERE tbl = ? AND row_id IN ({marks})",
                    (tbl, *chunk),
                ):
                    out[(tbl, rid)] = _Row(tbl, rid, json.loads(versions), bool(deleted), True)
        for key in keys:
            if key not in out:
                out[key] = _Row(key[0], key[1], {}, False, False)
        return out

    def _conflict_if_concurrent(
        self,
        row: _Row,
        col: str,
        *,
        loser_hlc: str,
        loser_dev: str,
        incoming_wins: bool,
        winner: tuple[Any, ...] | None = None,
        loser: tuple[Any, ...] | None = None,
    ) -> dict[str, Any] | None:
        if incoming_wins:
            assert winner is not None
            w_value, w_hlc, w_dev, w_base, w_author = winner
            if self._descends(row.tbl, row.rid, col, w_base, loser_hlc):
                return None
            found = self._entry(row.tbl, row.rid, col, loser_hlc, loser_dev)
            if found is None:
                return None
            l_value, _l_base, l_author, _ = found
        else:
            assert loser is not None
            l_value, l_hlc, _l_dev, _l_base, l_author = loser
            w_hlc, w_dev = self._version(row, col)
            found = self._entry(row.tbl, row.rid, col, w_hlc, w_dev)
            if found is None:
                return None
            w_value, w_base, w_author, _ = found
            if self._descends(row.tbl, row.rid, col, w_base, l_hlc):
                return None
        if w_value is None or l_value is None or w_value == l_value:
            return None
        return {
            "tbl": row.tbl, "row_id": row.rid, "col": col,
            "winner_value": w_value, "winner_hlc": w_hlc, "winner_device": w_dev, "winner_author": w_author,
            "loser_value": l_value, "loser_hlc": loser_hlc, "loser_device": loser_dev, "loser_author": l_author,
        }

    def _lost_to_deletion(self, row: _Row) -> list[dict[str, Any]]:
        """Field values of a deleted row that its deleter had not seen (stamped after the newest
        version the deleter held, the tombstone's base): each is a loser, kept in the inbox."""
        tomb = row.versions.get(TOMBSTONE)
        if tomb is None:
            return []
        found = self._entry(row.tbl, row.rid, TOMBSTONE, tomb[0], tomb[1])
        seen = (found[1] if found else None) or ""
        out = []
        for col in self.t.data_cols[row.tbl]:
            v = self._version(row, col)
            if v is None or v[0] <= seen or v[1] == tomb[1]:
                continue
            loser = self._entry(row.tbl, row.rid, col, v[0], v[1])
            if loser is None or loser[0] is None or loser[0] == "null":
                continue
            out.append({
                "tbl": row.tbl, "row_id": row.rid, "col": col,
                "winner_value": DELETED_MARK, "winner_hlc": tomb[0], "winner_device": tomb[1],
                "winner_author": found[2] if found else None,
                "loser_value": loser[0], "loser_hlc": v[0], "loser_device": v[1], "loser_author": loser[2],
            })
        return out

    def _drop_orphans(self, touched: list[_Row]) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
        """No foreign key dangles: a row created on one laptop while another deleted (purged) the
        dossier, rendez-vous or atelier it belongs to is moved to the inbox — each of its values is
        kept there as a loser to the deletion — and deleted by an ordinary journaled change, the same
        on every laptop that meets it (tombstones converge). Its own rows follow, level by level."""
        gone: dict[str, set[str]] = {}
        for r in touched:
            if r.deleted:
                gone.setdefault(r.tbl, set()).add(r.rid)
        fresh: dict[str, set[str]] = {}
        for r in touched:
            if not r.deleted and r.tbl in self.t.owned:
                fresh.setdefault(r.tbl, set()).add(r.rid)
        conflicts: list[dict[str, Any]] = []
        dropped: list[tuple[str, str]] = []
        for _level in range(6):
            orphans: dict[tuple[str, str], tuple[str, str]] = {}  # (tbl, id) -> (owner table, owner id)
            for tbl, links in self.t.owned.items():
                for col, owner in links:
                    found: list[Any] = []
                    for chunk in _chunks(sorted(gone.get(owner, ()))):
                        found += self._sql(
                            f"SELECT id, {col} FROM {tbl} WHERE {col} IN ({','.join('?' * len(chunk))})", tuple(chunk)
                        ).all()
                    for chunk in _chunks(sorted(fresh.get(tbl, ()))):
                        found += self._sql(
                            f"SELECT c.id, c.{col} FROM {tbl} c JOIN row_version rv ON rv.tbl = ? "
                            f"AND rv.row_id = c.{col} AND rv.deleted = 1 "
                            f"WHERE c.id IN ({','.join('?' * len(chunk))}) "
                            f"AND NOT EXISTS (SELECT 1 FROM {owner} p WHERE p.id = c.{col})",
                            (owner, *chunk),
                        ).all()
                    for rid, parent in found:
                        orphans.setdefault((tbl, rid), (owner, parent))
            if not orphans:
                break
            keys = sorted(orphans)
            rows = self._load_rows(keys)
            owners = self._load_rows(sorted(set(orphans.values())))
            for key in keys:
                conflicts += self._moved_to_inbox(rows[key], owners[orphans[key]])
            record_changes(self.conn, self.ctx, [(tbl, rid, {}, True) for tbl, rid in keys])
            for tbl, rid in keys:
                self._sql(f"DELETE FROM {tbl} WHERE id = ?", (rid,))
            dropped += keys
            gone, fresh = {}, {}
            for tbl, rid in keys:
                gone.setdefault(tbl, set()).add(rid)
        if dropped:
            for kind in search.KINDS:
                ids = {rid for tbl, rid in dropped if tbl == kind}
                if ids:
                    search.reindex(self.conn, kind, ids)
        return conflicts, dropped

    def _moved_to_inbox(self, row: _Row, owner: _Row) -> list[dict[str, Any]]:
        """Inbox entries for the values of ``row``, whose owner was deleted (its tombstone wins)."""
        tomb = owner.versions.get(TOMBSTONE)
        if tomb is None:
            return []
        found = self._entry(owner.tbl, owner.rid, TOMBSTONE, tomb[0], tomb[1])
        out = []
        for col in self.t.data_cols[row.tbl]:
            v = self._version(row, col)
            if v is None or not self._worth_keeping(row.tbl, col):
                continue
            entry = self._entry(row.tbl, row.rid, col, v[0], v[1])
            if entry is None or entry[0] in (None, "null", '""'):
                continue
            out.append({
                "tbl": row.tbl, "row_id": row.rid, "col": col,
                "winner_value": DELETED_MARK, "winner_hlc": tomb[0], "winner_device": tomb[1],
                "winner_author": found[2] if found else None,
                "loser_value": entry[0], "loser_hlc": v[0], "loser_device": v[1], "loser_author": entry[2],
            })
        return out

    def _worth_keeping(self, tbl: str, col: str) -> bool:
        """What the advisor wrote or would look for: free text and dates (not codes, ids, flags)."""
        if col in self.t.fk_cols[tbl]:
            return False
        ctype = self.t.columns[tbl][col].type
        if isinstance(ctype, Date | DateTime):
            return True
        if isinstance(ctype, String):
            return ctype.length is None or ctype.length >= 100
        return False

    def _close_settled(self, touched: list[_Row]) -> None:
        """An open inbox entry whose losing value was just chosen on another laptop is settled."""
        open_ = self._sql(
            "SELECT id, tbl, row_id, col, loser_value FROM conflict WHERE resolved_at IS NULL"
        ).all()
        if not open_:
            return
        changed = {(r.tbl, r.rid): r.changed for r in touched if r.changed and not r.deleted}
        now = clock.local_now().isoformat(" ")
        for cid, tbl, rid, col, loser in open_:
            values = changed.get((tbl, rid))
            if values and col in values and loser is not None and values[col] == loser:
                self._sql(
                    "UPDATE conflict SET resolved_at = ?, resolution = 'kept_loser' WHERE id = ?", (now, cid)
                )

    def _insert_conflicts(self, conflicts: list[dict[str, Any]]) -> None:
        now = clock.local_now().isoformat(" ")
        for c in conflicts:
            exists = self._sql(
                "SELECT 1 FROM conflict WHERE tbl = ? AND row_id = ? AND col = ? AND loser_hlc = ? "
                "AND loser_device = ? AND winner_hlc = ? AND winner_device = ?",
                (c["tbl"], c["row_id"], c["col"], c["loser_hlc"], c["loser_device"], c["winner_hlc"],
                 c["winner_device"]),
            ).first()
            if exists:
                continue
            self._sql(
                "INSERT INTO conflict (tbl, row_id, col, winner_value, winner_hlc, winner_device, winner_author, "
                "loser_value, loser_hlc, loser_device, loser_author, detected_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (c["tbl"], c["row_id"], c["col"], c["winner_value"], c["winner_hlc"], c["winner_device"],
                 c["winner_author"], c["loser_value"], c["loser_hlc"], c["loser_device"], c["loser_author"], now),
            )

    # ------------------------------------------------------------------ data
    def _python(self, tbl: str, col: str, raw: str | None, decoded: dict[str, Any] | None = None) -> Any:
        column = self.t.columns[tbl][col]
        if raw is None:  # redacted
            return None if column.nullable else placeholder(column)
        value = decoded[col] if decoded is not None and col in decoded else decode_value(column, raw)
        if value is None and not column.nullable:
            return placeholder(column)
        return value

    def _bind(self, tbl: str, col: str, value: Any) -> Any:
        p = self.t.proc(self.dialect, tbl, col)
        return p(value) if p is not None else value

    def _existing(self, tbl: str, ids: list[str]) -> set[str]:
        out: set[str] = set()
        for chunk in _chunks(ids):
            out |= {
                r[0]
                for r in self._sql(f"SELECT id FROM {tbl} WHERE id IN ({','.join('?' * len(chunk))})", tuple(chunk))
            }
        return out

    def _stored_values(self, row: _Row, cols: list[str]) -> dict[str, str | None] | None:
        """Raw winning values of ``cols`` from the journal (None if one is missing)."""
        out: dict[str, str | None] = {}
        for col in cols:
            hlc, dev = self._version(row, col)  # type: ignore[misc]
            found = self._entry(row.tbl, row.rid, col, hlc, dev)
            if found is None:
                return None
            out[col] = found[0]
        return out

    def _write_data(self, touched: list[_Row]) -> None:
        by_table: dict[str, list[_Row]] = {}
        for r in touched:
            by_table.setdefault(r.tbl, []).append(r)
        reindex: dict[str, set[str]] = {k: set() for k in search.KINDS}
        people: set[str] = set()
        structures: set[str] = set()
        fixups: list[tuple[str, str, dict[str, Any], bool]] = []
        for tbl, trows in by_table.items():
            existing = self._existing(tbl, [r.rid for r in trows])
            if tbl == "dossier_beneficiaire":
                reindex["dossier"] |= self._dossiers_of_links([r.rid for r in trows if r.rid in existing])
            deletes = [r.rid for r in trows if r.deleted and r.rid in existing]
            for chunk in _chunks(deletes):
                self._sql(f"DELETE FROM {tbl} WHERE id IN ({','.join('?' * len(chunk))})", tuple(chunk))
            inserts: list[dict[str, Any]] = []
            updates: list[tuple[str, dict[str, Any]]] = []
            for r in trows:
                if r.deleted:
                    continue
                if r.rid in existing:
                    if r.changed:
                        updates.append((r.rid, {c: self._python(tbl, c, v, r.decoded) for c, v in r.changed.items()}))
                    continue
                values = self._materialize(r)
                if values is not None:
                    inserts.append(values)
            if tbl in self.t.uniques:
                inserts, updates = self._unique_fixups(tbl, inserts, updates, fixups)
            self._insert(tbl, inserts)
            self._update(tbl, updates)
            ids = {r.rid for r in trows}
            if tbl in reindex:
                reindex[tbl] |= ids
            if tbl == "personne":
                people |= ids
            elif tbl == "structure":
                structures |= ids
            elif tbl == "dossier_beneficiaire":
                reindex["dossier"] |= self._dossiers_of_links(list(ids))
        if fixups:
            record_changes(self.conn, self.ctx, fixups)
            for tbl, rid, _values, deleted in fixups:
                if deleted:
                    self._sql(f"DELETE FROM {tbl} WHERE id = ?", (rid,))
        reindex["dossier"] |= search.dossiers_of(self.conn, people, structures)
        for kind, ids in reindex.items():
            search.reindex(self.conn, kind, ids)

    def _dossiers_of_links(self, ids: list[str]) -> set[str]:
        out: set[str] = set()
        for chunk in _chunks(ids):
            out |= {
                r[0]
                for r in self._sql(
                    f"SELECT dossier_id FROM dossier_beneficiaire WHERE id IN ({','.join('?' * len(chunk))})",
                    tuple(chunk),
                )
            }
        return out

    def _materialize(self, r: _Row) -> dict[str, Any] | None:
        """Full column values of a row we do not hold yet, or None while a required one is unknown."""
        tbl = r.tbl
        known_cols = [c for c in self.t.data_cols[tbl] if self._version(r, c) is not None]
        if any(self._version(r, c) is None for c in self.t.required[tbl]):
            return None
        raw = dict(r.changed)
        missing = [c for c in known_cols if c not in raw]
        if missing:
            stored = self._stored_values(r, missing)
            if stored is None:
                return None
            raw.update(stored)
        values: dict[str, Any] = {"id": r.rid}
        for col in self.t.columns[tbl]:
            if col == "id":
                continue
            values[col] = self._python(tbl, col, raw[col], r.decoded) if col in raw else None
        return values

    def _insert(self, tbl: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        cols = list(self.t.columns[tbl])
        self._sql(
            f"INSERT INTO {tbl} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            [tuple(self._bind(tbl, c, r[c]) for c in cols) for r in rows],
        )

    def _update(self, tbl: str, updates: list[tuple[str, dict[str, Any]]]) -> None:
        groups: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
        for rid, values in updates:
            cols = tuple(sorted(values))
            groups.setdefault(cols, []).append(tuple(self._bind(tbl, c, values[c]) for c in cols) + (rid,))
        for cols, params in groups.items():
            self._sql(f"UPDATE {tbl} SET {', '.join(f'{c} = ?' for c in cols)} WHERE id = ?", params)

    # ------------------------------------------------------------------ unique keys
    def _unique_fixups(
        self,
        tbl: str,
        inserts: list[dict[str, Any]],
        updates: list[tuple[str, dict[str, Any]]],
        fixups: list[tuple[str, str, dict[str, Any], bool]],
    ) -> tuple[list[dict[str, Any]], list[tuple[str, dict[str, Any]]]]:
        """Resolve unique-key collisions deterministically: the larger id loses."""
        keys = self.t.uniques[tbl]
        update_ids = [rid for rid, _ in updates]
        current: dict[str, dict[str, Any]] = {}
        if update_ids:
            cols = sorted({c for k in keys for c in k})
            for chunk in _chunks(update_ids):
                for row in self._sql(
                    f"SELECT id, {', '.join(cols)} FROM {tbl} WHERE id IN ({','.join('?' * len(chunk))})",
                    tuple(chunk),
                ):
                    current[row[0]] = dict(zip(cols, row[1:], strict=True))
        candidates: list[tuple[str, dict[str, Any], bool]] = [(r["id"], r, True) for r in inserts]
        for rid, values in updates:
            if any(c in values for k in keys for c in k):
                merged = {**current.get(rid, {}), **values}
                candidates.append((rid, merged, False))
        dropped: set[str] = set()
        renamed: dict[str, dict[str, Any]] = {}
        seen: dict[tuple[Any, ...], str] = {}
        for rid, values, _is_insert in candidates:
            for key in keys:
                kv = tuple(self._bind(tbl, c, values.get(c)) for c in key)
                if any(v is None for v in kv):
                    continue
                other = seen.get((key, kv))
                if other is None:
                    where = " AND ".join(f"{c} = ?" for c in key)
                    hit = self._sql(f"SELECT id FROM {tbl} WHERE {where} AND id != ?", (*kv, rid)).first()
                    other = hit[0] if hit and hit[0] not in dropped else None
                if other is None or other == rid:
                    seen[(key, kv)] = rid
                    continue
                loser, keeper = (rid, other) if rid > other else (other, rid)
                seen[(key, kv)] = keeper
                if len(key) == 1:
                    col = key[0]
                    new_value = f"{values.get(col) if loser == rid else self._value_of(tbl, loser, col)}~{loser[:4]}"
                    renamed.setdefault(loser, {})[col] = new_value
                    fixups.append((tbl, loser, {col: new_value}, False))
                    if loser != rid:
                        self._sql(f"UPDATE {tbl} SET {col} = ? WHERE id = ?", (new_value, loser))
                else:
                    dropped.add(loser)
                    fixups.append((tbl, loser, {}, True))
        insert_ids = {r["id"] for r in inserts}
        for loser in sorted(dropped - insert_ids):  # an existing duplicate: out before the keeper comes in
            self._sql(f"DELETE FROM {tbl} WHERE id = ?", (loser,))
        out_inserts = []
        for r in inserts:
            if r["id"] in dropped:
                continue
            out_inserts.append({**r, **renamed.get(r["id"], {})})
        out_updates = []
        for rid, values in updates:
            if rid in dropped:
                continue
            out_updates.append((rid, {**values, **renamed.get(rid, {})}))
        return out_inserts, out_updates

    def _value_of(self, tbl: str, rid: str, col: str) -> Any:
        return self._sql(f"SELECT {col} FROM {tbl} WHERE id = ?", (rid,)).scalar()
