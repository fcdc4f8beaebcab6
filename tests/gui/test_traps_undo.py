"""Trap 7: undo for the quick actions. Ticking « Fait » in Aujourd'hui offers « Annuler » in the
status message and Ctrl+Z (Édition menu); the undo is a new journaled change; a rendez-vous
cancelled or moved in the Agenda is undone the same way."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from pole_desktop import clock
from pole_desktop.domain.local import ChangeLog
from pole_desktop.domain.models import Action, RendezVous
from pole_desktop.services import rendez_vous as rdv_service


def _rows(table) -> list[str]:
    return [table.item(i, 1).text() for i in range(table.rowCount())]


def _active(qtbot, window) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_tick_fait_then_ctrl_z_brings_the_action_back(ctx, window, qtbot) -> None:
    me = ctx.db.journal.author_id
    with ctx.db.session() as s:
        aid = rdv_service.add_action(s, {"libelle": "Relancer la mairie", "responsable_id": me,
                                         "echeance": clock.today() - dt.timedelta(days=3)}).id
    ctx.notify("action")
    _active(qtbot, window)
    window.show_page("aujourdhui")
    screen = window.current_screen()
    o = screen.overdue_table
    o.item(_rows(o).index("Relancer la mairie"), 0).setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: "Relancer la mairie" not in _rows(screen.overdue_table), timeout=3000)
    bar = window.undo_bar
    assert bar.message.isVisible() and "Action faite : Relancer la mairie" in bar.message.text()
    assert bar.button.isVisible() and "Annuler" in bar.button.text()
    edition = window._menus["Édition"]
    assert any(a.text() == "Annuler : action faite : Relancer la mairie" and a.isEnabled()
               for a in edition.actions())

    screen.overdue_table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Relancer la mairie" in _rows(screen.overdue_table), timeout=3000)
    with ctx.db.read() as s:
        a = s.get(Action, aid)
        assert (a.faite, a.faite_le) == (False, None)
        values = s.scalars(select(ChangeLog.value).where(ChangeLog.row_id == aid, ChangeLog.col == "faite")
                           .order_by(ChangeLog.seq)).all()
    assert values[-2:] == ["true", "false"]  # the undo is a change of its own: it syncs
    assert "Annulé" in bar.message.text() and not bar.button.isVisible()
    assert not window.undo_bar.action.isEnabled()


def test_cancel_in_the_agenda_then_annuler_in_the_status_bar(ctx, window, qtbot) -> None:
    day = clock.today() + dt.timedelta(days=1)
    with ctx.db.session() as s:
        rid = rdv_service.plan_rendez_vous(s, {"debut": dt.datetime.combine(day, dt.time(10)),
                                               "objet": "Comité de pilotage"}).id
    _active(qtbot, window)
    window.show_page("agenda")
    agenda = window.current_screen()
    agenda.go_to(day)
    agenda.confirm = lambda *_: True
    agenda.view.select(rid)
    assert agenda.cancel_selected()
    with ctx.db.read() as s:
        assert s.get(RendezVous, rid).statut == "annule"
    assert "Rendez-vous annulé : Comité de pilotage" in window.undo_bar.message.text()
    qtbot.mouseClick(window.undo_bar.button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    with ctx.db.read() as s:
        assert s.get(RendezVous, rid).statut == "prevu"
    assert agenda.view.item(rid).statut == "prevu"


def test_change_etape_then_ctrl_z_puts_the_previous_etape_back(ctx, window, qtbot) -> None:
    from pole_desktop.domain.models import Dossier, EtapeHistorique
    from pole_desktop.gui.dialogs.change_etape import ChangeEtapeDialog

    with ctx.db.read() as s:
        d = s.scalars(select(Dossier).where(Dossier.dispositif == "dla", Dossier.etape == "accueil")).first()
        did = d.id
        history = s.scalars(select(EtapeHistorique.id).where(EtapeHistorique.dossier_id == did)).all()
    _active(qtbot, window)
    window.open_dossier(did)
    dialog = ChangeEtapeDialog(ctx, did, window)
    qtbot.addWidget(dialog)
    dialog.choose("cloture", "abandon")
    dialog.submit()
    with ctx.db.read() as s:
        assert s.get(Dossier, did).etape == "cloture"
    assert "passé à l'étape « Clôture »" in window.undo_bar.message.text()
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with ctx.db.read() as s:
        d = s.get(Dossier, did)
        assert (d.etape, d.date_cloture, d.motif_cloture) == ("accueil", None, None)
        assert s.scalars(select(EtapeHistorique.id).where(EtapeHistorique.dossier_id == did)).all() == history
