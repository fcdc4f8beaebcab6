"""SyncWatcher and the status-bar offer, on a real folder share that disappears and comes back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from pole_desktop.services import personnes
from tests.gui.laptops import GuiLaptop

pytestmark = pytest.mark.usefixtures("qapp")


def _save_folder_share(db, path: Path) -> None:
    from pole_desktop.sync.config import ShareConfig, save_share_config

    save_share_config(db, ShareConfig(kind="folder", path=str(path)))


class Window(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.indicator_refreshes = 0

    def refresh_sync_indicator(self) -> None:
        self.indicator_refreshes += 1


def _checked(qtbot, watcher) -> tuple[bool, str]:
    with qtbot.waitSignal(watcher.checked, timeout=10_000) as blocker:
        watcher.check_now()
    return tuple(blocker.args)


def test_offer_when_the_share_comes_back_with_changes(qtbot, gui_laptops, tmp_path: Path) -> None:  # noqa: F811
    from pole_desktop.gui.sync_watcher import SyncWatcher

    lp: GuiLaptop = gui_laptops("poste-a")
    share = tmp_path / "partage"
    watcher = SyncWatcher(lp.ctx)
    offers: list[int] = []
    watcher.offer_sync.connect(offers.append)

    ok, message = _checked(qtbot, watcher)
    assert not ok and "Aucun partage n'est configuré" in message

    _save_folder_share(lp.db, share)
    ok, message = _checked(qtbot, watcher)
    assert not ok and "introuvable" in message
    assert offers == []

    share.mkdir()  # the share is reachable again, and this laptop has changes to send
    ok, message = _checked(qtbot, watcher)
    assert ok and message.startswith("Connexion réussie")
    assert len(offers) == 1 and offers[0] > 0

    _checked(qtbot, watcher)  # still reachable: no second offer
    assert len(offers) == 1


def test_no_offer_without_pending_changes(qtbot, gui_laptops, tmp_path: Path) -> None:  # noqa: F811
    from pole_desktop.gui.sync_jobs import run_sync
    from pole_desktop.gui.sync_watcher import SyncWatcher

    lp = gui_laptops("poste-a")
    share = tmp_path / "partage"
    share.mkdir()
    _save_folder_share(lp.db, share)
    assert run_sync(lp.db, lambda: False, lambda *a: None).ok  # everything sent
    watcher = SyncWatcher(lp.ctx)
    offers: list[int] = []
    watcher.offer_sync.connect(offers.append)
    assert _checked(qtbot, watcher)[0] is True
    assert offers == []


def test_status_bar_offer_runs_a_sync(qtbot, gui_laptops, tmp_path: Path) -> None:  # noqa: F811
    from pole_desktop.gui.sync_watcher import OFFER_FR, install_sync_watcher

    lp = gui_laptops("poste-a")
    share = tmp_path / "partage"
    share.mkdir()
    _save_folder_share(lp.db, share)
    with lp.db.session() as s:
        personnes.save_personne(s, {"nom": "Faure", "prenom": "Léa"})
    window = Window()
    qtbot.addWidget(window)
    window.show()
    watcher = install_sync_watcher(window, lp.ctx, start=False)
    assert watcher.timer.interval() == 60_000
    bar = watcher.bar
    assert not bar.isVisible()

    with qtbot.waitSignal(watcher.offer_sync, timeout=10_000):
        watcher.check_now()
    assert bar.isVisible() and bar.label.text().startswith(OFFER_FR)

    with qtbot.waitSignal(watcher.offer.finished, timeout=20_000) as blocker:
        qtbot.mouseClick(bar.sync_button, Qt.MouseButton.LeftButton)
    receipt = blocker.args[0]
    assert receipt.ok, receipt.error
    assert not bar.isVisible()
    assert window.statusBar().currentMessage().startswith("Synchronisation réussie")
    assert window.indicator_refreshes == 1
    assert (share / "pole-desktop-v2").is_dir()


def test_later_hides_the_offer(qtbot, gui_laptops, tmp_path: Path) -> None:  # noqa: F811
    from pole_desktop.gui.sync_watcher import install_sync_watcher

    lp = gui_laptops("poste-a")
    share = tmp_path / "partage"
    share.mkdir()
    _save_folder_share(lp.db, share)
    window = Window()
    qtbot.addWidget(window)
    window.show()
    watcher = install_sync_watcher(window, lp.ctx, start=False)
    with qtbot.waitSignal(watcher.offer_sync, timeout=10_000):
        watcher.check_now()
    qtbot.mouseClick(watcher.bar.later_button, Qt.MouseButton.LeftButton)
    assert not watcher.bar.isVisible()
    assert list(share.iterdir()) == []  # nothing was synced


def test_smb_share_drops_and_comes_back(qtbot, gui_laptops, samba_server, memory_keyring) -> None:  # noqa: F811
    from pole_desktop.gui.sync_watcher import SyncWatcher
    from pole_desktop.sync.config import save_share_config
    from pole_desktop.sync.credentials import set_password
    from tests.sync.smb_helpers import own_folder, smb_config

    lp = gui_laptops("poste-a")
    cfg = smb_config(samba_server, own_folder(samba_server, "watch"))
    save_share_config(lp.db, cfg)
    watcher = SyncWatcher(lp.ctx)
    offers: list[int] = []
    changes: list[bool] = []
    watcher.offer_sync.connect(offers.append)
    watcher.reachability_changed.connect(changes.append)

    ok, message = _checked(qtbot, watcher)
    assert not ok and message.startswith("Aucun mot de passe enregistré")
    set_password(cfg, samba_server.password)
    assert _checked(qtbot, watcher)[0] is True
    assert len(offers) == 1  # the accompagnateur created by the fixture is waiting to be sent

    samba_server.stop()
    try:
        ok, message = _checked(qtbot, watcher)
    finally:
        samba_server.start()
    assert not ok and message == "Impossible de joindre le serveur 127.0.0.1 : vérifiez le réseau ou le VPN."
    assert _checked(qtbot, watcher)[0] is True
    assert len(offers) == 2
    assert changes == [False, True, False, True]
