"""Schema migrations at start-up: back up, then upgrade; refuse a newer database.

The user's data is never touched on error: the upgrade runs in one transaction
(SQLite DDL is transactional) after a backup copy of the file has been written.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, inspect, text

from pole_desktop import clock

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

# Alembic (~0.5 s of imports: every dialect's DDL module) is imported only when an upgrade is
# needed. Opening an up-to-date database — every start but the first after an update — reads
# the revision chain from the migration files and the current revision with one SELECT.

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


# Writes a verified backup copy of the database behind an engine to a path, with the database key.
BackupCopy = Callable[[Engine, Path, "bytes | None"], Path]


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


_ASSIGN = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.+?)\s*$", re.MULTILINE)


@functools.cache
def known_revisions() -> dict[str, tuple[str, ...]]:
    """revision -> its parents, read from the migration files (what Alembic reads, without Alembic)."""
    out: dict[str, tuple[str, ...]] = {}
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        found: dict[str, str] = {m.group(1): m.group(2) for m in _ASSIGN.finditer(path.read_text(encoding="utf-8"))}
        if "revision" not in found:
            continue
        down: Any = ast.literal_eval(found.get("down_revision", "None"))
        parents = () if down is None else (down,) if isinstance(down, str) else tuple(down)
        out[ast.literal_eval(found["revision"])] = parents
    return out


def head_revision() -> str:
    revisions = known_revisions()
    parents = {p for ps in revisions.values() for p in ps}
    heads = sorted(r for r in revisions if r not in parents)
    if len(heads) != 1:
        raise MigrationError(f"plusieurs têtes de migration : {heads}")
    return heads[0]


def current_revision(engine: Engine) -> str | None:
    """The revision stamped in the database (Alembic's ``alembic_version`` table), None if empty."""
    with engine.connect() as conn:
        exists = conn.execute(
            text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'")
        ).first()
        if not exists:
            return None
        rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    if len(rows) > 1:
        raise MigrationError(f"plusieurs révisions de schéma dans la base : {[r[0] for r in rows]}")
    return rows[0][0] if rows else None


def upgrade(
    engine: Engine, data_dir_backups: Path | None, *, key: bytes | None = None, label: str = "avant-migration",
    copy: BackupCopy | None = None,
) -> str | None:
    """Bring the database to head. Returns the path of the backup made, if any.

    ``copy(engine, dest, key)`` writes the verified backup copy (``safety.backups.copy_database``,
    passed in by the safety layer: storage does not import it). Without it a database that needs
    migrating is not touched (``MigrationError``).

    - empty database: create the schema (no backup needed);
    - database at an older revision: back up the file first, then upgrade in one transaction;
    - database at an unknown (newer) revision: raise DatabaseTooNewError without writing anything.
    """
    head = head_revision()
    current = current_revision(engine)
    if current == head:
        return None
    if current is not None and current not in known_revisions():
        raise DatabaseTooNewError(current)
    backup_path: Path | None = None
    has_tables = bool(inspect(engine).get_table_names())
    if current is not None or has_tables:
        if data_dir_backups is None:
            raise MigrationError("sauvegarde impossible : aucun dossier de sauvegarde")
        if copy is None:
            raise MigrationError("sauvegarde impossible avant la mise à jour de la base : elle n'a pas été modifiée")
        stamp = clock.now().strftime("%Y%m%d-%H%M%S")
        backup_path = data_dir_backups / f"{label}-{current or 'vide'}-{stamp}.db"
        copy(engine, backup_path, key)
    cfg = alembic_config()
    from alembic import command

    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return str(backup_path) if backup_path else None
