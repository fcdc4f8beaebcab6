"""Two laptops with the same device id (a data folder copied onto a second laptop, one image for all):
the second to write a change-file number finds out (create-only writes, and a check of what a file of
"ours" above our count holds), takes a new identity with a French message, and loses nothing
(issue 16 obs. 12). Over a folder, SMB, S3 (SeaweedFS) and WebDAV (wsgidav)."""

from __future__ import annotations

import shutil

from sqlalchemy import select

from pole_desktop.domain import models as m
from pole_desktop.sync import engine
from pole_desktop.sync import share_layout as L
from tests.sync.backends import Backend
from tests.sync.helpers import Laptop, advisor, new_person


def _names(lp: Laptop) -> set[str]:
    with lp.read() as s:
        return set(s.scalars(select(m.Personne.nom)))


def _clone(tmp_path, lp: Laptop, name: str, backend: Backend) -> tuple[Laptop, Laptop]:
    """Close ``lp``, copy its data folder (as an IT department images laptops), open both again."""
    lp.close()
    shutil.copytree(tmp_path / lp.name, tmp_path / name)
    return (Laptop(tmp_path, lp.name, backend.transport()), Laptop(tmp_path, name, backend.transport()))


def test_cloned_laptop_takes_a_new_identity_and_both_edits_reach_a_third(tmp_path, backend: Backend):
    a = Laptop(tmp_path, "posteA", backend.transport(), advisor(0))
    c = Laptop(tmp_path, "posteC", backend.transport(), advisor(2))
    new_person(a, "Avant-copie")
    a.sync()
    c.sync()
    a, copy = _clone(tmp_path, a, "posteCopie", backend)
    try:
        assert copy.db.device_id == a.db.device_id
        new_person(a, "Chez-original")
        new_person(copy, "Chez-copie")
        ra = a.sync()
        assert not any("nouvelle identité" in w for w in ra.warnings)
        rc = copy.sync()
        assert rc.ok, rc.error
        notes = [w for w in rc.warnings if "nouvelle identité" in w]
        assert notes and "copié" in notes[0] and "Rien n'a été perdu" in notes[0], rc.warnings
        assert copy.db.device_id != a.db.device_id
        assert "Chez-original" in _names(copy)  # the old id's folder is now read like another laptop's
        a.sync()
        c.sync()
        a.sync()
        assert {"Avant-copie", "Chez-original", "Chez-copie"} <= _names(c)
        assert _names(a) == _names(c) == _names(copy)
        # The original kept its id and wrote nothing twice; the copy publishes under its new folder.
        files = backend.transport().list(L.device_folder(copy.db.device_id))
        assert "0000000001.chg" in files
        # Both go on editing: each edit reaches the others.
        new_person(a, "Ensuite-original")
        new_person(copy, "Ensuite-copie")
        for lp in (a, copy, c, a, copy):
            r = lp.sync()
            assert not any("nouvelle identité" in w for w in r.warnings), r.warnings
        assert {"Ensuite-original", "Ensuite-copie"} <= _names(c)
        assert _names(a) == _names(c) == _names(copy)
    finally:
        a.close()
        copy.close()
        c.close()


def test_same_number_written_at_the_same_moment_the_second_writer_finds_out(tmp_path, share, monkeypatch):
    """A race: both copies list the folder before either writes; the create-only write tells the second."""
    from pole_desktop.sync.folder import FolderTransport

    a = Laptop(tmp_path, "posteA", FolderTransport(share), advisor(0))
    new_person(a, "Avant-copie")
    a.sync()
    a.close()
    shutil.copytree(tmp_path / "posteA", tmp_path / "posteB")
    a = Laptop(tmp_path, "posteA", FolderTransport(share))
    b = Laptop(tmp_path, "posteB", FolderTransport(share))
    try:
        new_person(a, "Chez-A")
        new_person(b, "Chez-B")
        real = engine._Run.genuine_own
        state = {"done": False}

        def b_lists_then_a_writes(self, share_seqs):  # noqa: ANN001
            out = real(self, share_seqs)
            if self.db is b.db and not state["done"]:
                state["done"] = True
                assert a.sync().ok  # A publishes the same number right after B looked
            return out

        monkeypatch.setattr(engine._Run, "genuine_own", b_lists_then_a_writes)
        rb = b.sync()
        assert any("nouvelle identité" in w for w in rb.warnings), rb.warnings
        assert b.db.device_id != a.db.device_id
        a.sync()
        b.sync()
        assert {"Chez-A", "Chez-B"} <= _names(a) and _names(a) == _names(b)
    finally:
        a.close()
        b.close()


def test_a_crash_between_writing_and_recording_is_not_taken_for_a_copy(laptops, share, monkeypatch):
    """Our own file above our count (written, then killed before it was recorded) holds our entries:
    the same identity goes on, the entries are published once more under the next number."""
    a, b = laptops(2)
    new_person(a, "Premier")
    a.sync()
    new_person(a, "Second")
    seq_before = a.db.state(engine.FILE_SEQ_KEY)
    real = engine._Run.write_change_file

    def crash_after_write(self, seq, entries, deps, schema):  # noqa: ANN001
        self.write_own(seq, self.seal_change_file(seq, {"schema": schema, "app": "x", "device": self.me,
                       "seq": seq, "first": entries[0][0], "last": entries[-1][0], "deps": deps,
                       "written_hlc": self.db.journal.clock.last}, entries))
        raise engine.SyncStop("arrêt simulé")

    monkeypatch.setattr(engine._Run, "write_change_file", crash_after_write)
    r = engine.sync(a.db, a.share)
    assert not r.ok
    monkeypatch.setattr(engine._Run, "write_change_file", real)
    assert a.db.state(engine.FILE_SEQ_KEY) == seq_before
    device = a.db.device_id
    r = a.sync()
    assert not any("nouvelle identité" in w for w in r.warnings) and a.db.device_id == device
    b.sync()
    assert {"Premier", "Second"} <= _names(b)
