"""The Synchronisation screen with real widgets, real SQLite databases and a real share (a folder,
or the test Samba server): configure, sync between two laptops, read the receipt, settle a
conflict from the inbox, and keep working while a sync runs."""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from pole_desktop.domain import models as m
from pole_desktop.services import dossiers, personnes
from tests.gui.laptops import GuiLaptop

pytestmark = pytest.mark.usefixtures("qapp")


def _screen(qtbot, lp: GuiLaptop):
    from pole_desktop.gui.screens.sync import SyncScreen

    screen = SyncScreen(lp.ctx)
    qtbot.addWidget(screen)
    screen.resize(1000, 720)
    return screen


def _configure_folder(qtbot, screen, share: Path) -> None:
    panel = screen.share_panel
    panel.folder_radio.setChecked(True)
    panel.path_edit.setText(str(share))
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert panel.result.text() == "Réglages enregistrés."


def _sync(qtbot, screen):
    assert screen.sync_button.isEnabled(), screen.state.text()
    qtbot.mouseClick(screen.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.last_receipt is not None and not screen.running)
    receipt = screen.last_receipt
    screen.last_receipt = None
    return receipt


@pytest.fixture
def share(tmp_path: Path) -> Path:
    p = tmp_path / "partage"
    p.mkdir()
    return p


def test_configure_a_folder_share_and_test_it(qtbot, gui_laptops, share: Path) -> None:  # noqa: F811
    from pole_desktop.sync.config import load_share_config

    lp = gui_laptops("poste-a")
    screen = _screen(qtbot, lp)
    assert not screen.sync_button.isEnabled()
    assert "Aucun partage n'est configuré" in screen.state.text()

    panel = screen.share_panel
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert panel.result.text() == "Indiquez le dossier partagé."

    unc_like = str(share / "absent")
    panel.path_edit.setText(unc_like)
    qtbot.mouseClick(panel.test_button, Qt.MouseButton.LeftButton)
    assert "introuvable" in panel.result.text()

    _configure_folder(qtbot, screen, share)
    cfg = load_share_config(lp.db)
    assert (cfg.kind, cfg.path) == ("folder", str(share))
    qtbot.mouseClick(panel.test_button, Qt.MouseButton.LeftButton)
    assert panel.result.text().startswith("Connexion réussie")
    screen.refresh()
    assert screen.sync_button.isEnabled()
    assert str(share) in screen.state.text()

    # A UNC path is accepted as typed (Windows offices), and reloads into the form.
    panel.path_edit.setText("\\\\nas\\pole\\synchro")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert load_share_config(lp.db).path == "\\\\nas\\pole\\synchro"
    other = _screen(qtbot, lp)
    assert other.share_panel.path_edit.text() == "\\\\nas\\pole\\synchro"


def test_sync_two_laptops_from_the_screen(qtbot, gui_laptops, share: Path) -> None:  # noqa: F811
    a, b = gui_laptops("poste-a"), gui_laptops("poste-b")
    sa, sb = _screen(qtbot, a), _screen(qtbot, b)
    _configure_folder(qtbot, sa, share)
    _configure_folder(qtbot, sb, share)
    with a.db.session() as s:
        pid = personnes.save_personne(s, {"nom": "Lefèvre", "prenom": "Amélie", "commune_insee": "21231"}).id
    sa.refresh()
    assert "modifications à envoyer" in sa.state.text()

    r = _sync(qtbot, sa)
    assert r.ok, r.error
    assert r.sent > 0
    assert sa.receipt_title.text() == "<b>Synchronisation réussie.</b>"
    assert sa.receipt_fields["sent"].text() == str(r.sent)
    assert "Aucune modification à envoyer" in sa.state.text()

    r = _sync(qtbot, sb)
    assert r.ok, r.error
    assert r.received > 0
    assert sb.receipt_fields["received"].text() == str(r.received)
    with b.db.read() as s:
        assert s.get(m.Personne, pid).nom == "Lefèvre"
    assert _sync(qtbot, sa).ok
    assert a.digest() == b.digest()

    # The history lists every run, newest first, in French.
    sa.refresh()
    assert sa.history.rowCount() == 2
    assert [sa.history.item(0, j).text() for j in (1,)] == ["Réussie"]
    assert sa.history.horizontalHeaderItem(5).text() == "Mis à l'écart"


