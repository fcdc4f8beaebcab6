"""The Synchronisation screen lists the files of the share it set aside (laptop, file, French reason), and
the head office changes the team phrase from it (« Changer la phrase d'équipe… », confirmed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from pole_desktop.domain.local import SyncPeer
from pole_desktop.services import personnes
from tests.conftest import TEAM_PHRASE

pytestmark = pytest.mark.usefixtures("qapp")

SHOTS = Path(__file__).resolve().parents[2] / ".screenshots"


def _screen(qtbot, lp, share: Path):
    from pole_desktop.gui.screens.sync import SyncScreen

    screen = SyncScreen(lp.ctx)
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    panel = screen.share_panel
    panel.folder_radio.setChecked(True)
    panel.path_edit.setText(str(share))
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert panel.result.text() == "Réglages enregistrés."
    screen.refresh()
    return screen


def _sync(qtbot, screen):
    qtbot.mouseClick(screen.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.last_receipt is not None and not screen.running)
    r, screen.last_receipt = screen.last_receipt, None
    assert r.ok, r.error
    return r


def _rows(table) -> list[list[str]]:
    return [[table.item(i, j).text() for j in range(table.columnCount())] for i in range(table.rowCount())]


def test_quarantined_files_are_listed_with_laptop_file_and_reason(qtbot, gui_laptops, tmp_path) -> None:
    from pole_desktop.sync import share_layout as L

    share = tmp_path / "partage"
    share.mkdir()
    a, b = gui_laptops("poste-a"), gui_laptops("poste-b")
    sa, sb = _screen(qtbot, a, share), _screen(qtbot, b, share)
    assert _rows(sa.quarantine) == [] and sa.tabs.tabText(4) == "Mis à l'écart"
    _sync(qtbot, sa)
    with b.db.session() as s:
        personnes.save_personne(s, {"nom": "Bernard", "prenom": "Lise"})
    _sync(qtbot, sb)
    _sync(qtbot, sa)  # A knows B now (its name)
    with b.db.session() as s:
        personnes.save_personne(s, {"nom": "Caron", "prenom": "Noé"})
    _sync(qtbot, sb)
    files = sorted((share / L.ROOT / "devices" / b.db.device_id).glob("*.chg"))
    damaged = files[-1]
    good = damaged.read_bytes()
    raw = bytearray(good)
    raw[-20] ^= 0xFF
    damaged.write_bytes(bytes(raw))
    r = _sync(qtbot, sa)
    assert r.quarantined
    with a.db.read() as s:
        b_name = s.get(SyncPeer, b.db.device_id).device_name
    assert b_name
    rows = _rows(sa.quarantine)
    assert len(rows) == 1, rows
    when, laptop, state, name, reason = rows[0]
    assert laptop == b_name and state == "bloque ce poste"
    assert name.endswith(damaged.name) and b.db.device_id in name
    assert reason == r.quarantined[0][1] and ("endommag" in reason or "signature" in reason), reason
    assert sa.tabs.tabText(4) == "Mis à l'écart (1)"
    sa.tabs.setCurrentIndex(4)
    SHOTS.mkdir(exist_ok=True)
    sa.grab().save(str(SHOTS / "synchro-mis-a-l-ecart.png"))
    # A valid file under that number again (B republishes it, or a backup of the share is put back):
    # the stream resumes and the row says the file was replaced.
    damaged.write_bytes(good)
    assert _sync(qtbot, sa).received > 0
    assert [row[2] for row in _rows(sa.quarantine)] == ["remplacé depuis"]
    assert sa.tabs.tabText(4) == "Mis à l'écart"


def _fill_change_dialog(current: str, new: str, confirm: str | None = None, rotate: bool = False) -> list[str]:
    """Fill the real « changer la phrase d'équipe » dialog once it is shown (modal), then press OK."""
    seen: list[str] = []

    def fill() -> None:
        from pole_desktop.gui.dialogs.team_phrase_dialog import ChangeTeamPhraseDialog

        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ChangeTeamPhraseDialog):
            QTimer.singleShot(20, fill)
            return
        dialog.current.setText(current)
        dialog.phrase.setText(new)
        dialog.confirm.setText(new if confirm is None else confirm)
        dialog.rotate.setChecked(rotate)
        dialog.ok_button.click()
        if dialog.isVisible():  # refused: keep the message, then cancel
            seen.append(dialog.error.text())
            dialog.reject()

    QTimer.singleShot(0, fill)
    return seen


