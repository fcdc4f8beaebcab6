"""The change journal: every write to a synced table, one entry per changed field.

Hooked into the unit of work (SQLAlchemy ``after_flush``), so every service, screen
or script that writes through a :class:`JournaledSession` is recorded in the same
transaction as the write itself; there is no per-service call to forget. ORM bulk
UPDATE/DELETE statements on synced tables are refused (they would skip the journal);
:func:`bulk_insert` is the one sanctioned fast path and journals what it inserts.

Each entry: table, row id, column, new value (JSON), HLC, device id, author, and the
HLC of the value it replaced (``base_hlc``, from ``row_version``). A deleted row gets
a tombstone entry (column ``__deleted__``).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Boolean, Date, DateTime, Float, Integer, delete, event, insert, select
from sqlalchemy.orm import ORMExecuteState, Session
from sqlalchemy.orm.attributes import instance_state
from sqlalchemy.sql.elements import KeyedColumnElement
from sqlalchemy.sql.schema import Column, Table

from pole_desktop.domain import Base, synced_tables
from pole_desktop.domain.local import ChangeLog, LocalState, RowVersion
from pole_desktop.storage.hlc import HybridLogicalClock

TOMBSTONE = "__deleted__"
HLC_KEY = "hlc"
# session.info key: the set of table names the session's flushes wrote (synced or local), so the
# caller can say, after commit, exactly what a transaction touched (the GUI refreshes from it).
TOUCHED_KEY = "touched_tables"


def touched_tables(session: Session) -> set[str]:
    """Tables written by ``session`` so far (filled by every flush and by :func:`bulk_insert`).

    The set object lives in ``session.info`` and keeps growing until the session closes: take it
    before commit and read it after.
    """
    return session.info.setdefault(TOUCHED_KEY, set())


class JournalBypassError(RuntimeError):
    """A write to a synced table tried to go around the journal."""


@dataclass
class JournalContext:
    """Per-database journal state shared by the sessions of one process."""

    device_id: str
    clock: HybridLogicalClock
    author_id: str | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    # Hooks other layers register (e.g. search indexing), called inside the flush.
    after_record: list[Any] = field(default_factory=list)


class JournaledSession(Session):
    """The application's Session class: carries the journal context in ``info``."""


# --------------------------------------------------------------------------- values


_encode_str = json.encoder.encode_basestring  # what json.dumps(ensure_ascii=False) uses for a str
_finite = math.isfinite


def encode_value(value: Any) -> str:
    """Canonical JSON text of a column value.

    Exactly ``json.dumps(value, ensure_ascii=False, separators=(",", ":"))`` after turning dates
    into ISO text (datetimes to the second); the common exact types take a fast path because the
    demo dataset and bootstrap tools encode millions of values.
    """
    t = type(value)
    if t is str:
        return _encode_str(value)
    if value is None:
        return "null"
    if t is bool:
        return "true" if value else "false"
    if t is int:
        return int.__repr__(value)
    if t is float and _finite(value):
        return float.__repr__(value)
    if t is dt.date:
        return '"' + value.isoformat() + '"'
    if isinstance(value, dt.datetime):
        value = value.replace(microsecond=0).isoformat()
    elif isinstance(value, dt.date):
        value = value.isoformat()
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def decode_value(column: KeyedColumnElement[Any], raw: str | None) -> Any:
    """Python value of JSON text for ``column``; raises ValueError/TypeError on a bad type."""
    if raw is None:
        return None
    value = json.loads(raw)
    if value is None:
        return None
    ctype = column.type
    if isinstance(ctype, Boolean):
        if not isinstance(value, bool):
            raise TypeError(f"{column.name}: booléen attendu")
        return value
    if isinstance(ctype, Integer):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{column.name}: entier attendu")
        return value
    if isinstance(ctype, Float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(f"{column.name}: nombre attendu")
        return float(value)
    if isinstance(ctype, DateTime):
        if not isinstance(value, str):
            raise TypeError(f"{column.name}: date et heure attendues")
        return dt.datetime.fromisoformat(value)
    if isinstance(ctype, Date):
        if not isinstance(value, str):
            raise TypeError(f"{column.name}: date attendue")
        return dt.date.fromisoformat(value)
    if not isinstance(value, str):
        raise TypeError(f"{column.name}: texte attendu")
    length = getattr(ctype, "length", None)
    if length is not None and len(value) > length * 4:
        raise ValueError(f"{column.name}: texte trop long")
    return value


def synced_columns(table: Table) -> list[Column[Any]]:
    return [c for c in table.columns if c.name != "id"]


# --------------------------------------------------------------------------- hooks


def context_of(session: Session) -> JournalContext | None:
    return session.info.get("journal")


def _persist_clock(conn: Any, ctx: JournalContext) -> None:
    conn.execute(
        delete(LocalState).where(LocalState.key == HLC_KEY)
    )
    conn.execute(insert(LocalState).values(key=HLC_KEY, value=ctx.clock.last))


def _tick(conn: Any, ctx: JournalContext) -> str:
    """Next HLC, after catching up with the value persisted by any other writer (same transaction)."""
    persisted = conn.execute(select(LocalState.value).where(LocalState.key == HLC_KEY)).scalar()
    with ctx.lock:
        if persisted:
            ctx.clock.catch_up(persisted)
        return ctx.clock.tick()


def _load_versions(conn: Any, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], dict[str, list[str]]]:
    out: dict[tuple[str, str], dict[str, list[str]]] = {}
    by_table: dict[str, list[str]] = {}
    for tbl, rid in keys:
        by_table.setdefault(tbl, []).append(rid)
    for tbl, ids in by_table.items():
        for i in range(0, len(ids), 500):
            rows = conn.execute(
                select(RowVersion.row_id, RowVersion.versions).where(
                    RowVersion.tbl == tbl, RowVersion.row_id.in_(ids[i : i + 500])
                )
            )
            for rid, versions in rows:
                out[(tbl, rid)] = json.loads(versions)
    return out


