"""An import travels like any edit; undone on another laptop, the undo travels back."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from pole_desktop.domain import models as m
from pole_desktop.domain.imports import ImportLot
from pole_desktop.importing import apply, mapping, readers
from pole_desktop.services import personnes
from tests.sync.helpers import converge
from tests.unit.import_samples import ROWS, people_rows, write_csv


def _people(lp) -> int:  # noqa: ANN001
    with lp.read() as s:
        return s.scalar(select(func.count()).select_from(m.Personne))


def test_import_on_a_undo_on_b_a_sees_it_undone(laptops, tmp_path: Path) -> None:  # noqa: ANN001
    a, b = laptops(2)
    pid = None
    with a.session() as s:  # someone the team already knows, whom the file updates
        pid = personnes.save_personne(s, {"nom": "Martin", "prenom": "Élodie",
                                          "email": "elodie.martin@exemple.fr"}).id
    converge(a, b)
    path = write_csv(tmp_path / "anciens.csv", [*ROWS, *people_rows(50)])
    src = readers.open_source(path)
    res = apply.apply_import(a.db, src, mapping.auto_mapping("personnes", src.headers))
    assert (res.dry.created, res.dry.updated) == (52, 1)
    converge(a, b)
    assert _people(b) == 53
    with b.read() as s:
        assert s.get(ImportLot, res.batch_id).nb_crees == 52
        assert s.get(m.Personne, pid).annee_naissance == 1985

    undone = apply.undo_import(b.db, res.batch_id)
    assert (undone.deleted, undone.restored) == (52, 1)
    converge(a, b)
    assert _people(a) == 1
    with a.read() as s:
        assert s.get(m.Personne, pid).annee_naissance is None
        assert s.get(ImportLot, res.batch_id).annule_le is not None
        from pole_desktop.storage.search import search_ids

        assert search_ids(s, "NOM000001", "personne") == []
    assert a.conflicts() == [] and b.conflicts() == []

    # Re-import after undo, on A: the team gets it again.
    again = apply.apply_import(a.db, readers.open_source(path), mapping.auto_mapping("personnes", src.headers))
    assert again.dry.created == 52
    converge(a, b)
    assert _people(b) == 53
