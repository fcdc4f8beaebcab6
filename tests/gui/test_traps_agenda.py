"""Trap 3: the agenda shows any hour (the grid extends to the week's earliest and latest
rendez-vous: a 20:30 board meeting is a readable block) and overlaps stay readable — side by
side up to three, then « +N » that lists the others."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from pole_desktop.gui.screens.agenda import AgendaScreen
from pole_desktop.services import rendez_vous

MONDAY = dt.date(2027, 1, 11)  # a week without demo rendez-vous


def _screen(qtbot, ctx, size=(1280, 720)) -> AgendaScreen:
    screen = AgendaScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(*size)
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


def test_an_evening_meeting_is_a_readable_block(qtbot, people_ctx) -> None:  # noqa: F811
    board = _plan(people_ctx, dt.datetime(2027, 1, 13, 20, 30), 90, "Conseil d'administration")
    early = _plan(people_ctx, dt.datetime(2027, 1, 14, 6, 30), 60, "Petit-déjeuner partenaires")
    screen = _screen(qtbot, people_ctx)
    view = screen.view
    hour = view._hour_px()
    for rid, minutes in ((board, 90), (early, 60)):
        r = view.item(rid).rect
        assert r.height() >= hour * minutes / 60 - 3, f"{r.height()} px for {minutes} min"
        assert r.top() >= view.HEADER and r.bottom() <= view.height()
    # The block reads its time at 20:30 on the grid: 22:00 is drawn below it.
    assert view.first_hour <= 6 and view.last_hour >= 22
    assert view.time_at(view.item(board).rect.center()).time() >= dt.time(20, 30)


def test_more_than_three_overlaps_show_plus_n_and_list_the_others(qtbot, people_ctx) -> None:  # noqa: F811
    ids = [_plan(people_ctx, dt.datetime(2027, 1, 12, 14, 0), 60, f"Entretien {i}") for i in range(5)]
    single = _plan(people_ctx, dt.datetime(2027, 1, 12, 9, 0), 60, "Seul")
    screen = _screen(qtbot, people_ctx)
    view = screen.view
    shown = [i for i in ids if not view.item(i).rect.isEmpty()]
    assert len(shown) == 2, "two blocks side by side, the third column is « +3 »"
    assert len(view.overflow) == 1
    chip = view.overflow[0]
    assert chip.label == "+3" and len(chip.ids) == 3 and set(chip.ids) | set(shown) == set(ids)
    widths = [view.item(i).rect.width() for i in shown]
    assert min(widths) >= view.item(single).rect.width() / 3 - 2
    # Clicking « +3 » lists them; choosing one selects it (its details show, Enter opens it).
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=chip.rect.center().toPoint())
    menu = view.overflow_menu
    assert isinstance(menu, QMenu) and menu.isVisible()
    texts = [a.text() for a in menu.actions()]
    assert len(texts) == 3 and all(t.startswith("14:00–15:00") for t in texts)
    menu.actions()[1].trigger()
    QApplication.processEvents()
    assert view.selected_id == chip.ids[1]
    assert "Entretien" in screen.detail.text()