ALL_COLUMNS = "*"


def version_of(versions: dict[str, list[str]], col: str) -> tuple[str, str] | None:
    """(hlc, device) of the current value of ``col`` in a row_version map, or None."""
    v = versions.get(col) or versions.get(ALL_COLUMNS)
    return (v[0], v[1]) if v else None


def set_version(versions: dict[str, list[str]], col: str, hlc: str, device: str) -> None:
    versions[col] = [hlc, device]


def compact_versions(
    versions: dict[str, list[str]], columns: Iterable[str] | None = None
) -> dict[str, list[str]]:
    """Fold the most common version into "*" so a row's map stays small.

    Safe folding only: an existing "*" is kept (it stands for columns listed nowhere else); without
    one, folding needs every column of the row to be listed (``columns``), else a column whose
    version is unknown would seem known. The tombstone key is never folded ("*" never implies a
    deletion).
    """
    from collections import Counter

    if not versions:
        return versions
    star = versions.get(ALL_COLUMNS)
    if star is None:
        if columns is None or any(c not in versions for c in columns):
            return versions
        candidates = [tuple(v) for k, v in versions.items() if k != TOMBSTONE]
        if not candidates:
            return versions
        star = list(Counter(candidates).most_common(1)[0][0])
    out = {k: v for k, v in versions.items() if k == TOMBSTONE or (k != ALL_COLUMNS and list(v) != list(star))}
    out[ALL_COLUMNS] = list(star)
    return out


def _data_columns(tbl: str) -> list[str]:
    try:
        return [c.name for c in synced_columns(table_for(tbl))]
    except KeyError:
        return []


def record_changes(
    conn: Any,
    ctx: JournalContext,
    changes: Sequence[tuple[str, str, dict[str, Any], bool]],
) -> None:
    """Journal ``changes``: (table, row id, {column: python value}, deleted?) in one HLC tick.

    Writes change_log entries and updates row_version; the caller's transaction commits both.
    """
    if not changes:
        return
    hlc = _tick(conn, ctx)
    device = ctx.device_id
    known = _load_versions(conn, [(t, r) for t, r, _, _ in changes])
    log_rows: list[dict[str, Any]] = []
    upserts: list[dict[str, Any]] = []
    for tbl, rid, values, deleted in changes:
        versions = known.get((tbl, rid), {})
        if deleted:
            values = {TOMBSTONE: True}
        for col, value in values.items():
            base = version_of(versions, col)
            if deleted:  # what the deleter had seen of the row: later edits of others were concurrent
                seen = [v[0] for v in versions.values()]
                base = (max(seen), "") if seen else None
            log_rows.append(
                {
                    "tbl": tbl,
                    "row_id": rid,
                    "col": col,
                    "value": encode_value(value),
                    "hlc": hlc,
                    "device_id": device,
                    "base_hlc": base[0] if base else None,
                    "author_id": ctx.author_id,
                    "remote_seq": None,
                }
            )
            set_version(versions, col, hlc, device)
        upserts.append(
            {"tbl": tbl, "row_id": rid,
             "versions": json.dumps(compact_versions(versions, _data_columns(tbl)), sort_keys=True),
             "deleted": deleted}
        )
    conn.execute(insert(ChangeLog), log_rows)
    _upsert_versions(conn, upserts)
    _persist_clock(conn, ctx)


def _upsert_versions(conn: Any, rows: list[dict[str, Any]]) -> None:
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    stmt = sqlite_insert(RowVersion)
    stmt = stmt.on_conflict_do_update(
        index_elements=["tbl", "row_id"],
        set_={"versions": stmt.excluded.versions, "deleted": stmt.excluded.deleted},
    )
    conn.execute(stmt, rows)


def _row_changes(session: Session) -> list[tuple[str, str, dict[str, Any], bool]]:
    changes: list[tuple[str, str, dict[str, Any], bool]] = []
    for obj in session.new:
        if not getattr(obj, "__synced__", False):
            continue
        state = instance_state(obj)
        table = obj.__table__
        values = {c.name: state.dict.get(_attr_key(obj, c)) for c in synced_columns(table)}
        changes.append((table.name, obj.id, values, False))
    for obj in session.dirty:
        if not getattr(obj, "__synced__", False) or obj in session.deleted:
            continue
        state = instance_state(obj)
        values = {}
        for c in synced_columns(obj.__table__):
            hist = state.attrs[_attr_key(obj, c)].history
            if hist.added:
                new = hist.added[0]
                old = hist.deleted[0] if hist.deleted else hist.unchanged[0] if hist.unchanged else _MISSING
                if old is _MISSING or new != old or type(new) is not type(old):
                    values[c.name] = new
        if values:
            changes.append((obj.__table__.name, obj.id, values, False))
    for obj in session.deleted:
        if getattr(obj, "__synced__", False):
            changes.append((obj.__table__.name, obj.id, {}, True))
    changes.sort(key=lambda c: (c[0], c[1]))
    return changes


_MISSING = object()
_ATTR_KEYS: dict[tuple[type, str], str] = {}


def _attr_key(obj: Any, column: Column[Any]) -> str:
    key = (type(obj), column.name)
    if key not in _ATTR_KEYS:
        from sqlalchemy import inspect

        _ATTR_KEYS[key] = inspect(type(obj)).get_property_by_column(column).key
    return _ATTR_KEYS[key]


@event.listens_for(JournaledSession, "after_flush")
def _after_flush(session: Session, flush_context: Any) -> None:
    ctx = context_of(session)
    written = (*session.new, *session.dirty, *session.deleted)
    if written:
        touched_tables(session).update(o.__table__.name for o in written if hasattr(o, "__table__"))
    touched = [o for o in written if getattr(o, "__synced__", False)]
    if not touched:
        return
    if ctx is None:
        raise JournalBypassError("écriture sans journal : ouvrez les sessions avec Database.session()")
    conn = session.connection()
    if not session.info.get("journal_suspended"):
        record_changes(conn, ctx, _row_changes(session))
    for hook in ctx.after_record:
        hook(conn, session)


@event.listens_for(JournaledSession, "do_orm_execute")
def _refuse_bulk_writes(state: ORMExecuteState) -> None:
    if not (state.is_update or state.is_delete or state.is_insert):
        return
    if state.session.info.get("journal_suspended"):
        return
    mapper = state.bind_mapper
    if mapper is not None and getattr(mapper.class_, "__synced__", False):
        raise JournalBypassError(
            f"écriture en masse sur « {mapper.class_.__tablename__} » refusée : elle contournerait le journal"
        )


@contextmanager
def suspended(session: Session) -> Iterator[None]:
    """Apply changes without journaling them as local ones — for sync applying remote files only."""
    session.info["journal_suspended"] = True
    try:
        yield
    finally:
        session.info.pop("journal_suspended", None)


# --------------------------------------------------------------------------- bulk path


