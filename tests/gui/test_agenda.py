"""Agenda: plan a rendez-vous by double-clicking a slot, move it (drag and dialog), cancel it,
overlaps flagged, .ics export and import through the buttons."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from pole_desktop.domain.models import RendezVous
from pole_desktop.gui.dialogs.move_rendez_vous import MoveRendezVousDialog
from pole_desktop.gui.dialogs.rendez_vous_dialog import RendezVousDialog, to_qdatetime
from pole_desktop.gui.screens.agenda import AgendaScreen
from pole_desktop.services import calendar_ics, rendez_vous

MONDAY = dt.date(2027, 1, 11)  # a week without demo rendez-vous


def _screen(qtbot, ctx) -> AgendaScreen:
    screen = AgendaScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    qtbot.waitExposed(screen)
    screen.set_week_mode(True)
    screen.go_to(MONDAY + dt.timedelta(days=2))
    return screen


def _plan(ctx, debut: dt.datetime, minutes: int = 60, objet: str = "Point") -> str:
    with ctx.db.session() as s:
        return rendez_vous.plan_rendez_vous(
            s, {"debut": debut, "fin": debut + dt.timedelta(minutes=minutes), "objet": objet, "participants": []}
        ).id


def _rdv(ctx, rdv_id: str) -> SimpleNamespace:
    with ctx.db.read() as s:
        r = s.get(RendezVous, rdv_id)
        return SimpleNamespace(id=r.id, debut=r.debut, fin=r.fin, objet=r.objet, statut=r.statut,
                               accompagnateur_id=r.accompagnateur_id)


def _centre(view, rdv_id: str) -> QPoint:
    return view.item(rdv_id).rect.center().toPoint()


def test_week_view_has_french_day_headers_and_navigation(qtbot, people_ctx) -> None:
    from pole_desktop.gui.widgets.agenda_view import day_header

    screen = _screen(qtbot, people_ctx)
    assert screen.view.days[0] == MONDAY and len(screen.view.days) == 7
    assert screen.period.text() == "Semaine du 11 au 17 janvier 2027"
    assert day_header(MONDAY) == "lun. 11/01"
    qtbot.mouseClick(screen.next_button, Qt.MouseButton.LeftButton)
    assert screen.view.days[0] == MONDAY + dt.timedelta(days=7)
    qtbot.mouseClick(screen.day_button, Qt.MouseButton.LeftButton)
    assert screen.view.days == [MONDAY + dt.timedelta(days=9)]
    assert screen.period.text() == "Mercredi 20 janvier 2027"


def test_double_click_on_an_empty_slot_then_enter_plans_a_rendez_vous(qtbot, people_ctx) -> None:
    screen = _screen(qtbot, people_ctx)
    seen: list[RendezVousDialog] = []

    def fill_and_press_enter(dlg: RendezVousDialog) -> int:
        seen.append(dlg)
        dlg.show()
        assert dlg.debut.dateTime() == to_qdatetime(dt.datetime(2027, 1, 12, 8, 30))  # the slot clicked
        qtbot.keyClicks(dlg.objet, "Point budget")
        qtbot.keyClick(dlg.objet, Qt.Key.Key_Return)
        return dlg.result()

    screen.exec_dialog = fill_and_press_enter
    day = MONDAY + dt.timedelta(days=1)
    qtbot.mouseDClick(screen.view, Qt.MouseButton.LeftButton, pos=screen.view.slot_point(day, dt.time(8, 30)))
    assert len(seen) == 1 and seen[0].saved_id
    r = _rdv(people_ctx, seen[0].saved_id)
    assert (r.debut, r.fin, r.objet, r.statut) == (dt.datetime(2027, 1, 12, 8, 30), dt.datetime(2027, 1, 12, 9, 30),
                                                   "Point budget", "prevu")
    assert r.accompagnateur_id == people_ctx.db.journal.author_id
    assert screen.view.selected_id == r.id and screen.view.item(r.id) is not None


def test_invalid_slot_shows_the_error_and_saves_nothing(qtbot, people_ctx) -> None:
    dlg = RendezVousDialog(people_ctx, dt.datetime(2027, 1, 12, 9))
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.commune_edit.setText("Lyon")
    with people_ctx.db.read() as s:
        before = s.scalar(select(func.count()).select_from(RendezVous))
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.error.isVisible() and "Choisissez une commune de Côte-d'Or" in dlg.error.text()
    with people_ctx.db.read() as s:
        assert s.scalar(select(func.count()).select_from(RendezVous)) == before


def _send(widget, kind, pos: QPoint, button, buttons) -> None:
    local = QPointF(pos)
    event = QMouseEvent(kind, local, QPointF(widget.mapToGlobal(pos)), button, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def test_drag_a_rendez_vous_to_another_day_and_time_moves_it(qtbot, people_ctx) -> None:
    rid = _plan(people_ctx, dt.datetime(2027, 1, 12, 10, 0), 90)
    screen = _screen(qtbot, people_ctx)
    view = screen.view
    start = _centre(view, rid)
    # Grab the block at its top slot (10:00) and drop it on Thursday 14:00.
    grab = view.slot_point(MONDAY + dt.timedelta(days=1), dt.time(10, 0))
    target = view.slot_point(MONDAY + dt.timedelta(days=3), dt.time(14, 0))
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    _send(view, QEvent.Type.MouseButtonPress, grab, left, left)
    assert view.selected_id == rid
    _send(view, QEvent.Type.MouseMove, (grab + target) / 2, none, left)
    _send(view, QEvent.Type.MouseMove, target, none, left)
    _send(view, QEvent.Type.MouseButtonRelease, target, left, none)
    r = _rdv(people_ctx, rid)
    assert (r.debut, r.fin) == (dt.datetime(2027, 1, 14, 14, 0), dt.datetime(2027, 1, 14, 15, 30))
    assert view.item(rid).debut == r.debut
    assert start != _centre(view, rid)


def test_select_then_deplacer_moves_through_the_dialog(qtbot, people_ctx) -> None:
    rid = _plan(people_ctx, dt.datetime(2027, 1, 13, 9, 0))
    screen = _screen(qtbot, people_ctx)
    qtbot.mouseClick(screen.view, Qt.MouseButton.LeftButton, pos=_centre(screen.view, rid))
    assert screen.move_button.isEnabled()

    def move(dlg: MoveRendezVousDialog) -> int:
        dlg.show()
        dlg.debut.setDateTime(to_qdatetime(dt.datetime(2027, 1, 15, 16, 30)))
        dlg.duree.setCurrentIndex(dlg.duree.findData(30))
        return dlg.save()

    screen.exec_dialog = move
    qtbot.mouseClick(screen.move_button, Qt.MouseButton.LeftButton)
    r = _rdv(people_ctx, rid)
    assert (r.debut, r.fin) == (dt.datetime(2027, 1, 15, 16, 30), dt.datetime(2027, 1, 15, 17, 0))


def test_cancel_asks_then_marks_annule_and_shows_it_struck_through(qtbot, people_ctx) -> None:
    rid = _plan(people_ctx, dt.datetime(2027, 1, 13, 11, 0), objet="Comité")
    screen = _screen(qtbot, people_ctx)
    qtbot.mouseClick(screen.view, Qt.MouseButton.LeftButton, pos=_centre(screen.view, rid))
    questions = []
    screen.confirm = lambda title, text: questions.append(text) or False
    qtbot.mouseClick(screen.cancel_button, Qt.MouseButton.LeftButton)
    assert _rdv(people_ctx, rid).statut == "prevu"  # the advisor said no
    assert "Comité" in questions[0] and "mercredi 13 janvier 2027 à 11:00" in questions[0]
    screen.confirm = lambda *_: True
    qtbot.mouseClick(screen.cancel_button, Qt.MouseButton.LeftButton)
    assert _rdv(people_ctx, rid).statut == "annule"
    assert screen.view.item(rid).statut == "annule"
    assert not screen.cancel_button.isEnabled() and not screen.move_button.isEnabled()


def test_overlapping_rendez_vous_are_side_by_side_and_flagged(qtbot, people_ctx) -> None:
    a = _plan(people_ctx, dt.datetime(2027, 1, 14, 9, 0), 90, "A")
    b = _plan(people_ctx, dt.datetime(2027, 1, 14, 10, 0), 60, "B")
    c = _plan(people_ctx, dt.datetime(2027, 1, 14, 14, 0), 60, "C")
    d = _plan(people_ctx, dt.datetime(2027, 1, 14, 14, 30), 60, "D")
    e = _plan(people_ctx, dt.datetime(2027, 1, 14, 17, 0), 60, "E")
    with people_ctx.db.session() as s:
        rendez_vous.cancel_rendez_vous(s, d)  # a cancelled one does not count as an overlap
    screen = _screen(qtbot, people_ctx)
    view = screen.view
    assert view.overlapping_ids == {a, b}
    ra, rb = view.item(a).rect, view.item(b).rect
    assert not ra.intersects(rb) and ra.width() < view.item(e).rect.width() / 1.5
    assert c not in view.overlapping_ids and not view.item(c).rect.intersects(view.item(d).rect)
    assert "2 se chevauchent" in screen.status.text()
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=rb.center().toPoint())
    assert "Chevauche un autre rendez-vous" in screen.detail.text()


def test_double_click_on_a_rendez_vous_opens_its_compte_rendu(qtbot, people_ctx) -> None:
    rid = _plan(people_ctx, dt.datetime(2027, 1, 15, 9, 0))
    screen = _screen(qtbot, people_ctx)
    qtbot.mouseDClick(screen.view, Qt.MouseButton.LeftButton, pos=_centre(screen.view, rid))
    assert people_ctx.opened == [("compte_rendu", rid)]


def test_export_then_import_buttons_round_trip(qtbot, people_ctx, tmp_path: Path) -> None:
    _plan(people_ctx, dt.datetime(2027, 1, 12, 9, 0), objet="Premier")
    _plan(people_ctx, dt.datetime(2027, 1, 14, 15, 0), objet="Second")
    screen = _screen(qtbot, people_ctx)
    target = tmp_path / "semaine"
    screen.get_save_path = lambda suggested: str(target) if suggested == "agenda-2027-01-11-au-2027-01-17.ics" else ""
    qtbot.mouseClick(screen.export_button, Qt.MouseButton.LeftButton)
    path = tmp_path / "semaine.ics"
    events = calendar_ics.events_of(path.read_bytes())
    assert sorted(e["summary"] for e in events) == ["Premier", "Second"]
    assert "2 rendez-vous exportés" in screen.status.text()

    messages = []
    screen.inform = lambda title, text: messages.append(text)
    screen.get_open_path = lambda: str(path)
    qtbot.mouseClick(screen.import_button, Qt.MouseButton.LeftButton)
    assert messages == ["2 déjà à jour."]  # our own events: nothing to change
    bad = tmp_path / "bad.ics"
    bad.write_text("pas un calendrier")
    screen.get_open_path = lambda: str(bad)
    qtbot.mouseClick(screen.import_button, Qt.MouseButton.LeftButton)
    assert messages[-1] == "Ce fichier n'est pas un calendrier .ics lisible."


def test_keyboard_select_open_and_cancel(qtbot, people_ctx) -> None:
    first = _plan(people_ctx, dt.datetime(2027, 1, 12, 9, 0), objet="Premier")
    second = _plan(people_ctx, dt.datetime(2027, 1, 12, 11, 0), objet="Second")
    screen = _screen(qtbot, people_ctx)
    screen.view.setFocus()
    qtbot.keyClick(screen.view, Qt.Key.Key_Down)
    qtbot.keyClick(screen.view, Qt.Key.Key_Down)
    assert screen.view.selected_id == second
    qtbot.keyClick(screen.view, Qt.Key.Key_Return)
    assert people_ctx.opened == [("compte_rendu", second)]
    screen.confirm = lambda *_: True
    qtbot.keyClick(screen.view, Qt.Key.Key_Delete)
    assert _rdv(people_ctx, second).statut == "annule" and _rdv(people_ctx, first).statut == "prevu"
    qtbot.keyClick(screen.view, Qt.Key.Key_PageDown)
    assert screen.view.days[0] == MONDAY + dt.timedelta(days=7)