def _make_conflict(qtbot, a: GuiLaptop, b: GuiLaptop, sa, sb) -> str:
    with a.db.session() as s:
        did = dossiers.create_dossier(
            s, {"dispositif": "dla", "titre": "Épicerie solidaire de Montbard", "date_ouverture": dt.date(2026, 3, 2)}
        ).id
    assert _sync(qtbot, sa).ok
    assert _sync(qtbot, sb).ok
    with a.db.session() as s:
        dossiers.update_dossier(s, did, {"besoins": "Étude de marché et plan de financement (version de Claire)."})
    long_text = "Renforcer la gouvernance bénévole et préparer la demande de subvention.\n" * 12
    with b.db.session() as s:
        dossiers.update_dossier(s, did, {"besoins": long_text + "Version de Julien."})
    assert _sync(qtbot, sa).ok
    r = _sync(qtbot, sb)
    assert r.ok, r.error
    assert r.conflicts == 1
    assert sb.receipt_fields["conflicts"].text() == "1 — voir l'onglet « Conflits »"
    return did


def test_conflict_inbox_keep_the_other_value(qtbot, gui_laptops, share: Path) -> None:  # noqa: F811
    a, b = gui_laptops("poste-a"), gui_laptops("poste-b")
    sa, sb = _screen(qtbot, a), _screen(qtbot, b)
    _configure_folder(qtbot, sa, share)
    _configure_folder(qtbot, sb, share)
    did = _make_conflict(qtbot, a, b, sa, sb)

    inbox = sb.inbox
    assert sb.tabs.tabText(1) == "Conflits (1)"
    assert len(inbox.cards) == 1
    card = inbox.cards[0]
    with b.db.read() as s:
        d = s.get(m.Dossier, did)
        reference, besoins_now = d.reference, d.besoins
    record = card.findChild(type(inbox.summary), "conflict_record").text()
    assert reference in record and "Épicerie solidaire de Montbard" in record and "Dossier" in record
    assert "besoins" in card.findChild(type(inbox.summary), "conflict_field").text()
    winner_text = card.winner.value.toPlainText()
    loser_text = card.loser.value.toPlainText()
    assert {winner_text, loser_text} == {
        "Étude de marché et plan de financement (version de Claire).",
        "Renforcer la gouvernance bénévole et préparer la demande de subvention.\n" * 12 + "Version de Julien.",
    }
    assert winner_text == besoins_now
    metas = [w.text() for w in card.findChildren(type(inbox.summary), "conflict_meta")]
    assert any("Claire Moreau" in t for t in metas) and any("Julien Petit" in t for t in metas)
    assert all(t.startswith("Modifiée par ") and " à " in t for t in metas)  # French date « … 2026 à 14:30 »

    notified: list[set] = []
    b.ctx.events.changed.connect(notified.append)
    qtbot.mouseClick(card.loser.button, Qt.MouseButton.LeftButton)
    assert inbox.cards == []
    assert sb.tabs.tabText(1) == "Conflits"
    assert any("dossier" in t for t in notified)
    with b.db.read() as s:
        assert s.get(m.Dossier, did).besoins == loser_text

    # The choice is a new change: it travels, and both laptops end with the kept value.
    assert _sync(qtbot, sb).ok
    assert _sync(qtbot, sa).ok
    assert _sync(qtbot, sb).ok
    for lp in (a, b):
        with lp.db.read() as s:
            assert s.get(m.Dossier, did).besoins == loser_text
    assert a.digest() == b.digest()


def test_keep_the_retained_value_closes_the_conflict(qtbot, gui_laptops, share: Path) -> None:  # noqa: F811
    a, b = gui_laptops("poste-a"), gui_laptops("poste-b")
    sa, sb = _screen(qtbot, a), _screen(qtbot, b)
    _configure_folder(qtbot, sa, share)
    _configure_folder(qtbot, sb, share)
    did = _make_conflict(qtbot, a, b, sa, sb)
    with b.db.read() as s:
        before = s.get(m.Dossier, did).besoins
    qtbot.mouseClick(sb.inbox.cards[0].winner.button, Qt.MouseButton.LeftButton)
    assert sb.inbox.cards == []
    assert sb.inbox.message.text() == "Conflit classé : la valeur retenue reste en place."
    with b.db.read() as s:
        assert s.get(m.Dossier, did).besoins == before


