"""Contracts other layers use: cancel, after-apply hooks, pending count, receipt."""

from __future__ import annotations

from sqlalchemy import select

from pole_desktop.domain import models as m
from pole_desktop.domain.local import SyncRun
from pole_desktop.services.info import info
from pole_desktop.sync import hooks
from pole_desktop.sync.engine import sync
from tests.sync.helpers import converge, new_dossier, new_person


def test_cancel_between_files_then_resume(laptops, monkeypatch):
    from pole_desktop.sync import share_layout as L

    monkeypatch.setattr(L, "ENTRIES_PER_FILE", 25)
    a, b = laptops(2)
    for i in range(6):
        new_person(a, f"N{i}")
    a.sync()
    seen = []

    def cancel() -> bool:
        seen.append(1)
        return len(seen) > 3

    r = sync(b.db, b.share, cancel=cancel)
    assert not r.ok and "interrompue à votre demande" in r.error
    with b.read() as s:
        assert [x.ok for x in s.scalars(select(SyncRun))] == [False]
    converge(a, b)


def test_after_apply_hook_runs_inside_the_transaction(laptops, monkeypatch):
    a, b = laptops(2)
    pid = new_person(a, "Crochet")
    calls: list[list[tuple[str, str]]] = []

    def handler(session, pairs):  # noqa: ANN001
        calls.append(pairs)
        assert session.get(m.Personne, pid) is not None  # already written, same transaction

    monkeypatch.setattr(hooks, "after_apply", [handler])
    a.sync()
    b.sync()
    assert ("personne", pid) in [p for c in calls for p in c]


def test_pending_changes_and_receipt_counts(laptops):
    a, b = laptops(2)
    new_dossier(a)
    n = info(a.db)["pending_changes"]
    r = a.sync()
    assert r.sent == n and info(a.db)["pending_changes"] == 0
    rb = b.sync()
    assert rb.received == n and "reçue" in rb.summary_fr()
