"""Declarative base and mixins shared by every model.

Synced tables (``__synced__ = True``) carry a UUID primary key generated on the
laptop and every write to them is recorded in the change journal by
:mod:`pole_desktop.storage.journal`. Local-only tables (journal, sync state,
conflict inbox) set ``__synced__ = False``.
"""

from __future__ import annotations

import uuid

from sqlalchemy import MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    """A new random UUID as text (the primary key of every synced row)."""
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    __synced__: bool = False


class SyncedMixin:
    """A row that travels between laptops: UUID key, journaled writes."""

    __synced__ = True
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)

    def __init__(self, **kwargs: object) -> None:
        # Assign the UUID at construction so links and journal entries can use it before flush.
        kwargs.setdefault("id", new_id())
        super().__init__(**kwargs)


def synced_tables() -> dict[str, type[Base]]:
    """Map table name -> model class for every synced table."""
    out: dict[str, type[Base]] = {}
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        if getattr(cls, "__synced__", False):
            out[cls.__tablename__] = cls
    return dict(sorted(out.items()))