def test_window_keeps_working_and_sync_can_be_cancelled(qtbot, gui_laptops, share, monkeypatch) -> None:  # noqa: F811
    """A real background runner; the share blocks until the test lets it go."""
    from pole_desktop.sync import config
    from pole_desktop.sync.folder import FolderTransport

    entered, release = threading.Event(), threading.Event()

    class SlowShare(FolderTransport):
        def check(self) -> None:
            entered.set()
            assert release.wait(30), "the test never released the share"
            super().check()

    monkeypatch.setattr(config, "open_transport", lambda cfg, lookup=None: SlowShare(cfg.path))
    lp = gui_laptops("poste-a", synchronous=False)
    screen = _screen(qtbot, lp)
    screen.share_panel.path_edit.setText(str(share))
    qtbot.mouseClick(screen.share_panel.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.share_panel.result.text() == "Réglages enregistrés.")
    with lp.db.session() as s:
        personnes.save_personne(s, {"nom": "Bernard", "prenom": "Paul"})
    screen.refresh()
    qtbot.waitUntil(screen.sync_button.isEnabled)

    qtbot.mouseClick(screen.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(entered.is_set)
    # The sync is stuck on the share, yet the GUI thread answers and database work goes on.
    assert screen.running and screen.cancel_button.isEnabled() and not screen.sync_button.isEnabled()
    screen.tabs.setCurrentIndex(2)
    with qtbot.waitSignal(lp.ctx.events.changed, timeout=10_000):
        lp.ctx.tasks.run(lambda t, r: None, lambda _: lp.ctx.notify("personne"), queue="db")
    qtbot.mouseClick(screen.cancel_button, Qt.MouseButton.LeftButton)
    assert "Annulation demandée" in screen.status.text()
    release.set()
    qtbot.waitUntil(lambda: screen.last_receipt is not None, timeout=20_000)
    r = screen.last_receipt
    assert not r.ok and "interrompue à votre demande" in r.error
    assert "n'a pas abouti" in screen.receipt_title.text()
    assert screen.sync_button.isEnabled() or not screen.running


def test_smb_share_from_the_form(qtbot, gui_laptops, samba_server, memory_keyring) -> None:  # noqa: F811
    from pole_desktop.domain.local import LocalState
    from pole_desktop.sync.credentials import SERVICE
    from tests.sync.smb_helpers import own_folder

    folder = own_folder(samba_server, "gui")
    a, b = gui_laptops("poste-a"), gui_laptops("poste-b")
    screens = []
    for lp in (a, b):
        screen = _screen(qtbot, lp)
        p = screen.share_panel
        p.smb_radio.setChecked(True)
        p.server_edit.setText(samba_server.host)
        p.port_spin.setValue(samba_server.port)
        p.share_edit.setText(samba_server.share)
        p.folder_edit.setText(folder)
        p.user_edit.setText(samba_server.user)
        p.password_edit.setText("mauvais")
        qtbot.mouseClick(p.test_button, Qt.MouseButton.LeftButton)
        assert p.result.text() == "Identifiant ou mot de passe refusé par le partage."
        p.password_edit.setText(samba_server.password)
        qtbot.mouseClick(p.test_button, Qt.MouseButton.LeftButton)
        assert p.result.text().startswith("Connexion réussie : le partage smb://127.0.0.1:")
        qtbot.mouseClick(p.save_button, Qt.MouseButton.LeftButton)
        assert "trousseau" in p.result.text()
        assert p.password_edit.text() == ""
        assert "enregistré dans le trousseau" in p.password_edit.placeholderText()
        with lp.db.read() as s:
            stored = s.scalar(select(LocalState.value).where(LocalState.key == "share_config"))
        assert samba_server.password not in stored
        assert json.loads(stored)["server"] == samba_server.host
        screens.append(screen)
    account = f"{samba_server.user}@{samba_server.host}"
    # (the keyring also holds the database keys, under their own service)
    assert {k: v for k, v in memory_keyring.passwords.items() if k[0] == SERVICE} == {
        (SERVICE, account): samba_server.password}

    with a.db.session() as s:
        personnes.save_personne(s, {"nom": "Rousseau", "prenom": "Inès"})
    sa, sb = screens
    assert _sync(qtbot, sa).ok
    assert _sync(qtbot, sb).received > 0
    assert _sync(qtbot, sa).ok
    assert a.digest() == b.digest()


def test_no_keyring_keeps_the_password_out(qtbot, gui_laptops, monkeypatch) -> None:  # noqa: F811
    import keyring
    import keyring.core
    from keyring.backends import fail

    monkeypatch.setattr(keyring.core, "_keyring_backend", fail.Keyring())
    monkeypatch.setenv("POLE_DESKTOP_PASSPHRASE", "phrase de passe des tests")  # the database key
    lp = gui_laptops("poste-a")
    screen = _screen(qtbot, lp)
    p = screen.share_panel
    p.smb_radio.setChecked(True)
    p.server_edit.setText("nas")
    p.share_edit.setText("pole")
    p.user_edit.setText("claire")
    p.password_edit.setText("secret-du-nas")
    qtbot.mouseClick(p.save_button, Qt.MouseButton.LeftButton)
    assert p.result.text() == (
        "Réglages enregistrés, mais pas le mot de passe. Aucun trousseau sécurisé n'est disponible sur cet "
        "ordinateur : le mot de passe ne peut pas être enregistré. Il reste en mémoire jusqu'à la fermeture "
        "de l'application ; il faudra ensuite le saisir à nouveau."
    )
    raw = lp.db.state("share_config")
    assert "secret-du-nas" not in raw and json.loads(raw)["user"] == "claire"
    assert keyring.get_keyring().__class__ is fail.Keyring
    for f in lp.db.data_dir.root.parent.rglob("*"):  # not in any file: database, WAL, settings
        assert not f.is_file() or b"secret-du-nas" not in f.read_bytes(), f
    # Today's syncs still work: the password stays in memory for this session only.
    from pole_desktop.gui import sync_jobs
    from pole_desktop.sync.config import load_share_config

    try:
        assert sync_jobs.password_lookup(None)(load_share_config(lp.db)) == "secret-du-nas"
    finally:
        sync_jobs.forget_session_passwords()


def _visible_texts(widget) -> list[str]:
    from PySide6.QtWidgets import QAbstractButton, QLabel, QPlainTextEdit, QTableWidget

    texts = [w.text() for w in widget.findChildren(QLabel) + widget.findChildren(QAbstractButton)]
    texts += [w.toPlainText() for w in widget.findChildren(QPlainTextEdit)]
    for table in widget.findChildren(QTableWidget):
        texts += [table.item(i, j).text() for i in range(table.rowCount()) for j in range(table.columnCount())]
    return texts


def test_render_offscreen_without_ids_or_json(qtbot, gui_laptops, share: Path, tmp_path: Path) -> None:  # noqa: F811
    """Render every tab with a real conflict and receipt; no raw id, JSON or English reaches the user."""
    import re

    a, b = gui_laptops("poste-a"), gui_laptops("poste-b")
    sa, sb = _screen(qtbot, a), _screen(qtbot, b)
    _configure_folder(qtbot, sa, share)
    _configure_folder(qtbot, sb, share)
    _make_conflict(qtbot, a, b, sa, sb)
    sb.show()
    uuid_re = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-")
    english = re.compile(r"\b(None|True|False|null|error|failed|conflict|winner|loser|sync)\b")
    for i in range(sb.tabs.count()):
        sb.tabs.setCurrentIndex(i)
        image = sb.grab()
        assert not image.isNull() and image.width() > 500
        assert image.save(str(tmp_path / f"synchronisation-{i}.png"))
    texts = _visible_texts(sb)
    assert texts
    for t in texts:
        assert not uuid_re.search(t), t
        assert '{"' not in t and "\\u" not in t, t
        assert not english.search(t), t
    # A failed sync is explained in French too.
    share.rename(share.with_name("demonte"))
    r = _sync(qtbot, sb)
    assert not r.ok
    assert "n'a pas abouti" in sb.receipt_title.text() and "introuvable" in sb.receipt_title.text()
    sb.tabs.setCurrentIndex(2)
    assert sb.history.item(0, 1).text() == "Échec"
    assert "introuvable" in sb.history.item(0, 7).text()


def test_results_arriving_after_the_screen_closed_are_dropped(qtbot, gui_laptops, share: Path) -> None:  # noqa: F811
    """pytest-qt fails the test if a late result touches a deleted widget inside the event loop."""
    import shiboken6

    from pole_desktop.gui.screens.sync import SyncScreen

    lp = gui_laptops("poste-a", synchronous=False)
    done = threading.Event()
    lp.ctx.tasks.run(lambda t, r: done.wait(30), queue="db")  # hold the db queue
    screen = SyncScreen(lp.ctx)  # queues its loads behind it
    shiboken6.delete(screen)
    done.set()
    lp.ctx.tasks.wait_idle()
    with qtbot.waitSignal(lp.ctx.events.changed, timeout=10_000):  # every earlier delivery has run
        lp.ctx.tasks.run(lambda t, r: None, lambda _: lp.ctx.notify("x"), queue="db")


def test_pending_count_is_written_the_french_way(qtbot, gui_laptops) -> None:
    """« 54 608 modifications », as in the status bar — never « 54608 » (issue 14, trap 9)."""
    from pole_desktop.demo import generate
    from pole_desktop.formatting import format_number
    from pole_desktop.services.info import pending_changes

    lp = gui_laptops("a")
    generate(lp.db, "tiny", seed=1)
    with lp.db.read() as s:
        pending = pending_changes(s, lp.db.device_id)
    assert pending > 1000
    screen = _screen(qtbot, lp)
    screen.refresh()
    assert screen.state.text().startswith(f"{format_number(pending)} modifications à envoyer")
    assert str(pending) not in screen.state.text()
