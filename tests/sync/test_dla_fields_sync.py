"""The DLA fields (ingénierie, follow-ups) travel between laptops like every dossier field, and two
advisors editing different ones both keep their edit."""

from __future__ import annotations

import datetime as dt

from pole_desktop import clock
from pole_desktop.domain import models as m
from pole_desktop.services import dossiers
from tests.sync.helpers import converge


def test_dla_fields_travel_and_different_fields_both_survive(laptops):
    a, b = laptops(2)
    opened = clock.today() - dt.timedelta(days=400)
    with a.session() as s:
        did = dossiers.create_dossier(s, {"dispositif": "dla", "titre": "Chantier d'insertion",
                                          "date_ouverture": opened, "ingenierie_type": "individuelle"}).id
    converge(a, b)
    with b.read() as s:
        assert s.get(m.Dossier, did).ingenierie_type == "individuelle"
    six = opened + dt.timedelta(days=190)
    with a.session() as s:
        dossiers.update_dossier(s, did, {"suivi_6_date": six, "suivi_6_resultat": "non_joignable",
                                         "suivi_6_commentaire": "Trois relances."})
    with b.session() as s:
        dossiers.update_dossier(s, did, {"ingenierie_budget": "3 000"})
    converge(a, b)
    for lp in (a, b):
        with lp.read() as s:
            d = s.get(m.Dossier, did)
            assert (d.ingenierie_type, d.ingenierie_budget_centimes, d.suivi_6_date, d.suivi_6_resultat,
                    d.suivi_6_commentaire) == ("individuelle", 300_000, six, "non_joignable", "Trois relances.")
    assert a.conflicts() == [] and b.conflicts() == []
