"""Schema migrations at start-up: back up, then upgrade; refuse a newer database.

The user's data is never touched on error: the upgrade runs in one transaction
(SQLite DDL is transactional) after a backup copy of the file has been written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from pole_desktop.storage import backup as backup_mod

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


class DatabaseTooNewError(RuntimeError):
    """The database was written by a newer version of the application."""

    def __init__(self, revision: str) -> None:
        super().__init__(
            "Cette base de données a été créée par une version plus récente de Pôle Desktop "
            f"(schéma « {revision} »). Installez la dernière version de l'application : "
            "vos données n'ont pas été modifiées."
        )
        self.revision = revision


class MigrationError(RuntimeError):
    pass


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    heads = script_directory().get_heads()
    if len(heads) != 1:
        raise MigrationError(f"plusieurs têtes de migration : {heads}")
    return heads[0]


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(
    engine: Engine, data_dir_backups: Path | None, *, key: bytes | None = None, label: str = "avant-migration"
) -> str | None:
    """Bring the database to head. Returns the path of the backup made, if any.

    - empty database: create the schema (no backup needed);
    - database at an older revision: back up the file first, then upgrade in one transaction;
    - database at an unknown (newer) revision: raise DatabaseTooNewError without writing anything.
    """
    script = script_directory()
    head = head_revision()
    current = current_revision(engine)
    if current == head:
        return None
    if current is not None:
        try:
            script.get_revision(current)
        except Exception:
            raise DatabaseTooNewError(current) from None
    backup_path: Path | None = None
    has_tables = bool(inspect(engine).get_table_names())
    if current is not None or has_tables:
        if data_dir_backups is None:
            raise MigrationError("sauvegarde impossible : aucun dossier de sauvegarde")
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        backup_path = data_dir_backups / f"{label}-{current or 'vide'}-{stamp}.db"
        backup_mod.copy_database(engine, backup_path, key)
    cfg = alembic_config()
    from alembic import command

    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return str(backup_path) if backup_path else None
