"""Erasure end to end: erased on laptop A, no trace of the name on laptop B nor on the share.

Needs the sync engine (branch sync-core): skipped until ``pole_desktop.sync.engine`` exists.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pole_desktop.sync.engine")

from pole_desktop.demo import generate  # noqa: E402
from pole_desktop.domain import models as m  # noqa: E402
from pole_desktop.safety import gdpr  # noqa: E402
from pole_desktop.safety.opening import open_database  # noqa: E402
from pole_desktop.sync.engine import sync  # noqa: E402
from pole_desktop.sync.folder import FolderTransport  # noqa: E402
from tests.safety.test_gdpr import (  # noqa: E402
    _busiest_person,
    assert_namesakes_untouched,
    find_everywhere,
    journal_values_of,
    mark_person,
)


def _share_text(share: Path, db) -> str:
    """Every file on the sealed share, opened with the team key, change files decompressed, as one text."""
    from tests.sync.helpers import share_plaintext

    return share_plaintext(share, db).decode("utf-8", "replace")


def test_erasure_on_a_reaches_b_and_the_share(tmp_path):
    share_dir = tmp_path / "partage"
    share_dir.mkdir()
    share = FolderTransport(share_dir)
    a = open_database(tmp_path / "a", daily_backup=False)
    b = open_database(tmp_path / "b", daily_backup=False)
    try:
        generate(a, "tiny", seed=1)
        with a.session() as s:
            marked = mark_person(s, _busiest_person(s).id, "W4N8")
        pid, name = marked.id, marked.nom
        # A name edit before the erasure: the journal and the share hold two values of it.
        with a.session() as s:
            s.get(m.Personne, pid).prenom = "Prénom-Avant-Effacement"
        needles = [*marked.needles, "Prénom-Avant-Effacement"]
        assert sync(a, share).ok
        assert sync(b, share).ok
        assert find_everywhere(b, name) and name in _share_text(share_dir, a)
        # Laptop B edits the person offline (it has not heard of the erasure yet).
        with b.session() as s:
            s.get(m.Personne, pid).notes = "Rappeler " + name + " jeudi"
        with a.session() as s:
            gdpr.erase_person(s, pid, "demande de la personne", a.blob_store())
        for laptop in (a, b, a, b):
            r = sync(laptop, share)
            assert r.ok, r.error
        for laptop in (a, b):
            assert gdpr.redact_share(laptop, share) >= 0
        for laptop, label in ((a, "A"), (b, "B")):
            with laptop.read() as s:
                person = s.get(m.Personne, pid)
                assert person.anonymise and person.nom == gdpr.ERASED_NAME, label
            for needle in needles:
                assert find_everywhere(laptop, needle) == [], (label, needle)
            assert journal_values_of(laptop, pid, marked.original_nom) == [], label
            assert_namesakes_untouched(laptop, marked)
        text = _share_text(share_dir, a)
        for needle in needles:
            assert needle not in text, needle
        # A new laptop bootstrapping from the share gets the erased person, not the name.
        c = open_database(tmp_path / "c", daily_backup=False)
        try:
            assert sync(c, share).ok
            with c.read() as s:
                assert s.get(m.Personne, pid).nom == gdpr.ERASED_NAME
            for needle in needles:
                assert find_everywhere(c, needle) == [], needle
            assert_namesakes_untouched(c, marked)
        finally:
            c.close()
    finally:
        a.close()
        b.close()
