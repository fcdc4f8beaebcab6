"""Restoring a backup never loses what this laptop already published, and keeps the team converging."""

from __future__ import annotations

from sqlalchemy import select

from pole_desktop.domain import models as m
from pole_desktop.safety.backups import backup_now, restore
from pole_desktop.services import personnes
from tests.sync.helpers import converge, new_person


def nom(lp, pid: str) -> str:  # noqa: ANN001
    with lp.read() as s:
        return s.scalar(select(m.Personne.nom).where(m.Personne.id == pid))


def test_restore_takes_a_new_identity_and_recovers_published_changes(laptops) -> None:  # noqa: ANN001
    a, b = laptops(2)
    pid = new_person(a, "Martin")
    converge(a, b)
    backup = backup_now(a.db)
    # After the backup: one change published, one change never published.
    with a.session() as s:
        personnes.save_personne(s, {"nom": "Martin-Publié"}, pid)
    a.sync()
    old_id = a.db.device_id
    restore(a.db, backup)
    assert a.db.device_id != old_id
    assert nom(a, pid) == "Martin"  # the restored state
    # A change made after the restore, on a field nobody else touched.
    with a.session() as s:
        personnes.save_personne(s, {"prenom": "Lucienne"}, pid)
    converge(a, b)
    # The published change came back from the share (A's old folder is read like a peer's),
    # the new one travelled under the new identity.
    for lp in (a, b):
        assert nom(lp, pid) == "Martin-Publié"
        with lp.read() as s:
            assert s.get(m.Personne, pid).prenom == "Lucienne"


def test_unpublished_changes_in_the_backup_are_published_under_the_new_identity(laptops) -> None:  # noqa: ANN001
    a, b = laptops(2)
    converge(a, b)
    pid = new_person(a, "Jamais-Envoyée")  # in the journal, not yet on the share
    backup = backup_now(a.db)
    restore(a.db, backup)
    converge(a, b)
    assert nom(b, pid) == "Jamais-Envoyée"
