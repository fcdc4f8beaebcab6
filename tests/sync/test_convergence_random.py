"""Randomized convergence (SYNC.md property 3): 3–4 laptops, random edits through the services,
random sync order — identical data everywhere, and no concurrently overwritten text lost."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from pole_desktop.domain import models as m
from pole_desktop.domain.dispositifs import CLOTURE, get_dispositif
from pole_desktop.domain.local import Conflict
from pole_desktop.services import dossiers, personnes, rendez_vous
from pole_desktop.services.validation import ValidationError
from tests.sync.helpers import Laptop, advisor

OPS = ["person", "edit_person", "dossier", "edit_dossier", "etape", "add_link", "remove_link", "rdv",
       "compte_rendu", "sync", "sync", "sync"]


class World:
    def __init__(self, root: Path, n: int) -> None:
        self.share = root / "partage"
        self.share.mkdir()
        self.laptops = [Laptop(root, f"p{i}", self.share, advisor(i)) for i in range(n)]
        self.written: dict[tuple[str, str, str], set[str]] = {}  # text cell -> values written
        self.replaced: dict[tuple[str, str, str], set[str]] = {}  # values knowingly overwritten
        self.counter = 0

    def text(self, who: int) -> str:
        self.counter += 1
        return f"texte {self.counter} du poste {who}"

    def write_text(self, cell: tuple[str, str, str], old: str | None, new: str) -> None:
        self.written.setdefault(cell, set()).add(new)
        if old is not None:
            self.replaced.setdefault(cell, set()).add(old)

    def ids(self, lp: Laptop, model: type) -> list[str]:
        with lp.read() as s:
            return sorted(s.scalars(select(model.id)))

    def step(self, op: str, who: int, pick: int) -> None:
        lp = self.laptops[who]
        try:
            with lp.session() as s:
                self._do(s, lp, op, who, pick)
        except ValidationError:
            pass  # an operation the services refuse (e.g. already a beneficiary): nothing written

    def _do(self, s, lp: Laptop, op: str, who: int, pick: int) -> None:  # noqa: ANN001, C901
        people = sorted(s.scalars(select(m.Personne.id)))
        doss = sorted(s.scalars(select(m.Dossier.id)))
        rdvs = sorted(s.scalars(select(m.RendezVous.id)))
        if op == "person" or (op == "edit_person" and not people):
            personnes.save_personne(s, {"nom": f"Nom{pick}", "prenom": "Zoé"})
        elif op == "edit_person":
            pid = people[pick % len(people)]
            p = s.get(m.Personne, pid)
            new = self.text(who)
            self.write_text(("personne", pid, "notes"), p.notes, new)
            personnes.save_personne(s, {"notes": new, "telephone": f"06 12 34 56 {pick % 90 + 10}"}, pid)
        elif op == "dossier" or (op in ("edit_dossier", "etape", "add_link", "remove_link", "rdv") and not doss):
            benef = [people[pick % len(people)]] if people else []
            dossiers.create_dossier(s, {"dispositif": "puls_actions", "titre": f"Projet {pick}",
                                        "date_ouverture": dt.date(2026, 1, 5), "beneficiaires": benef})
        elif op == "edit_dossier":
            did = doss[pick % len(doss)]
            d = s.get(m.Dossier, did)
            new = self.text(who)
            self.write_text(("dossier", did, "description"), d.description, new)
            dossiers.update_dossier(s, did, {"description": new, "titre": f"Titre {pick}"})
        elif op == "etape":
            d = s.get(m.Dossier, doss[pick % len(doss)])
            disp = get_dispositif(d.dispositif)
            nexts = [e for e in disp.codes() if disp.peut_passer(d.etape, e)]
            target = nexts[pick % len(nexts)]
            dossiers.change_etape(s, d.id, target, date=dt.date(2026, 2, 1),
                                  motif="abandon" if target == CLOTURE else None)
        elif op == "add_link" and people:
            dossiers.add_beneficiaire(s, doss[pick % len(doss)], people[(pick // 3) % len(people)])
        elif op == "remove_link":
            links = sorted(s.scalars(select(m.DossierBeneficiaire)), key=lambda x: x.id)
            if links:
                link = links[pick % len(links)]
                dossiers.remove_beneficiaire(s, link.dossier_id, link.personne_id)
        elif op == "rdv":
            rendez_vous.plan_rendez_vous(s, {"dossier_id": doss[pick % len(doss)],
                                             "debut": dt.datetime(2026, 3, 1 + pick % 20, 10)})
        elif op == "compte_rendu" and rdvs:
            rid = rdvs[pick % len(rdvs)]
            r = s.get(m.RendezVous, rid)
            new = self.text(who)
            self.write_text(("rendez_vous", rid, "compte_rendu"), r.compte_rendu, new)
            rendez_vous.record_compte_rendu(s, rid, {"compte_rendu": new})

    def close(self) -> None:
        for lp in self.laptops:
            lp.close()


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    n=st.integers(3, 4),
    steps=st.lists(st.tuples(st.sampled_from(OPS), st.integers(0, 3), st.integers(0, 1000)), min_size=8, max_size=28),
    final_order=st.permutations(range(4)),
)
def test_random_histories_converge(n, steps, final_order):
    root = Path(tempfile.mkdtemp(prefix="conv-"))
    w = World(root, n)
    try:
        for op, who, pick in steps:
            who %= n
            if op == "sync":
                w.laptops[who].sync()
            else:
                w.step(op, who, pick)
        order = [i for i in final_order if i < n]
        for _ in range(2):
            for i in order:
                w.laptops[i].sync()
        digests = {lp.name: lp.digest() for lp in w.laptops}
        assert len(set(digests.values())) == 1, digests
        # Nothing is ever lost: every text value written is the current one, was knowingly replaced by
        # someone who saw it, or sits in some laptop's conflict inbox.
        losers: set[tuple[str, str, str, str]] = set()
        for lp in w.laptops:
            with lp.read() as s:
                for c in s.scalars(select(Conflict)):
                    losers.add((c.tbl, c.row_id, c.col, c.loser_value))
        import json

        lp = w.laptops[0]
        with lp.read() as s:
            for (tbl, rid, col), values in w.written.items():
                model = {"personne": m.Personne, "dossier": m.Dossier, "rendez_vous": m.RendezVous}[tbl]
                obj = s.get(model, rid)
                current = getattr(obj, col) if obj is not None else None
                for v in values:
                    ok = (v == current or v in w.replaced.get((tbl, rid, col), set())
                          or (tbl, rid, col, json.dumps(v, ensure_ascii=False)) in losers)
                    assert ok, (tbl, col, v, current)
    finally:
        w.close()
        shutil.rmtree(root, ignore_errors=True)
