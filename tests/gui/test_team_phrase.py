"""The « phrase d'équipe » from the Synchronisation screen: chosen on the first laptop, typed once on
the next one, then remembered (keyring); the dialog refuses weak or mismatched phrases."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from pole_desktop.domain import models as m
from pole_desktop.services import personnes
from pole_desktop.sync import sealing
from tests.gui.test_sync_screen import _configure_folder, _screen, _sync

pytestmark = pytest.mark.usefixtures("qapp")
PHRASE = "Les bénévoles de la rue Chabot-Charny 2026"


@pytest.fixture
def share(tmp_path: Path) -> Path:
    p = tmp_path / "partage"
    p.mkdir()
    return p


def test_phrase_chosen_then_typed_once_then_remembered(qtbot, gui_laptops, share, monkeypatch) -> None:  # noqa: F811
    monkeypatch.delenv(sealing.PHRASE_ENV)
    a, b = gui_laptops("poste-a"), gui_laptops("poste-b")
    sa, sb = _screen(qtbot, a), _screen(qtbot, b)
    _configure_folder(qtbot, sa, share)
    _configure_folder(qtbot, sb, share)
    with a.db.session() as s:
        pid = personnes.save_personne(s, {"nom": "Lefèvre", "prenom": "Amélie"}).id
    asked: list[tuple[str, bool]] = []

    def answer(phrase):  # noqa: ANN001, ANN202
        def ask(screen, message, creating):  # noqa: ANN001, ANN202
            asked.append((message, creating))
            return phrase
        return ask

    sa.ask_team_phrase = answer(PHRASE)
    qtbot.mouseClick(sa.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not sa.running and sa.last_receipt is not None and sa.last_receipt.ok)
    assert asked == [(asked[0][0], True)] and "phrase d'équipe" in asked[0][0]
    assert sa.receipt_title.text() == "<b>Synchronisation réussie.</b>"

    asked.clear()
    sb.ask_team_phrase = answer(PHRASE)
    qtbot.mouseClick(sb.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not sb.running and sb.last_receipt is not None and sb.last_receipt.ok)
    assert [c for _, c in asked] == [False]
    with b.db.read() as s:
        assert s.get(m.Personne, pid).nom == "Lefèvre"

    asked.clear()
    sb.last_receipt = None
    assert _sync(qtbot, sb).ok and asked == []  # remembered: never asked again
    assert os.environ.get(sealing.PHRASE_ENV) is None


def test_cancelled_dialog_leaves_a_french_receipt(qtbot, gui_laptops, share, monkeypatch) -> None:  # noqa: F811
    monkeypatch.delenv(sealing.PHRASE_ENV)
    a = gui_laptops("poste-a")
    sa = _screen(qtbot, a)
    _configure_folder(qtbot, sa, share)
    sa.ask_team_phrase = lambda screen, message, creating: None
    r = _sync(qtbot, sa)
    assert not r.ok and r.needs_team_phrase == "choisir"
    assert "phrase d'équipe" in sa.receipt_title.text()
    with a.db.read() as s:
        assert s.scalars(select(m.Personne)).first() is None


def test_dialog_refuses_weak_and_mismatched_phrases(qtbot) -> None:
    from pole_desktop.gui.dialogs.team_phrase_dialog import TeamPhraseDialog

    d = TeamPhraseDialog(sealing.NEW_PHRASE_FR[:1].upper() + sealing.NEW_PHRASE_FR[1:], creating=True)
    qtbot.addWidget(d)
    d.show()
    d.phrase.setText("court")
    d._accept()
    assert "au moins" in d.error.text() and d.result() == 0
    d.phrase.setText(PHRASE)
    d.confirm.setText(PHRASE + "x")
    d._accept()
    assert "différentes" in d.error.text()
    d.grab().save("/tmp/share-v2-shots/team_phrase.png")
    d.confirm.setText(PHRASE)
    d._accept()
    assert d.result() == 1 and d.value() == PHRASE


def test_a_blob_that_cannot_be_sent_makes_the_receipt_incomplete(qtbot, gui_laptops, share) -> None:  # noqa: F811
    import datetime as dt

    a = gui_laptops("poste-a")
    sa = _screen(qtbot, a)
    _configure_folder(qtbot, sa, share)
    store = a.db.blob_store()
    sha = store.put(b"Statuts de l'association, version signee")
    with a.db.session() as s:
        s.add(m.Document(type="piece_jointe", titre="Statuts", nom_fichier="statuts.pdf", sha256=sha,
                         taille=40, cree_le=dt.datetime(2026, 3, 1, 10)))
    stored = a.db.data_dir.blobs / sha[:2] / sha
    stored.write_bytes(stored.read_bytes()[:-3] + b"xyz")  # damaged on this laptop: cannot be sent
    r = _sync(qtbot, sa)
    assert r.ok and r.blob_failures and "n'a pas été envoyé" in r.blob_failures[0]
    assert "Synchronisation incomplète" in sa.receipt_title.text()
    assert "Pièce jointe" in sa.receipt_details.text()
    sa.resize(1366, 768)
    sa.grab().save("/tmp/share-v2-shots/receipt_incomplete.png")
    assert "Synchronisation incomplète" in r.summary_fr() and "réussie" not in r.summary_fr()


def test_a_mass_deletion_is_applied_only_once_confirmed(qtbot, gui_laptops, share) -> None:  # noqa: F811
    import uuid

    from pole_desktop.storage.journal import TOMBSTONE
    from pole_desktop.sync import share_layout as L
    from pole_desktop.sync.engine import sync
    from pole_desktop.sync.folder import FolderTransport

    a, b = gui_laptops("poste-a"), gui_laptops("poste-b")
    with a.db.session() as s:
        ids = [personnes.save_personne(s, {"nom": f"Personne{i}"}).id for i in range(30)]
    assert sync(a.db, FolderTransport(share)).ok
    sb = _screen(qtbot, b)
    _configure_folder(qtbot, sb, share)
    assert _sync(qtbot, sb).ok
    from types import SimpleNamespace

    from tests.sync.helpers import share_keys

    bad = str(uuid.uuid4())
    later = a.db.journal.clock.tick()
    e = [[i, "personne", pid, TOMBSTONE, "true", later, None, None] for i, pid in enumerate(ids, 1)]
    head = {"schema": "x", "app": "0.1.0", "device": bad, "seq": 1, "first": 1, "last": len(e), "deps": {},
            "written_hlc": later}
    path = share / L.file_path(bad, 1)
    path.parent.mkdir(parents=True)
    forger = share_keys(SimpleNamespace(db=a.db, share=FolderTransport(share)), bad)
    path.write_bytes(forger.seal("chg", L.encode_change_file(head, e), device=bad, seq=1))
    asked = []
    sb.confirm_mass_changes = lambda screen, receipt: asked.append(receipt) or False
    r = _sync(qtbot, sb)
    assert r.needs_confirmation and len(asked) == 1 and "Synchronisation incomplète" in sb.receipt_title.text()
    with b.db.read() as s:
        assert len(list(s.scalars(select(m.Personne)))) == 30
    sb.confirm_mass_changes = lambda screen, receipt: True
    qtbot.mouseClick(sb.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not sb.running and sb.last_receipt is not None and not sb.last_receipt.needs_confirmation)
    with b.db.read() as s:
        assert list(s.scalars(select(m.Personne))) == []
