"""Trap 9, the smaller ones: counts written « 53 922 » everywhere; no stale « N modifications
à envoyer » offer once a sync has run; Ctrl+Q with unsent changes offers to sync; a loading
sign while the first lists are read."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow

from pole_desktop.sync.engine import sync
from pole_desktop.sync.folder import FolderTransport
from tests.gui.sync_fixtures import GuiLaptop, gui_laptops  # noqa: F401 - fixture

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
