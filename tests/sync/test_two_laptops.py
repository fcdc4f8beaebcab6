from __future__ import annotations

from pole_desktop.domain import models as m
from pole_desktop.services import dossiers, personnes
from tests.sync.helpers import converge, new_dossier, new_person


def test_edits_travel_and_converge(laptops):
    a, b = laptops(2)
    pid = new_person(a, "Durand")
    did = new_dossier(a, beneficiaires=[pid])
    ra = a.sync()
    assert ra.sent > 0 and ra.received == 0
    rb = b.sync()
    assert rb.received == ra.sent
    with b.read() as s:
        d = s.get(m.Dossier, did)
        assert d.titre == "Épicerie solidaire"
        assert [x.personne_id for x in d.beneficiaires] == [pid]
    with b.session() as s:
        personnes.save_personne(s, {"telephone": "06 12 34 56 78"}, pid)
    converge(a, b)
    with a.read() as s:
        assert s.get(m.Personne, pid).telephone is not None
    assert a.conflicts() == [] and b.conflicts() == []
