"""The Synchronisation screen's « Partage » tab with S3 and WebDAV, driven with pytest-qt against
the real SeaweedFS and wsgidav servers: fill the form, « Tester la connexion », save (the secret
to the keyring, never to the database), sync two laptops from the screen. (In tests/sync because
the server fixtures live in tests/sync/conftest.py.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from pole_desktop.services import personnes
from pole_desktop.sync.credentials import SERVICE
from tests.gui.laptops import GuiLaptop
from tests.sync.backends import BUCKET, make_backend

pytestmark = pytest.mark.usefixtures("qapp")


def _screen(qtbot, lp: GuiLaptop):
    from pole_desktop.gui.screens.sync import SyncScreen

    screen = SyncScreen(lp.ctx)
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.tabs.setCurrentWidget(screen.share_panel)
    return screen


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _test(qtbot, p) -> str:
    _click(qtbot, p.test_button)
    qtbot.waitUntil(lambda: p.test_button.isEnabled())
    return p.result.text()


def _sync(qtbot, screen):
    assert screen.sync_button.isEnabled(), screen.state.text()
    _click(qtbot, screen.sync_button)
    qtbot.waitUntil(lambda: screen.last_receipt is not None and not screen.running, timeout=30_000)
    receipt, screen.last_receipt = screen.last_receipt, None
    return receipt


def _stored_secrets(memory_keyring) -> dict:
    return {k: v for k, v in memory_keyring.passwords.items() if k[0] == SERVICE}


def test_s3_share_from_the_form(qtbot, gui_laptops, request, tmp_path: Path, memory_keyring) -> None:  # noqa: F811
    backend = make_backend(request, "s3", tmp_path)
    server = backend.server
    a, b = gui_laptops("poste-a"), gui_laptops("poste-b")
    screens = []
    for lp in (a, b):
        screen = _screen(qtbot, lp)
        p = screen.share_panel
        p.s3_radio.setChecked(True)
        assert p.s3_page.isVisible() or not screen.isVisible()
        p.s3_endpoint_edit.setText(server.endpoint)
        p.s3_bucket_edit.setText("absent-bucket")
        p.s3_prefix_edit.setText(backend.prefix)
        p.s3_key_edit.setText(server.access_key)
        p.s3_secret_edit.setText(server.secret_key)
        assert "compartiment « absent-bucket » n'existe pas" in _test(qtbot, p)
        p.s3_bucket_edit.setText(BUCKET)
        p.s3_prefix_edit.setText("mauvais-prefixe")
        assert "« mauvais-prefixe » n'existe pas dans le compartiment" in _test(qtbot, p)
        p.s3_prefix_edit.setText(backend.prefix)
        p.s3_secret_edit.setText("fausse")
        assert _test(qtbot, p) == "Identifiant de clé d'accès ou clé secrète refusé par le stockage S3."
        p.s3_secret_edit.setText(server.secret_key)
        assert _test(qtbot, p).startswith(f"Connexion réussie : le partage s3://{BUCKET}/{backend.prefix} (")
        _click(qtbot, p.save_button)
        qtbot.waitUntil(lambda p=p: "Réglages enregistrés" in p.result.text())
        assert p.result.text() == "Réglages enregistrés ; la clé secrète est gardée dans le trousseau de l'ordinateur."
        qtbot.waitUntil(lambda p=p: "trousseau" in p.s3_secret_edit.placeholderText())
        assert p.s3_secret_edit.text() == ""
        stored = lp.db.state("share_config")
        assert server.secret_key not in stored
        assert json.loads(stored)["bucket"] == BUCKET and json.loads(stored)["kind"] == "s3"
        screens.append(screen)
    host = server.endpoint.removeprefix("http://")
    assert _stored_secrets(memory_keyring) == {(SERVICE, f"s3:{server.access_key}@{host}"): server.secret_key}

    with a.db.session() as s:
        personnes.save_personne(s, {"nom": "Rousseau", "prenom": "Inès"})
    sa, sb = screens
    assert _sync(qtbot, sa).ok
    assert _sync(qtbot, sb).received > 0
    assert _sync(qtbot, sa).ok
    assert a.digest() == b.digest()
    # What the advisor sees, at the laptop's usual size.
    sb.show()
    sb.tabs.setCurrentWidget(sb.share_panel)
    qtbot.waitExposed(sb)
    assert sb.grab().save(str(tmp_path / "partage-s3.png"))
    backend.close()


def test_webdav_share_from_the_form(qtbot, gui_laptops, request, tmp_path: Path, memory_keyring) -> None:  # noqa: F811
    backend = make_backend(request, "webdav", tmp_path)
    server = backend.server
    url = backend.config().url
    lp = gui_laptops("poste-a")
    screen = _screen(qtbot, lp)
    p = screen.share_panel
    p.webdav_radio.setChecked(True)
    # A password typed inside the address is refused, and not shown back.
    p.webdav_url_edit.setText(url.replace("http://", f"http://{server.user}:{server.password}@"))
    assert "contient un mot de passe" in _test(qtbot, p) and server.password not in p.result.text()
    p.webdav_url_edit.setText(url + "-absent")
    p.webdav_user_edit.setText(server.user)
    p.webdav_password_edit.setText(server.password)
    assert "n'existe pas sur le serveur WebDAV" in _test(qtbot, p)
    p.webdav_url_edit.setText(url)
    p.webdav_password_edit.setText("mauvais")
    assert _test(qtbot, p) == "Identifiant ou mot de passe refusé par le serveur WebDAV."
    p.webdav_password_edit.setText(server.password)
    assert _test(qtbot, p) == f"Connexion réussie : le partage {url} est accessible."
    _click(qtbot, p.save_button)
    qtbot.waitUntil(lambda: "trousseau" in p.webdav_password_edit.placeholderText())
    host = url.split("/")[2]
    assert _stored_secrets(memory_keyring) == {(SERVICE, f"webdav:{server.user}@{host}"): server.password}
    # Another screen on the same laptop loads the saved share; testing uses the keyring's password.
    again = _screen(qtbot, lp)
    q = again.share_panel
    qtbot.waitUntil(lambda: q.webdav_url_edit.text() == url)
    assert q.webdav_radio.isChecked() and q.webdav_user_edit.text() == server.user
    assert q.webdav_password_edit.text() == ""
    assert _test(qtbot, q).startswith("Connexion réussie")
    with lp.db.session() as s:
        personnes.save_personne(s, {"nom": "Garnier", "prenom": "Sophie"})
    assert _sync(qtbot, again).sent > 0
    assert backend.names("pole-desktop-v1") or backend.names()
    again.show()
    again.tabs.setCurrentWidget(again.share_panel)
    qtbot.waitExposed(again)
    assert again.grab().save(str(tmp_path / "partage-webdav.png"))
    backend.close()
