"""Aujourd'hui: the advisor's rendez-vous of today and tomorrow, actions, dossiers waiting."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from sqlalchemy import select

from pole_desktop import clock
from pole_desktop.domain.models import Action, RendezVous
from pole_desktop.gui.screens.today import TodayScreen
from pole_desktop.services import rendez_vous as rdv_service


def test_today_lists_and_actions(ctx, qtbot):
    me = ctx.db.journal.author_id
    today = clock.today()
    with ctx.db.session() as s:
        rdv = rdv_service.plan_rendez_vous(s, {"debut": dt.datetime.combine(today, dt.time(7, 5)),
                                               "adresse": "12 rue des Tanneries", "commune_insee": "21231",
                                               "objet": "Premier contact"})
        late = rdv_service.add_action(s, {"libelle": "Relancer la mairie", "responsable_id": me,
                                          "echeance": today - dt.timedelta(days=3)})
        rdv_id, late_id = rdv.id, late.id
    opened = []
    ctx.open_compte_rendu = opened.append
    screen = TodayScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    with ctx.db.read() as s:
        expected = s.scalar(select(RendezVous.id).where(
            RendezVous.accompagnateur_id == me, RendezVous.debut >= dt.datetime.combine(today, dt.time()),
            RendezVous.debut < dt.datetime.combine(today + dt.timedelta(days=1), dt.time())).order_by(RendezVous.debut))
    t = screen.today_table
    assert expected == rdv_id and t.item(0, 0).text() == "07:05–08:05"
    assert t.item(0, 2).text() == "Dijon" and t.item(0, 3).text() == "12 rue des Tanneries"
    assert "Aujourd'hui" in screen.heading.text()
    t.setCurrentCell(0, 1)
    qtbot.keyClick(t, Qt.Key.Key_Return)
    assert opened == [rdv_id]
    o = screen.overdue_table
    row = [o.item(i, 1).text() for i in range(o.rowCount())].index("Relancer la mairie")
    o.item(row, 0).setCheckState(Qt.CheckState.Checked)
    with ctx.db.read() as s:
        assert s.get(Action, late_id).faite is True
    screen.refresh()
    assert "Relancer la mairie" not in [o.item(i, 1).text() for i in range(o.rowCount())]


def test_dossiers_waiting_without_recent_rendez_vous(ctx, qtbot):
    from pole_desktop.services import dossiers as dossier_service

    today = clock.today()
    with ctx.db.session() as s:
        quiet = dossier_service.create_dossier(s, {"dispositif": "dla", "titre": "Dossier silencieux",
                                                   "date_ouverture": today - dt.timedelta(days=60)}).id
        busy = dossier_service.create_dossier(s, {"dispositif": "dla", "titre": "Dossier suivi",
                                                  "date_ouverture": today - dt.timedelta(days=60)}).id
        rdv_service.plan_rendez_vous(s, {"dossier_id": busy,
                                         "debut": dt.datetime.combine(today - dt.timedelta(days=5), dt.time(10))})
    opened = []
    ctx.open_dossier = opened.append
    screen = TodayScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    ids = [r["id"] for r in screen.data.waiting]
    assert quiet in ids and busy not in ids
    row = ids.index(quiet)
    assert screen.waiting_table.item(row, 3).text() == "aucun"
    assert screen.waiting_table.item(row, 4).text() == "60 jours"
    screen.waiting_table.doubleClicked.emit(screen.waiting_table.model().index(row, 1))
    assert opened == [quiet]
