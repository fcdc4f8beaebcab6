"""Opening a laptop's database: migrate, then hand out journaled sessions.

    db = Database.open(DataDir.at(path))
    with db.session() as s:          # one transaction; commits on success, rolls back on error
        services.dossiers.create_dossier(s, ...)
    with db.read() as s:             # read-only, deferred transaction
        ...
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Engine, insert, select
from sqlalchemy.orm import Session, sessionmaker

from pole_desktop.domain.local import LocalState
from pole_desktop.paths import DataDir, private_file
from pole_desktop.storage import migrate, search, stats
from pole_desktop.storage.engine import make_engine
from pole_desktop.storage.hlc import HybridLogicalClock
from pole_desktop.storage.journal import HLC_KEY, JournalContext, JournaledSession

if TYPE_CHECKING:
    from pole_desktop.storage.blobs import BlobStore
    from pole_desktop.storage.migrate import BackupCopy

DEVICE_ID_KEY = "device_id"
DEVICE_PREFIX_KEY = "device_prefix"
DEVICE_NAME_KEY = "device_name"
USER_KEY = "accompagnateur_id"


def device_prefix_for(device_id: str) -> str:
    """Four letters/digits derived from the device id, used in dossier references."""
    raw = uuid.UUID(device_id).bytes
    return base64.b32encode(raw).decode()[:4]


@dataclass
class Database:
    data_dir: DataDir
    engine: Engine
    reader: Engine
    journal: JournalContext
    key: bytes | None = None
    migration_backup: str | None = None

    @classmethod
    def open(cls, data_dir: DataDir, *, key: bytes | None = None, backup_copy: BackupCopy | None = None) -> Database:
        """Open (creating if needed) and migrate the database of ``data_dir``.

        ``backup_copy`` writes the backup made before a migration (``safety.backups.copy_database``,
        given by ``safety.opening``); without it an older database is refused, never migrated unsaved.
        """
        data_dir.ensure()
        private_file(data_dir.database)  # owner-only before SQLite creates it (-wal/-shm follow its mode)
        engine = make_engine(data_dir.database, key, immediate=True)
        try:
            backup_path = migrate.upgrade(engine, data_dir.backups, key=key, copy=backup_copy)
        except Exception:
            engine.dispose()
            raise
        stats.refresh_if_grown(engine)
        reader = make_engine(data_dir.database, key, immediate=False)
        with engine.begin() as conn:
            state = dict(conn.execute(select(LocalState.key, LocalState.value)).all())
            if DEVICE_ID_KEY not in state:
                device_id = str(uuid.uuid4())
                conn.execute(insert(LocalState), [
                    {"key": DEVICE_ID_KEY, "value": device_id},
                    {"key": DEVICE_PREFIX_KEY, "value": device_prefix_for(device_id)},
                ])
                state[DEVICE_ID_KEY] = device_id
        ctx = JournalContext(
            device_id=state[DEVICE_ID_KEY],
            clock=HybridLogicalClock(state.get(HLC_KEY)),
            author_id=state.get(USER_KEY),
        )
        ctx.after_record.append(search.IndexHook())
        return cls(data_dir, engine, reader, ctx, key, backup_path)

    # ------------------------------------------------------------------ sessions

    @property
    def _writer_factory(self) -> sessionmaker[Session]:
        return sessionmaker(bind=self.engine, class_=JournaledSession, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A write transaction: everything inside commits together or not at all."""
        s = self._writer_factory(info={"journal": self.journal, "database": self})
        try:
            with s.begin():
                yield s
        finally:
            s.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session (deferred transaction, never commits)."""
        s = Session(bind=self.reader, expire_on_commit=False)
        try:
            yield s
        finally:
            s.close()  # ends the read transaction; loaded objects stay usable (detached, not expired)

    def close(self) -> None:
        self.engine.dispose()
        self.reader.dispose()

    # ------------------------------------------------------------------ facts

    @property
    def device_id(self) -> str:
        return self.journal.device_id

    def state(self, key: str, default: str | None = None) -> str | None:
        with self.read() as s:
            value = s.scalar(select(LocalState.value).where(LocalState.key == key))
        return default if value is None else value

    def set_state(self, key: str, value: str) -> None:
        with self.session() as s:
            s.merge(LocalState(key=key, value=value))
        if key == USER_KEY:
            self.journal.author_id = value

    @property
    def device_prefix(self) -> str:
        return self.state(DEVICE_PREFIX_KEY) or device_prefix_for(self.device_id)

    def current_user_id(self) -> str | None:
        return self.journal.author_id

    def schema_version(self) -> str | None:
        return migrate.current_revision(self.engine)

    def blob_store(self) -> BlobStore:
        """The data directory's attachments and documents, encrypted with this database's key."""
        from pole_desktop.storage.blobs import _make_store

        return _make_store(self.data_dir.blobs, self.key)