def bulk_insert(session: Session, model: type[Base], rows: Iterable[dict[str, Any]]) -> int:
    """Insert many new rows of a synced model fast, journaling every field.

    For large imports (demo dataset, bootstrap tools): one executemany for the rows, one for
    the journal, one for row versions. Rows must carry every column (missing ones are NULL).
    Wrap a large load in :func:`bulk_load` as well.
    """
    ctx = context_of(session)
    if ctx is None:
        raise JournalBypassError("écriture sans journal : ouvrez les sessions avec Database.session()")
    table = cast(Table, model.__table__)
    # Plain str: SQLAlchemy's quoted_name is a str subclass, and sqlite3 then looks for an
    # adapter (__conform__) on every parameter — millions of Python calls on the demo dataset.
    tname = str(table.name)
    data_cols = [str(c.name) for c in synced_columns(table)]
    cols = ["id", *data_cols]
    values = [tuple(r.get(c) for c in cols) for r in rows]  # python values, id first
    if not values:
        return 0
    touched_tables(session).add(tname)
    conn = session.connection()
    # Plain DBAPI executemany with SQLAlchemy's own bind processors: same stored format as the
    # ORM, without the per-row statement compilation cost (10x faster on 200k rows).
    dialect = conn.dialect
    procs = [(i, p) for i, c in enumerate(cols) if (p := table.c[c].type.bind_processor(dialect))]
    if procs:
        params: list[tuple[Any, ...]] = []
        for t in values:
            row = list(t)
            for i, p in procs:
                row[i] = p(row[i])
            params.append(tuple(row))
    else:
        params = values
    conn.exec_driver_sql(
        f"INSERT INTO {tname} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", params
    )
    del params
    hlc = _tick(conn, ctx)
    device, author = ctx.device_id, ctx.author_id
    encode = encode_value
    conn.exec_driver_sql(
        "INSERT INTO change_log (tbl, row_id, col, value, hlc, device_id, base_hlc, author_id, remote_seq) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (tname, t[0], c, encode(v), hlc, device, None, author, None)
            for t in values
            for c, v in zip(data_cols, t[1:], strict=True)
        ],
    )
    versions_json = json.dumps({ALL_COLUMNS: [hlc, device]})
    conn.exec_driver_sql(
        "INSERT INTO row_version (tbl, row_id, versions, deleted) VALUES (?, ?, ?, 0)",
        [(tname, t[0], versions_json) for t in values],
    )
    _persist_clock(conn, ctx)
    ids = [t[0] for t in values]
    for hook in ctx.after_record:
        if hasattr(hook, "bulk"):
            hook.bulk(conn, tname, ids)
    return len(values)


@contextmanager
def bulk_load(session: Session, cache_mib: int = 512) -> Iterator[None]:
    """Make many :func:`bulk_insert` calls in one write transaction faster, same end state.

    The non-unique secondary indexes of the synced tables and of the journal are dropped and
    created again at the end (one sorted build instead of millions of random B-tree inserts —
    the journal's row index alone gets one entry per field), and the page cache is enlarged
    for the transaction. DDL is transactional in SQLite: if the load fails, the rollback brings
    the indexes back with the data. Unique indexes stay, so a duplicate still fails at once.
    """
    conn = session.connection()
    tables = [str(t) for t in synced_tables()] + [ChangeLog.__tablename__, RowVersion.__tablename__]
    marks = ",".join("?" * len(tables))
    indexes = conn.exec_driver_sql(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})",
        tuple(tables),
    ).all()
    deferred = [(name, sql) for name, sql in indexes if not sql.lstrip().upper().startswith("CREATE UNIQUE")]
    old_cache = int(conn.exec_driver_sql("PRAGMA cache_size").scalar() or -2000)  # SQLite default if unreadable
    conn.exec_driver_sql(f"PRAGMA cache_size = -{int(cache_mib) * 1024}")
    try:
        for name, _sql in deferred:
            conn.exec_driver_sql(f'DROP INDEX "{name}"')
        yield
        for _name, sql in deferred:
            conn.exec_driver_sql(sql)
        from pole_desktop.storage import stats

        stats.analyze(conn)  # the data's shape just changed a lot: fresh planner statistics
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {old_cache}")


def table_for(name: str) -> Table:
    """The synced table called ``name`` (KeyError if it is not one)."""
    return cast(Table, synced_tables()[name].__table__)
