"""The change journal records every field change, in the same transaction, with increasing HLCs."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select, update

from pole_desktop.domain import models as m
from pole_desktop.domain.local import ChangeLog, RowVersion
from pole_desktop.paths import DataDir
from pole_desktop.services import dossiers, personnes, rendez_vous
from pole_desktop.storage.database import Database
from pole_desktop.storage.hlc import HybridLogicalClock, Timestamp
from pole_desktop.storage.journal import TOMBSTONE, JournalBypassError, version_of


def entries(db: Database, tbl: str | None = None) -> list[ChangeLog]:
    with db.read() as s:
        q = select(ChangeLog).order_by(ChangeLog.seq)
        if tbl:
            q = q.where(ChangeLog.tbl == tbl)
        return list(s.scalars(q))


def test_insert_journals_every_field(db: Database) -> None:
    with db.session() as s:
        p = personnes.save_personne(s, {"nom": "Durand", "prenom": "Zoé", "annee_naissance": "1980"})
    log = {e.col: e for e in entries(db, "personne")}
    cols = {c.name for c in m.Personne.__table__.columns} - {"id"}
    assert set(log) == cols
    assert json.loads(log["nom"].value) == "Durand"
    assert json.loads(log["annee_naissance"].value) == 1980
    assert all(e.row_id == p.id and e.device_id == db.device_id and e.base_hlc is None for e in log.values())
    assert all(e.author_id == db.journal.author_id for e in log.values())


def test_update_journals_only_changed_fields_with_base(db: Database) -> None:
    with db.session() as s:
        p = personnes.save_personne(s, {"nom": "Durand", "prenom": "Zoé"})
    first = {e.col: e.hlc for e in entries(db, "personne")}
    with db.session() as s:
        personnes.save_personne(s, {"prenom": "Zoé", "telephone": "03 80 50 90 47"}, p.id)
    later = [e for e in entries(db, "personne") if e.hlc not in first.values()]
    assert [(e.col, json.loads(e.value)) for e in later] == [("telephone", "03 80 50 90 47")]
    assert later[0].base_hlc == first["telephone"]
    with db.read() as s:
        versions = json.loads(s.get(RowVersion, ("personne", p.id)).versions)
    assert version_of(versions, "telephone") == (later[0].hlc, db.device_id)
    assert version_of(versions, "nom") == (first["nom"], db.device_id)


def test_relationship_rows_and_deletions_are_journaled(db: Database) -> None:
    with db.session() as s:
        a = personnes.save_personne(s, {"nom": "Durand"})
        b = personnes.save_personne(s, {"nom": "Martin"})
        d = dossiers.create_dossier(s, {"dispositif": "crdva", "titre": "Question statuts", "beneficiaires": [a.id]})
        dossiers.add_beneficiaire(s, d.id, b.id)
    links = entries(db, "dossier_beneficiaire")
    assert {json.loads(e.value) for e in links if e.col == "personne_id"} == {a.id, b.id}
    with db.session() as s:
        dossiers.remove_beneficiaire(s, d.id, b.id)
    tomb = [e for e in entries(db, "dossier_beneficiaire") if e.col == TOMBSTONE]
    assert len(tomb) == 1 and json.loads(tomb[0].value) is True
    # Rendez-vous participants and étape history rows too.
    with db.session() as s:
        r = rendez_vous.plan_rendez_vous(s, {"dossier_id": d.id, "debut": dt.datetime(2026, 12, 1, 10)})
    assert any(json.loads(e.value) == r.id for e in entries(db, "rendez_vous_participant") if e.col == "rendez_vous_id")
    assert entries(db, "etape_historique")


def test_relationship_change_through_orm_attribute(db: Database) -> None:
    with db.session() as s:
        st = m.Structure(raison_sociale="La Ressourcerie")
        d = dossiers.create_dossier(s, {"dispositif": "dla", "titre": "Consolidation"})
        s.add(st)
        d.structure = st  # set through the relationship, not the column
    assert any(e.col == "structure_id" and json.loads(e.value) == st.id for e in entries(db, "dossier"))


def test_rollback_leaves_no_journal(db: Database) -> None:
    n = len(entries(db))
    with pytest.raises(RuntimeError), db.session() as s:
        personnes.save_personne(s, {"nom": "Durand"})
        raise RuntimeError("interrompu")
    assert len(entries(db)) == n


def test_bulk_orm_writes_on_synced_tables_are_refused(db: Database) -> None:
    with db.session() as s:
        personnes.save_personne(s, {"nom": "Durand"})
    with pytest.raises(JournalBypassError), db.session() as s:
        s.execute(update(m.Personne).values(nom="X"))


def test_session_without_journal_is_refused(db: Database) -> None:
    from sqlalchemy.orm import Session

    from pole_desktop.storage.journal import JournaledSession

    s = JournaledSession(bind=db.engine)
    s.add(m.Personne(nom="Fantôme"))
    with pytest.raises(JournalBypassError):
        s.flush()
    s.rollback()
    s.close()
    assert Session  # the plain Session (read-only use) has no hook


def test_hlc_increases_across_restarts_even_if_clock_goes_back(tmp_path) -> None:
    dd = DataDir.at(tmp_path / "d")
    db = Database.open(dd)
    with db.session() as s:
        s.add(m.Personne(nom="Un"))
    last = max(e.hlc for e in entries(db))
    db.close()
    db2 = Database.open(dd)
    # The laptop's clock is now a day behind: the persisted HLC still wins.
    behind = Timestamp.parse(last).wall_ms - 86_400_000
    db2.journal.clock = HybridLogicalClock(None, clock=lambda: behind)
    with db2.session() as s:
        s.add(m.Personne(nom="Deux"))
    hlcs = [e.hlc for e in entries(db2)]
    assert hlcs == sorted(hlcs) and hlcs[-1] > last
    db2.close()


def test_hlc_observe_and_tick() -> None:
    now = [1_000]
    c = HybridLogicalClock(clock=lambda: now[0])
    a = c.tick()
    b = c.tick()
    assert a < b
    c.observe(str(Timestamp(5_000, 3)))
    assert c.tick() > str(Timestamp(5_000, 3))
    with pytest.raises(ValueError):
        Timestamp.parse("not-a-clock")
