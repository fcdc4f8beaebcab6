"""Trap 8: one search over the whole application. Ctrl+F on Aujourd'hui (no list there) and
Ctrl+K anywhere open it; accents are optional; results are grouped; ↓ and Entrée open the
highlighted result where it lives."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from pole_desktop import clock
from pole_desktop.gui.widgets.tables import current_id
from pole_desktop.services import ateliers, dossiers, personnes, rendez_vous, structures


def _data(db) -> dict[str, str]:
    with db.session() as s:
        p = personnes.save_personne(s, {"nom": "Béraudière", "prenom": "Éléonore", "commune_insee": "21231"}).id
        st = structures.save_structure(s, {"raison_sociale": "Épicerie Béraudière"}).id
        d = dossiers.create_dossier(s, {"dispositif": "dla", "titre": "Café de la Béraudière",
                                        "beneficiaires": [p], "date_ouverture": clock.today()}).id
        day = clock.today() + dt.timedelta(days=3)
        r = rendez_vous.plan_rendez_vous(s, {"dossier_id": d, "debut": dt.datetime.combine(day, dt.time(10)),
                                             "objet": "Plan de financement", "participants": [p]}).id
        a = ateliers.save_atelier(s, {"titre": "Atelier Béraudière : gouvernance",
                                      "debut": dt.datetime.combine(day, dt.time(14))}).id
    return {"personne": p, "structure": st, "dossier": d, "rendez_vous": r, "atelier": a}


def _active(qtbot, window) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def _dialog(qtbot, window):
    qtbot.waitUntil(lambda: getattr(window, "last_search_dialog", None) is not None
                    and window.last_search_dialog.isVisible(), timeout=2000)
    return window.last_search_dialog


def _type(qtbot, dialog, text: str) -> None:
    dialog.edit.clear()
    dialog.results.clear()
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, dialog.edit, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)
    dialog.edit.textEdited.emit(dialog.edit.text())
    qtbot.waitUntil(lambda: dialog.results.topLevelItemCount() > 0, timeout=3000)


def test_ctrl_f_on_today_finds_everything_without_accents_grouped(ctx, window, qtbot) -> None:
    ids = _data(ctx.db)
    _active(qtbot, window)
    window.show_page("aujourdhui")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    dialog = _dialog(qtbot, window)
    _type(qtbot, dialog, "beraudiere")
    groups = {dialog.results.topLevelItem(i).text(0).split(" (")[0]: dialog.results.topLevelItem(i)
              for i in range(dialog.results.topLevelItemCount())}
    assert list(groups) == ["Personnes", "Structures", "Dossiers", "Rendez-vous", "Ateliers"]
    found = {h.kind: h.id for h in (it.data(0, Qt.ItemDataRole.UserRole + 1) for it in dialog.selectable_items())}
    assert found == ids
    assert dialog.current_hit().kind == "personne"  # the first result is highlighted
    # ↓ moves to the structure (group titles are skipped), Entrée opens it in Structures.
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Down)
    assert dialog.current_hit().kind == "structure"
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert not dialog.isVisible()
    screen = window.current_screen()
    assert screen.key == "structures" and current_id(screen.table) == ids["structure"]


def test_ctrl_k_from_a_list_opens_a_dossier_and_a_rendez_vous(ctx, window, qtbot) -> None:
    ids = _data(ctx.db)
    _active(qtbot, window)
    window.show_page("dossiers")
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dialog = _dialog(qtbot, window)
    _type(qtbot, dialog, "cafe beraud")
    assert [dialog.results.topLevelItem(i).text(0) for i in range(dialog.results.topLevelItemCount())][0] \
        == "Dossiers (1)"
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert window.current_screen().dossier_id == ids["dossier"]

    _active(qtbot, window)  # the dialog closed: the window is active again
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dialog = _dialog(qtbot, window)
    _type(qtbot, dialog, "eleonore")
    while dialog.current_hit().kind != "rendez_vous":
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    agenda = window.current_screen()
    assert agenda.key == "agenda" and agenda.view.selected_id == ids["rendez_vous"]
