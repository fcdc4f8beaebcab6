"""Fixtures of the data-safety tests: fast scrypt, demo names, an opened encrypted database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from pole_desktop.safety import keys


@pytest.fixture(autouse=True)
def _fast_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    """New passphrase directories use n=2**14 in tests (the production value is checked apart)."""
    monkeypatch.setattr(keys, "SCRYPT_N", 2**14)


@pytest.fixture
def encrypted_db(data_dir: Path, memory_keyring) -> Iterator:
    from pole_desktop.demo import generate
    from pole_desktop.safety.opening import open_database

    db = open_database(data_dir)
    generate(db, "tiny", seed=1)
    yield db
    db.close()


def demo_names(db, n: int = 8) -> list[str]:
    """Distinctive names of the demo people (long enough not to appear by chance)."""
    from pole_desktop.domain.models import Personne

    with db.read() as s:
        rows = s.execute(select(Personne.nom, Personne.prenom, Personne.email)).all()
    names = sorted({r.nom for r in rows if len(r.nom) >= 6})[:n]
    emails = sorted({r.email for r in rows if r.email})[:n]
    return names + emails
