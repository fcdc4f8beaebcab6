"""SQLite / SQLCipher engine with the pragmas every connection needs.

WAL journal, foreign keys on, ``synchronous=FULL`` (a power cut loses no committed
transaction), and real transactions: pysqlite's implicit BEGIN handling is switched
off and SQLAlchemy emits BEGIN itself (the documented recipe), so DDL in migrations
is transactional too. With a key, the connection comes from ``sqlcipher3`` and the
key is set by ``PRAGMA key`` in the connect event — never in the URL or a log.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event


def make_engine(path: Path, key: bytes | None = None, *, immediate: bool = True) -> Engine:
    """``immediate``: transactions take the write lock at BEGIN (writers), else deferred (readers)."""
    kwargs: dict[str, Any] = {}
    if key is not None:
        import sqlcipher3.dbapi2 as sqlcipher

        kwargs["module"] = sqlcipher
    # hide_parameters: SQL errors (shown, logged) never carry the values of a row.
    engine = create_engine(f"sqlite:///{path}", hide_parameters=True, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        if key is not None:
            cur.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute("PRAGMA busy_timeout = 10000")
        # 16 MiB page cache per connection. Each engine pools several connections, so 64 MiB each
        # took the app from 121 to 276 MB RSS once the dossiers list had been scrolled end to end on
        # the large dataset (176 MB with 16 MiB); the OS file cache still holds the file. Big bulk
        # loads raise it for their own transaction (journal.bulk_load).
        cur.execute("PRAGMA cache_size = -16384")
        cur.execute("PRAGMA temp_store = MEMORY")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine
