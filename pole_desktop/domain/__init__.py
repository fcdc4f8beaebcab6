"""Domain model: synced entities (models), local-only tables (local), dispositifs as data."""

from pole_desktop.domain import imports, local, models  # noqa: F401  (register every mapper)
from pole_desktop.domain.base import Base, new_id, synced_tables

__all__ = ["Base", "new_id", "synced_tables", "models", "local", "imports"]
