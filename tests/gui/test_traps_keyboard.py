"""Trap 6: Enter never cancels (the default button is the action), and no two controls of one
window share an Alt+letter."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel, QPushButton, QTabBar, QWidget
from sqlalchemy import select

from pole_desktop.domain.models import Dossier, RendezVous


def mnemonics(window: QWidget, labels: bool = True) -> dict[str, list[str]]:
    """Alt+letter → the texts that claim it, among the controls of ``window`` that are visible
    together (tab pages not shown are skipped: their controls are not reachable at the same time)."""
    found: dict[str, list[str]] = defaultdict(list)

    def add(text: str) -> None:
        m = re.search(r"&([^&\s])", text.replace("&&", ""))
        if m:
            found[m.group(1).lower()].append(text)

    for w in window.findChildren(QWidget):
        if not w.isVisibleTo(window):
            continue
        if isinstance(w, QAbstractButton):
            add(w.text())
        elif labels and isinstance(w, QLabel) and w.buddy() is not None:
            add(w.text())
        elif isinstance(w, QGroupBox):
            add(w.title())
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                add(w.tabText(i))
    if hasattr(window, "menuBar") and window.menuBar() is not None:
        for a in window.menuBar().actions():
            add(a.text())
    return {k: v for k, v in found.items() if len(v) > 1}


def _enter_clicks(qtbot, dialog, action_button: QPushButton) -> bool:
    dialog.show()
    qtbot.waitExposed(dialog)
    defaults = [b for b in dialog.findChildren(QPushButton) if b.isDefault()]
    assert defaults == [action_button], [b.text() for b in defaults]
    clicked: list[bool] = []
    action_button.clicked.connect(lambda: clicked.append(True))
    action_button.blockSignals(False)
    target = QApplication.focusWidget() if dialog.isAncestorOf(QApplication.focusWidget() or dialog) else dialog
    # Enter on the field that has the focus reaches the dialog's default button.
    with qtbot.waitSignal(action_button.clicked, timeout=1000, raising=False):
        qtbot.keyClick(target or dialog, Qt.Key.Key_Return)
    return bool(clicked)


def test_enter_in_pack_du_lendemain_prepares_the_pack(ctx, qtbot, monkeypatch) -> None:
    from pole_desktop.gui import documents_actions
    from pole_desktop.gui.documents_actions import PackDialog

    built: list[object] = []
    monkeypatch.setattr(documents_actions, "build_pack", lambda *a, **k: built.append(a))
    d = PackDialog(ctx)
    qtbot.addWidget(d)
    assert _enter_clicks(qtbot, d, d.build_button)
    assert built, "Enter prepared nothing"
    assert not mnemonics(d)


def test_enter_in_generer_un_document_generates(ctx, qtbot, monkeypatch) -> None:
    from pole_desktop.gui.dialogs import generate_document
    from pole_desktop.gui.dialogs.generate_document import GenerateDocumentDialog

    made: list[object] = []
    monkeypatch.setattr(generate_document, "generate_and_preview", lambda *a, **k: made.append(a))
    with ctx.db.read() as s:
        did = s.scalar(select(Dossier.id).limit(1))
    d = GenerateDocumentDialog(ctx, "dossier", did)
    qtbot.addWidget(d)
    assert _enter_clicks(qtbot, d, d.generate_button)
    assert made
    assert not mnemonics(d)


@pytest.mark.parametrize("which", ["new_dossier", "rendez_vous", "compte_rendu", "dossier_page", "main_window"])
def test_no_two_controls_share_an_alt_letter(ctx, qtbot, which) -> None:
    from pole_desktop.gui import main_window as mw
    from pole_desktop.gui.application import build_main_window

    window = build_main_window(ctx)
    qtbot.addWidget(window)
    window.confirm_unsaved = lambda *_: mw.DISCARD
    with ctx.db.read() as s:
        rid = s.scalar(select(RendezVous.id).where(RendezVous.dossier_id.is_not(None)).limit(1))
        did = s.scalar(select(RendezVous.dossier_id).where(RendezVous.id == rid))
    if which == "new_dossier":
        from pole_desktop.gui.dialogs.new_dossier import NewDossierDialog
        w = NewDossierDialog(ctx)
    elif which == "rendez_vous":
        import datetime as dt

        from pole_desktop.gui.dialogs.rendez_vous_dialog import RendezVousDialog
        w = RendezVousDialog(ctx, dt.datetime(2027, 1, 12, 9), dossier_id=did)
    elif which == "compte_rendu":
        from pole_desktop.gui.dialogs.compte_rendu import CompteRenduDialog
        w = CompteRenduDialog(ctx, rid)
    elif which == "dossier_page":
        window.show()
        window.open_dossier(did)
        w = window
    else:
        w = window
    if w is not window:
        qtbot.addWidget(w)
    w.show()
    stray = [lb.text() for lb in w.findChildren(QLabel) if lb.isVisibleTo(w) and lb.buddy() is None
             and "<" not in lb.text() and "&nbsp;" not in lb.text() and re.search(r"(?<!&)&(?!&)", lb.text())]
    assert not stray, f"a mnemonic without a field to go to shows its « & »: {stray}"
    if which != "dossier_page":
        assert not mnemonics(w)
        return
    # The tab bar's letters are reachable from every tab: check each tab in turn, with the
    # tabs, buttons and menus (the synthesis form's many field labels are left to its owner).
    tabs = w.current_screen().tabs
    for i in range(tabs.count()):
        tabs.setCurrentIndex(i)
        assert not mnemonics(w, labels=False), tabs.tabText(i)


def test_enter_in_the_rendez_vous_dialog_saves(ctx, qtbot) -> None:
    import datetime as dt

    from pole_desktop.gui.dialogs.rendez_vous_dialog import RendezVousDialog

    d = RendezVousDialog(ctx, dt.datetime(2027, 1, 12, 9))
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    assert [b for b in d.findChildren(QPushButton) if b.isDefault()] == [d.save_button]
