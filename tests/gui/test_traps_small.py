"""Trap 9, the smaller ones: counts written « 53 922 » everywhere; no stale « N modifications
à envoyer » offer once a sync has run; Ctrl+Q with unsent changes offers to sync; a loading
sign while the first lists are read."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow

from pole_desktop.sync import share_layout as L
from pole_desktop.sync.engine import sync
from pole_desktop.sync.folder import FolderTransport
from tests.gui.laptops import GuiLaptop

pytestmark = pytest.mark.usefixtures("qapp")


def test_the_offer_writes_counts_the_french_way_and_goes_once_synced(qtbot, gui_laptops, tmp_path: Path) -> None:  # noqa: F811
    from pole_desktop.gui.sync_watcher import install_sync_watcher

    lp: GuiLaptop = gui_laptops("poste-a")
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    watcher = install_sync_watcher(window, lp.ctx, start=False)
    watcher.offer.show_offer(53922)
    assert watcher.bar.isVisible()
    assert "(53\u202f922 modifications à envoyer)" in watcher.bar.label.text()  # a narrow no-break space
    # A sync run from anywhere (here the engine, then the screen's notification) ends the offer.
    share = tmp_path / "partage"
    share.mkdir()
    assert sync(lp.db, FolderTransport(share)).ok
    lp.ctx.notify("sync_run", "local_state")
    assert not watcher.bar.isVisible()


def test_list_counts_are_written_with_a_thousands_space(qtbot, ctx) -> None:
    from pole_desktop.domain.models import Structure
    from pole_desktop.gui.screens.structures import StructuresScreen
    from pole_desktop.storage import journal

    with ctx.db.read() as s:
        from sqlalchemy import func, select

        before = s.scalar(select(func.count()).select_from(Structure))
    with ctx.db.session() as s:
        rows = [{"id": str(uuid.uuid4()), "raison_sociale": f"Association n° {i}", "esus": False,
                 "collectivite": False} for i in range(1000)]
        journal.bulk_insert(s, Structure, rows)
    screen = StructuresScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    n = before + 1000
    assert screen.count_label.text() == f"{n // 1000}\u202f{n % 1000:03d} structures"


def _window_with_share(qtbot, lp, share: Path):
    from pole_desktop.gui import main_window as mw
    from pole_desktop.gui.sync_watcher import install_sync_watcher
    from pole_desktop.sync.config import ShareConfig, save_share_config

    save_share_config(lp.db, ShareConfig(kind="folder", path=str(share)))
    window = mw.MainWindow(lp.ctx)
    qtbot.addWidget(window)
    install_sync_watcher(window, lp.ctx, start=False)
    window.confirm_unsaved = lambda *_: mw.DISCARD
    window.show()
    return window


def test_quit_with_unsent_changes_offers_to_sync_then_quits(qtbot, gui_laptops, tmp_path: Path) -> None:  # noqa: F811
    from pole_desktop.services import personnes
    from pole_desktop.services.info import pending_changes

    lp: GuiLaptop = gui_laptops("poste-a")
    share = tmp_path / "partage"
    share.mkdir()
    window = _window_with_share(qtbot, lp, share)
    with lp.db.session() as s:
        personnes.save_personne(s, {"nom": "Quillot", "prenom": "Yves"})
    asked: list[int] = []

    def ask(_parent, pending: int) -> str:
        asked.append(pending)
        return "cancel" if len(asked) == 1 else "sync"

    window.ask_sync_before_quit = ask
    window.close()  # Ctrl+Q → « Quitter »: asked, and « Annuler » keeps the window
    assert window.isVisible() and asked and asked[0] > 0
    window.close()  # « Synchroniser et quitter »
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    with lp.db.read() as s:
        assert pending_changes(s, lp.db.device_id) == 0
    assert any((share / L.DEVICES).iterdir())


def test_quit_waits_for_the_background_count_then_asks(qtbot, gui_laptops, tmp_path: Path,  # noqa: F811
                                                       monkeypatch) -> None:
    # The count of changes to send is read on the db queue, not in closeEvent: the window stays
    # until it arrives, then asks with it (here the queue answers late, as a real one can).
    from pole_desktop.services import personnes

    lp: GuiLaptop = gui_laptops("poste-a")
    share = tmp_path / "partage"
    share.mkdir()
    window = _window_with_share(qtbot, lp, share)
    with lp.db.session() as s:  # written after the status bar's last count
        personnes.save_personne(s, {"nom": "Quillot", "prenom": "Yves"})
    later: list = []
    run = lp.ctx.tasks.run
    monkeypatch.setattr(lp.ctx.tasks, "run", lambda *a, **k: later.append((a, k)))
    asked: list[int] = []
    window.ask_sync_before_quit = lambda _p, n: asked.append(n) or "quit"
    window.close()
    assert window.isVisible() and not asked and len(later) == 1  # counting, not blocking
    monkeypatch.setattr(lp.ctx.tasks, "run", run)
    a, k = later.pop()
    run(*a, **k)  # the count arrives: closing resumes with it
    assert asked and asked[0] > 0 and not window.isVisible()


def test_quit_without_pending_changes_asks_nothing(qtbot, gui_laptops, tmp_path: Path) -> None:  # noqa: F811
    lp: GuiLaptop = gui_laptops("poste-a")
    share = tmp_path / "partage"
    share.mkdir()
    assert sync(lp.db, FolderTransport(share)).ok
    window = _window_with_share(qtbot, lp, share)
    window.ask_sync_before_quit = lambda *_: pytest.fail("nothing to send: no question")
    window.close()
    assert not window.isVisible()


def test_first_window_says_it_is_loading_until_the_lists_arrive(qtbot, db) -> None:
    import threading

    from pole_desktop.gui.context import AppContext
    from pole_desktop.gui.layout_state import open_settings
    from pole_desktop.gui.screens.dossiers import DossiersScreen
    from pole_desktop.gui.screens.today import TodayScreen
    from pole_desktop.gui.tasks import TaskRunner

    tasks = TaskRunner()  # real background queues
    ctx = AppContext(db=db, tasks=tasks, settings=open_settings(db.data_dir.root))
    gate = threading.Event()
    tasks.run(lambda _t, _r: gate.wait(10))  # the db queue is busy (a large file being read)
    try:
        today = TodayScreen(ctx)
        dossiers = DossiersScreen(ctx)
        for w in (today, dossiers):
            qtbot.addWidget(w)
        today.refresh()
        dossiers.refresh()
        assert "Chargement de votre journée" in today.heading.text()
        assert today.overdue_label.text() == "Actions en retard (chargement…)"
        assert dossiers.count.text() == "Chargement des dossiers…"
        gate.set()
        qtbot.waitUntil(lambda: "Chargement" not in today.heading.text(), timeout=10_000)
        qtbot.waitUntil(lambda: "dossier" in dossiers.count.text() and "Chargement" not in dossiers.count.text(),
                        timeout=10_000)
        assert "chargement" not in today.overdue_label.text()
    finally:
        gate.set()
        tasks.wait_idle()
        tasks.shutdown()
