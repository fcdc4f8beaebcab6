"""The journal tells what a transaction wrote: ``touched_tables(session)`` names every table its
flushes (and bulk inserts) wrote, synced or local — what gui/ops.run_write announces to the screens."""

from __future__ import annotations

import datetime as dt

import pytest

from pole_desktop.domain import models as m
from pole_desktop.services import drafts, personnes, rendez_vous
from pole_desktop.storage.database import Database
from pole_desktop.storage.journal import bulk_insert, touched_tables


def test_a_transaction_knows_the_tables_it_wrote(db: Database) -> None:
    with db.session() as s:
        touched = touched_tables(s)
        assert touched == set()
        p = personnes.save_personne(s, {"nom": "Lemaire", "prenom": "Camille"})
        rendez_vous.add_action(s, {"libelle": "Rappeler", "echeance": dt.date(2026, 3, 2)})
        drafts.save_draft(s, "cr:test", {"objet": "brouillon"})  # a local table counts too
    assert touched == {"personne", "action", "draft"}

    with db.session() as s:
        touched = touched_tables(s)
        s.get(m.Personne, p.id).telephone = "0380000000"
    assert touched == {"personne"}  # the commit's own flush is seen


def test_reads_and_refused_writes_touch_nothing_announced(db: Database) -> None:
    with db.session() as s:
        touched = touched_tables(s)
        s.get(m.Accompagnateur, db.journal.author_id)
    assert touched == set()
    with pytest.raises(RuntimeError), db.session() as s:
        s.add(m.Personne(nom="Provisoire", prenom="X"))
        s.flush()
        raise RuntimeError("refused")
    # (run_write announces only after a commit: a rolled-back transaction announces nothing)


def test_bulk_insert_names_its_table(db: Database) -> None:
    rows = [{"id": f"00000000-0000-4000-8000-{i:012d}", "nom": f"Nom{i}", "prenom": "Zoé",
             "cree_le": dt.date(2026, 1, 2), "anonymise": False} for i in range(3)]
    with db.session() as s:
        touched = touched_tables(s)
        bulk_insert(s, m.Personne, rows)
    assert touched == {"personne"}
