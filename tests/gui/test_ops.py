"""gui/ops.py: the one read/write path of the screens — a write refreshes exactly the screens
showing what its transaction touched (visible now, hidden when shown), and its validation
errors land next to their fields with nothing saved."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel
from sqlalchemy import func, select

from pole_desktop import clock
from pole_desktop.domain.models import Personne
from pole_desktop.gui.ops import run_read, run_write
from pole_desktop.services import personnes as personnes_service
from pole_desktop.services import rendez_vous as rdv_service
from pole_desktop.services import undo as undo_service
from pole_desktop.services.validation import ValidationError


def _changes(ctx):
    seen: list[set[str]] = []
    ctx.events.changed.connect(lambda tables: seen.append(set(tables)))
    return seen


def test_a_write_announces_exactly_the_tables_it_touched(ctx):
    with ctx.db.session() as s:
        action_id = rdv_service.add_action(s, {"libelle": "Appeler la banque",
                                               "echeance": clock.today() + dt.timedelta(days=2)}).id
    seen = _changes(ctx)
    results = []
    run_write(ctx, lambda s: undo_service.mark_action_done(s, action_id), results.append)
    assert seen == [{"action"}]
    assert results and results[0].row_id == action_id

    seen.clear()
    run_write(ctx, lambda s: personnes_service.save_personne(s, {"nom": "Lemaire", "prenom": "Camille"}).id)
    assert seen and "personne" in seen[0] and "action" not in seen[0]


def test_validation_errors_go_next_to_their_fields_and_nothing_is_saved(ctx, qtbot):
    labels = {"nom": QLabel(), "": QLabel()}
    for label in labels.values():
        qtbot.addWidget(label)
    seen = _changes(ctx)
    with ctx.db.read() as s:
        before = s.scalar(select(func.count()).select_from(Personne))

    def write(s):
        s.add(Personne(nom="Provisoire", prenom="Half"))
        s.flush()  # written, then refused: the transaction must roll back
        raise ValidationError({"nom": "Le nom est obligatoire.", "autre": "Valeur refusée."})

    done = []
    run_write(ctx, write, done.append, labels)
    assert labels["nom"].text() == "Le nom est obligatoire." and not labels["nom"].isHidden()
    assert labels[""].text() == "Valeur refusée."
    assert done == [] and seen == []
    with ctx.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Personne)) == before

    # The next attempt starts clean.
    run_write(ctx, lambda s: None, done.append, labels)
    assert labels["nom"].isHidden() and labels["nom"].text() == "" and done == [None]


def test_run_read_hands_plain_data_to_the_gui(ctx):
    got = []
    run_read(ctx, lambda s: s.scalar(select(func.count()).select_from(Personne)), got.append)
    assert got and got[0] > 0


def test_visible_screen_refreshes_hidden_one_waits_to_be_shown(window, monkeypatch):
    window.show_page("aujourdhui")
    today = window.page("aujourdhui")
    personnes = window.page("personnes")
    calls: list[str] = []
    monkeypatch.setattr(today, "refresh", lambda: calls.append("today"))
    monkeypatch.setattr(personnes, "refresh", lambda: calls.append("personnes"))

    with window.ctx.db.session() as s:
        action_id = rdv_service.add_action(s, {"libelle": "Relancer", "echeance": clock.today()}).id
    run_write(window.ctx, lambda s: undo_service.mark_action_done(s, action_id))
    assert calls == ["today"]  # Personnes does not show actions: neither refreshed nor stale
    assert not personnes.property("stale")

    calls.clear()
    run_write(window.ctx, lambda s: personnes_service.save_personne(s, {"nom": "Girard", "prenom": "Inès"}))
    assert calls == ["today"] or calls == []  # Aujourd'hui shows names of people in rendez-vous
    assert "personnes" not in calls and personnes.property("stale")
    window.show_page("personnes")
    assert calls[-1] == "personnes" and not personnes.property("stale")


def test_with_the_real_background_queue_a_write_reaches_the_screen(ctx, qtbot):
    """The same path off the GUI thread: the read fills the list later, the write's touched tables
    make the screen read again (no sleeps: wait for the widget)."""
    from pole_desktop.gui.screens.personnes import PersonnesScreen
    from pole_desktop.gui.tasks import TaskRunner

    ctx.tasks = TaskRunner()  # real background queues for this test
    try:
        screen = PersonnesScreen(ctx)
        qtbot.addWidget(screen)
        qtbot.waitUntil(lambda: screen.table.rowCount() > 0, timeout=10000)
        before = screen.table.rowCount()
        write = run_write(ctx, lambda s: personnes_service.save_personne(s, {"nom": "Aaronson", "prenom": "Zoé"}).id)
        assert write.ok is None  # still running: the GUI thread was not blocked
        qtbot.waitUntil(lambda: screen.table.rowCount() == before + 1, timeout=10000)
        assert write.ok is True
        names = [screen.table.item(i, 0).text() for i in range(screen.table.rowCount())]
        assert "Aaronson" in names
    finally:
        ctx.tasks.wait_idle()
        ctx.tasks.shutdown()
