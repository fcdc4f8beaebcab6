"""Concurrency invariants after a merge of histories (issue 16, observation 13): one canonical stored
text for every value on every laptop, and an edit that loses to a concurrent deletion or purge is kept
in the conflict inbox."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime

from pole_desktop.domain import synced_tables
from pole_desktop.services import rendez_vous
from tests.sync.helpers import new_dossier


def _raw(lp, sql: str, *params):  # noqa: ANN001, ANN202
    with lp.read() as s:
        return s.connection().exec_driver_sql(sql, params).all()


def test_a_rendez_vous_has_the_same_stored_text_on_every_laptop(laptops):
    a, b = laptops(2)
    did = new_dossier(a)
    debut = dt.datetime(2026, 3, 2, 10, 0)
    with a.session() as s:
        rid = rendez_vous.plan_rendez_vous(s, {"dossier_id": did, "debut": debut}).id
    a.sync()
    b.sync()
    sql = "SELECT debut, fin FROM rendez_vous WHERE id = ?"
    on_a, on_b = _raw(a, sql, rid), _raw(b, sql, rid)
    assert on_a and on_a == on_b, (on_a, on_b)
    # The same question gets the same answer on both laptops, whatever the bound's text.
    for lp in (a, b):
        with lp.read() as s:
            assert [r.id for r in rendez_vous.overlapping(s, debut, debut + dt.timedelta(minutes=30))] == [rid]
            assert rendez_vous.overlapping(s, debut + dt.timedelta(hours=1), debut + dt.timedelta(hours=2)) == []
            assert rendez_vous.overlapping(s, debut - dt.timedelta(hours=1), debut) == []
    # Every date/time column of every synced table: one text everywhere.
    for table in synced_tables().values():
        cols = [c.name for c in table.__table__.columns if isinstance(c.type, Date | DateTime)]
        if cols:
            q = f"SELECT id, {', '.join(cols)} FROM {table.__tablename__} ORDER BY id"
            assert _raw(a, q) == _raw(b, q), table.__tablename__


def test_datetimes_received_by_an_older_version_are_rewritten_once(laptops):
    from pole_desktop.sync.merge import CANONICAL_KEY

    a, b = laptops(2)
    did = new_dossier(a)
    with a.session() as s:
        rid = rendez_vous.plan_rendez_vous(s, {"dossier_id": did, "debut": dt.datetime(2026, 3, 2, 10)}).id
    a.sync()
    b.sync()
    with b.session() as s:  # what an older version stored on receipt
        s.connection().exec_driver_sql(
            "UPDATE rendez_vous SET debut = '2026-03-02 10:00:00', fin = '2026-03-02 11:00:00' WHERE id = ?", (rid,))
        s.connection().exec_driver_sql("DELETE FROM local_state WHERE key = ?", (CANONICAL_KEY,))
    before = (dt.datetime(2026, 3, 2, 9), dt.datetime(2026, 3, 2, 10))  # the slot just before: no overlap
    with b.read() as s:  # "10:00:00" < "10:00:00.000000": the old text overlaps the slot before
        assert [r.id for r in rendez_vous.overlapping(s, *before)] == [rid]
    new_dossier(a, "Autre projet")
    a.sync()
    b.sync()
    sql = "SELECT debut, fin FROM rendez_vous WHERE id = ?"
    assert _raw(b, sql, rid) == _raw(a, sql, rid) == [("2026-03-02 10:00:00.000000", "2026-03-02 11:00:00.000000")]
    with b.read() as s:
        assert rendez_vous.overlapping(s, *before) == []
        assert [r.id for r in rendez_vous.overlapping(s, *before[1:], dt.datetime(2026, 3, 2, 10, 30))] == [rid]


# ------------------------------------------------------------------ an edit that loses to a deletion

LONG = "Compte-rendu détaillé : " + "la porteuse a présenté son prévisionnel, " * 40 + "fin."


def _old_closed_dossier(lp) -> tuple[str, str]:  # noqa: ANN001
    """A dossier closed in 2012 with a rendez-vous of 2012: on the retention review list."""
    from pole_desktop.domain.dispositifs import CLOTURE
    from pole_desktop.services import dossiers

    did = new_dossier(lp, "Ancien projet", date_ouverture=dt.date(2012, 1, 5))
    with lp.session() as s:
        rid = rendez_vous.plan_rendez_vous(s, {"dossier_id": did, "debut": dt.datetime(2012, 2, 1, 10)}).id
        rendez_vous.record_compte_rendu(s, rid, {"compte_rendu": "Premier échange."})
        dossiers.change_etape(s, did, CLOTURE, date=dt.date(2012, 6, 1), motif="abandon")
    return did, rid


def _purge(lp, did: str) -> None:  # noqa: ANN001
    from pole_desktop.safety import retention

    with lp.session() as s:
        assert retention.purge(s, [did]) == 1


def _views(lp):  # noqa: ANN001, ANN202
    from pole_desktop.sync import conflicts

    with lp.session() as s:  # a journaled session, as the inbox reads it: names "cet ordinateur"
        return conflicts.list_open(s)


def test_an_edit_that_loses_to_a_concurrent_purge_lands_in_the_inbox(laptops):
    from pole_desktop.services import dossiers
    from pole_desktop.services.validation import ValidationError
    from pole_desktop.sync import conflicts

    a, b = laptops(2)
    did, rid = _old_closed_dossier(a)
    a.sync()
    b.sync()
    with b.session() as s:  # B, offline, writes the compte-rendu and a description
        rendez_vous.record_compte_rendu(s, rid, {"compte_rendu": LONG})
        dossiers.update_dossier(s, did, {"description": "Relancer la porteuse en septembre."})
    _purge(a, did)  # A, offline, purges the dossier (retention)
    a.sync()
    b.sync()
    a.sync()
    for lp in (a, b):
        with lp.read() as s:
            assert _raw(lp, "SELECT count(*) FROM rendez_vous WHERE id = ?", rid) == [(0,)]
        views = {(v.table, v.column): v for v in _views(lp)}
        assert set(views) == {("rendez_vous", "compte_rendu"), ("dossier", "description")}, lp.name
        cr = views[("rendez_vous", "compte_rendu")]
        assert cr.loser_value == LONG
        where = "sur cet ordinateur" if lp is a else "sur un autre poste"
        assert cr.winner_value == f"la fiche a été supprimée {where}"
        assert cr.record_deleted
        assert cr.record_label == "Rendez-vous (supprimé)"
        assert views[("dossier", "description")].loser_value == "Relancer la porteuse en septembre."
    # Keeping the value cannot bring the record back: refused in French, the entry stays open to copy it.
    with b.session() as s:
        try:
            conflicts.resolve(s, cr.id, "loser")
        except ValidationError as e:
            assert "supprimée sur un autre poste" in str(e.errors["__all__"])
        else:
            raise AssertionError("keeping a value of a deleted record must be refused")
    assert len(_views(b)) == 2
    with b.session() as s:
        conflicts.resolve(s, cr.id, "winner")
    assert [(v.table, v.column) for v in _views(b)] == [("dossier", "description")]
    assert _raw(b, "SELECT count(*) FROM rendez_vous WHERE id = ?", rid) == [(0,)]


def test_an_edit_made_before_the_purge_and_unseen_by_it_lands_in_the_inbox(laptops):
    a, b = laptops(2)
    did, rid = _old_closed_dossier(a)
    a.sync()
    b.sync()
    with b.session() as s:  # B writes first, but A purges without having synced it
        rendez_vous.record_compte_rendu(s, rid, {"compte_rendu": LONG})
    _purge(a, did)
    b.sync()
    a.sync()
    b.sync()
    for lp in (a, b):
        assert [(v.table, v.column, v.loser_value) for v in _views(lp)] == [("rendez_vous", "compte_rendu", LONG)]


def test_a_purge_that_saw_the_edit_leaves_no_inbox_entry(laptops):
    a, b = laptops(2)
    did, rid = _old_closed_dossier(a)
    a.sync()
    b.sync()
    with b.session() as s:
        rendez_vous.record_compte_rendu(s, rid, {"compte_rendu": LONG})
    b.sync()
    a.sync()  # A has the compte-rendu when it purges: a knowing deletion
    _purge(a, did)
    a.sync()
    b.sync()
    for lp in (a, b):
        assert _views(lp) == []
        assert _raw(lp, "SELECT count(*) FROM rendez_vous WHERE id = ?", rid) == [(0,)]


# ------------------------------------------------------------------ no dangling foreign key


def test_a_child_created_during_a_concurrent_purge_goes_to_the_inbox_never_orphaned(laptops):
    from pole_desktop.services.validation import ValidationError
    from tests.sync.helpers import converge

    a, b = laptops(2)
    did, _ = _old_closed_dossier(a)
    a.sync()
    b.sync()
    with b.session() as s:  # B plans a new rendez-vous on the dossier A is purging, and writes it up
        rid = rendez_vous.plan_rendez_vous(s, {"dossier_id": did, "debut": dt.datetime(2012, 3, 1, 14)}).id
        rendez_vous.record_compte_rendu(s, rid, {"compte_rendu": LONG, "actions": [{"libelle": "Appeler la banque"}]})
    _purge(a, did)
    converge(a, b, rounds=2)
    for lp in (a, b):
        assert _raw(lp, "PRAGMA foreign_key_check") == [], lp.name
        kept = {(v.table, v.column): v.loser_value for v in _views(lp)}
        assert kept.get(("rendez_vous", "compte_rendu")) == LONG, lp.name
        assert kept.get(("action", "libelle")) == "Appeler la banque", lp.name
        assert all(v.record_deleted for v in _views(lp))
    with b.session() as s:  # what the advisor still has on screen: a French refusal, not an IntegrityError
        try:
            rendez_vous.record_compte_rendu(s, rid, {"compte_rendu": "Suite."})
        except ValidationError as e:
            assert "introuvable" in str(e.errors).lower() or "supprim" in str(e.errors).lower()
        else:
            raise AssertionError("the rendez-vous of a purged dossier must be gone")


def test_the_inbox_card_shows_a_value_lost_to_a_deletion_to_copy(qtbot, laptops, tmp_path):
    from pole_desktop.gui.widgets.conflict_inbox import ConflictCard

    a, b = laptops(2)
    did, rid = _old_closed_dossier(a)
    a.sync()
    b.sync()
    with b.session() as s:
        rendez_vous.record_compte_rendu(s, rid, {"compte_rendu": LONG})
    _purge(a, did)
    a.sync()
    b.sync()
    (view,) = [v for v in _views(b) if v.column == "compte_rendu"]
    card = ConflictCard(view)
    qtbot.addWidget(card)
    card.resize(1100, 420)
    card.show()
    assert card.loser.value.toPlainText() == LONG  # shown whole, selectable to copy
    assert card.winner.value.toPlainText() == "la fiche a été supprimée sur un autre poste"
    assert not card.loser.button.isEnabled()
    assert card.winner.button.isEnabled()
    from PySide6.QtWidgets import QLabel

    assert "pendant que la fiche était supprimée" in card.findChild(QLabel, "conflict_field").text()
    card.grab().save(str(tmp_path / "carte_supprimee.png"))
