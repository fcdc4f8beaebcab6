"""SMB 3 encryption asked of the server, and said in the Partage tab's « Tester la connexion »; a password
typed inside an smb:// address is refused in French, never echoed nor logged. Real Samba servers."""

from __future__ import annotations

import logging
import re
import subprocess

import pytest
from PySide6.QtCore import Qt

from tests.infra import require
from tests.infra import samba as _samba
from tests.sync.smb_helpers import own_folder, smb_config

pytestmark = pytest.mark.usefixtures("qapp")


def _panel(qtbot, lp, server, folder: str):
    from pole_desktop.gui.screens.sync import SyncScreen

    screen = SyncScreen(lp.ctx)
    qtbot.addWidget(screen)
    p = screen.share_panel
    p.smb_radio.setChecked(True)
    p.server_edit.setText(server.host)
    p.port_spin.setValue(server.port)
    p.share_edit.setText(server.share)
    p.folder_edit.setText(folder)
    p.user_edit.setText(server.user)
    p.password_edit.setText(server.password)
    return screen, p


def _sessions_encrypted(server) -> str:
    """What smbd itself reports about the open sessions (``smbstatus -b``: an « Encryption » column)."""
    return subprocess.run([_samba.find_program("smbstatus"), "-s", str(server.conf), "-b"], capture_output=True,
                          text=True, timeout=30).stdout


def test_the_link_is_encrypted_when_the_server_can(qtbot, gui_laptops, samba_server, memory_keyring) -> None:
    from pole_desktop.sync.smb import SmbTransport

    folder = own_folder(samba_server, "chiffre")
    t = SmbTransport(smb_config(samba_server, folder), samba_server.password)
    try:
        t.check()
        assert t.encrypted is True
        status = _sessions_encrypted(samba_server)
        # e.g. « SMB3_11  partial(AES-128-GCM) »: this session encrypted at the client's request
        assert re.search(r"SMB3\S*\s+\S*\(AES-\d+-(GCM|CCM)\)", status), status
        t.write_atomic("a/b.bin", b"x" * 10)
        assert t.read("a/b.bin") == b"x" * 10
    finally:
        t.close()
    lp = gui_laptops("poste-a")
    _screen, p = _panel(qtbot, lp, samba_server, folder)
    qtbot.mouseClick(p.test_button, Qt.MouseButton.LeftButton)
    assert p.result.text().startswith("Connexion réussie"), p.result.text()
    assert "La liaison avec le serveur est chiffrée (SMB 3)." in p.result.text()


def test_a_server_without_encryption_is_said_so(qtbot, gui_laptops, tmp_path, memory_keyring) -> None:
    from pole_desktop.sync.smb import SmbTransport

    reason = _samba.missing_requirements()
    if reason:
        require("Samba server (smbd)", reason)  # skips on a laptop, fails under CI=true
    server = _samba.SambaServer(tmp_path / "smb-sans-chiffrement")
    conf = server.conf.read_text()
    server.conf.write_text(conf.replace("[global]\n", "[global]\n    server smb encrypt = off\n", 1))
    server.start()
    try:
        folder = own_folder(server, "clair")
        t = SmbTransport(smb_config(server, folder), server.password)
        try:
            t.check()
            assert t.encrypted is False
            t.write_atomic("f.bin", b"y")  # still works, signed
        finally:
            t.close()
        lp = gui_laptops("poste-b")
        _screen, p = _panel(qtbot, lp, server, folder)
        qtbot.mouseClick(p.test_button, Qt.MouseButton.LeftButton)
        assert p.result.text().startswith("Connexion réussie"), p.result.text()
        assert "n'est pas chiffrée" in p.result.text()
    finally:
        server.stop()


def test_a_password_inside_an_smb_address_is_refused(qtbot, gui_laptops, samba_server, memory_keyring,
                                                     caplog) -> None:
    caplog.set_level(logging.DEBUG)
    folder = own_folder(samba_server, "url")
    lp = gui_laptops("poste-c")
    _screen, p = _panel(qtbot, lp, samba_server, folder)
    secret = "Tr3s-Secret-42"
    p.server_edit.setText(f"smb://{samba_server.user}:{secret}@{samba_server.host}:{samba_server.port}/pole/{folder}")
    qtbot.mouseClick(p.test_button, Qt.MouseButton.LeftButton)
    assert "contient un mot de passe" in p.result.text() and secret not in p.result.text()
    qtbot.mouseClick(p.save_button, Qt.MouseButton.LeftButton)
    assert "contient un mot de passe" in p.result.text() and secret not in p.result.text()
    assert secret not in (lp.db.state("share_config") or "")
    assert secret not in caplog.text
    # The same address without the password is understood (password from its own field).
    p.server_edit.setText(f"smb://{samba_server.user}@{samba_server.host}:{samba_server.port}/pole/{folder}")
    qtbot.mouseClick(p.test_button, Qt.MouseButton.LeftButton)
    assert p.result.text().startswith("Connexion réussie"), p.result.text()
