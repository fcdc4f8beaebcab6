"""Trap 5: an open conflict stays visible outside the Synchronisation page — the navigation
reads « Synchronisation (N) » and the dossier that has one says so — until it is settled."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from pole_desktop.domain.local import Conflict
from pole_desktop.services import dossiers
from pole_desktop.sync import conflicts
from pole_desktop.sync.engine import sync
from pole_desktop.sync.folder import FolderTransport


def _conflict(a, b, share: Path) -> str:
    t = FolderTransport(share)
    with a.db.session() as s:
        did = dossiers.create_dossier(s, {"dispositif": "dla", "titre": "Épicerie solidaire de Montbard",
                                          "date_ouverture": dt.date(2026, 3, 2)}).id
    assert sync(a.db, t).ok and sync(b.db, t).ok
    with a.db.session() as s:
        dossiers.update_dossier(s, did, {"besoins": "Version de Claire."})
    with b.db.session() as s:
        dossiers.update_dossier(s, did, {"besoins": "Version de Julien."})
    assert sync(a.db, t).ok
    r = sync(b.db, t)
    assert r.ok and r.conflicts == 1
    return did


def _nav_text(window, key: str) -> str:
    return window._item_for(key).text()


def test_conflict_badge_lasts_in_the_navigation_and_on_the_dossier(qtbot, gui_laptops, tmp_path) -> None:  # noqa: F811
    from pole_desktop.gui.main_window import MainWindow

    share = tmp_path / "partage"
    share.mkdir()
    a, b = gui_laptops("poste-a"), gui_laptops("poste-b")
    did = _conflict(a, b, share)
    window = MainWindow(b.ctx)
    qtbot.addWidget(window)
    window.show()
    window.refresh_sync_indicator()
    qtbot.waitUntil(lambda: _nav_text(window, "synchronisation") == "Synchronisation (1)", timeout=3000)
    page = window.open_dossier(did)
    assert page is not None
    qtbot.waitUntil(lambda: page.conflict_banner.isVisible(), timeout=3000)
    assert "1 conflit de synchronisation" in page.conflict_banner.text()
    assert "⚠" in _nav_text(window, f"dossier:{did}")
    # Still there a minute later and on other pages: nothing but settling it removes it.
    window.show_page("aujourdhui") if window._item_for("aujourdhui") else None
    window.refresh_sync_indicator()
    QApplication.processEvents()
    assert _nav_text(window, "synchronisation") == "Synchronisation (1)"

    with b.db.session() as s:
        cid = s.scalar(select(Conflict.id).where(Conflict.resolved_at.is_(None)))
        conflicts.resolve(s, cid, keep="loser")
    b.ctx.notify("conflict", "dossier")
    window.refresh_sync_indicator()
    qtbot.waitUntil(lambda: _nav_text(window, "synchronisation") == "Synchronisation", timeout=3000)
    window.show_page(f"dossier:{did}")
    qtbot.waitUntil(lambda: not page.conflict_banner.isVisible(), timeout=3000)
    assert "⚠" not in _nav_text(window, f"dossier:{did}")


def test_the_inbox_reads_in_the_background_and_names_this_computer(qtbot, gui_laptops, tmp_path) -> None:  # noqa: F811
    # The inbox reads on a read-only session (run_read): this laptop's side is still « cet ordinateur ».
    from PySide6.QtWidgets import QLabel

    from pole_desktop.gui.widgets.conflict_inbox import ConflictInbox

    share = tmp_path / "partage"
    share.mkdir()
    a, b = gui_laptops("poste-a"), gui_laptops("poste-b")
    _conflict(a, b, share)
    with b.db.read() as s:
        [view] = conflicts.list_open(s, me=b.db.device_id)
    assert "cet ordinateur" in {view.winner_device, view.loser_device}
    inbox = ConflictInbox(b.ctx)
    qtbot.addWidget(inbox)
    counts: list[int] = []
    inbox.count_changed.connect(counts.append)
    inbox.refresh()
    assert counts == [1] and len(inbox.cards) == 1
    texts = " ".join(label.text() for label in inbox.cards[0].findChildren(QLabel))
    assert "cet ordinateur" in texts