def test_change_the_team_phrase_from_the_screen(qtbot, gui_laptops, tmp_path, monkeypatch) -> None:
    from pole_desktop.sync import share_layout as L
    from pole_desktop.sync.engine import sync
    from pole_desktop.sync.folder import FolderTransport

    share = tmp_path / "partage"
    share.mkdir()
    a, b = gui_laptops("poste-a"), gui_laptops("poste-b")
    sa, sb = _screen(qtbot, a, share), _screen(qtbot, b, share)
    _sync(qtbot, sa)
    _sync(qtbot, sb)
    manifest = (share / L.SHARE_MANIFEST).read_bytes()
    asked: list[bool] = []
    new = "Nouvelle phrase du Pôle, janvier 2027"

    # Refused in the dialog: mismatch, too short.
    errors = _fill_change_dialog(TEAM_PHRASE, new, confirm="autre chose")
    qtbot.mouseClick(sa.phrase_button, Qt.MouseButton.LeftButton)
    assert errors == ["Les deux saisies de la nouvelle phrase sont différentes."]
    # A wrong current phrase: nothing changes.
    monkeypatch.setattr(type(sa), "confirm_phrase_change", staticmethod(lambda _s, rotate: asked.append(rotate)
                                                                        or True))
    _fill_change_dialog("pas la bonne phrase du tout", new)
    qtbot.mouseClick(sa.phrase_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "n'a pas été changée" in sa.status.text())
    assert "phrase d'équipe actuelle est incorrecte" in sa.status.text()
    assert (share / L.SHARE_MANIFEST).read_bytes() == manifest
    # Declined at the confirmation: nothing changes.
    monkeypatch.setattr(type(sa), "confirm_phrase_change", staticmethod(lambda _s, rotate: False))
    _fill_change_dialog(TEAM_PHRASE, new)
    qtbot.mouseClick(sa.phrase_button, Qt.MouseButton.LeftButton)
    assert sa.status.text() == "La phrase d'équipe n'a pas été changée."
    assert (share / L.SHARE_MANIFEST).read_bytes() == manifest
    # Confirmed.
    monkeypatch.setattr(type(sa), "confirm_phrase_change", staticmethod(lambda _s, rotate: asked.append(rotate)
                                                                        or True))
    _fill_change_dialog(TEAM_PHRASE, new)
    qtbot.mouseClick(sa.phrase_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "a été changée" in sa.status.text() and "pas" not in sa.status.text())
    assert asked == [False, False]
    assert (share / L.SHARE_MANIFEST).read_bytes() != manifest
    assert new.encode() not in (share / L.SHARE_MANIFEST).read_bytes()
    # B (already enrolled) keeps syncing; a new laptop needs the new phrase, the old one is refused.
    with a.db.session() as s:
        personnes.save_personne(s, {"nom": "Fabre", "prenom": "Jo"})
    _sync(qtbot, sa)
    assert _sync(qtbot, sb).received > 0
    c = gui_laptops("poste-c")
    monkeypatch.delenv("POLE_DESKTOP_TEAM_PHRASE", raising=False)
    r = sync(c.db, FolderTransport(share), team_phrase=TEAM_PHRASE)
    assert not r.ok and r.needs_team_phrase
    r = sync(c.db, FolderTransport(share), team_phrase=new)
    assert r.ok, r.error
    with c.db.read() as s:
        from pole_desktop.domain import models as m

        assert "Fabre" in set(s.scalars(select(m.Personne.nom)))


def test_change_the_phrase_with_a_new_key_excludes_the_old_phrase(qtbot, gui_laptops, tmp_path, monkeypatch) -> None:
    from pole_desktop.sync.engine import sync
    from pole_desktop.sync.folder import FolderTransport

    share = tmp_path / "partage"
    share.mkdir()
    a, b = gui_laptops("poste-a"), gui_laptops("poste-b")
    sa, sb = _screen(qtbot, a, share), _screen(qtbot, b, share)
    _sync(qtbot, sa)
    _sync(qtbot, sb)
    asked: list[bool] = []
    monkeypatch.setattr(type(sa), "confirm_phrase_change", staticmethod(lambda _s, rotate: asked.append(rotate)
                                                                        or True))
    new = "Phrase après la perte d'un portable, 2027"
    _fill_change_dialog(TEAM_PHRASE, new, rotate=True)
    qtbot.mouseClick(sa.phrase_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "nouvelle clé chiffre désormais" in sa.status.text())
    assert asked == [True]
    with a.db.session() as s:
        personnes.save_personne(s, {"nom": "Garnier", "prenom": "Max"})
    _sync(qtbot, sa)
    # B (the « lost » laptop here) only knows the old phrase: it reads nothing new.
    monkeypatch.delenv("POLE_DESKTOP_TEAM_PHRASE", raising=False)
    r = sync(b.db, FolderTransport(share))
    assert not r.ok and r.needs_team_phrase
    r = sync(b.db, FolderTransport(share), team_phrase=new)
    assert r.ok and r.received > 0, r.error
