"""Entry points of packages that land while the benchmark is written (documents, reports).

Each function returns ``(callable, description)`` or None when the module is absent, so the
table says "n/a (module absent)" instead of crashing. When the app gains its own
"database → document" function, it is used; until then the benchmark maps the rows itself
(the same reads a screen would do) and renders with the documents package.
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

from bench.core import module_present

# Where an app-level "PDF of this rendez-vous / of this year" function may live (first found wins).
COMPTE_RENDU_CANDIDATES = [
    ("pole_desktop.services.documents", "compte_rendu_pdf"),
    ("pole_desktop.documents.generate", "compte_rendu_pdf"),
]
BILAN_CANDIDATES = [
    ("pole_desktop.reports.bilan", "bilan_pdf"),
    ("pole_desktop.reports", "bilan_pdf"),
    ("pole_desktop.reports.bilan", "render_bilan_pdf"),
]


def _find(candidates: list[tuple[str, str]]) -> tuple[Any, str] | None:
    for module, name in candidates:
        if not module_present(module):
            continue
        fn = getattr(importlib.import_module(module), name, None)
        if callable(fn):
            return fn, f"{module}.{name}"
    return None


def compte_rendu() -> tuple[Any, str] | None:
    if not module_present("pole_desktop.documents"):
        return None
    found = _find(COMPTE_RENDU_CANDIDATES)
    if found:
        fn, how = found
        return (lambda db, rdv_id: fn(db, rdv_id)), how
    return _compte_rendu_from_rows, "bench's rows → CompteRenduData, documents.render_compte_rendu"


def _compte_rendu_from_rows(db: Any, rdv_id: str) -> bytes:
    from sqlalchemy import select

    from pole_desktop import documents as doc
    from pole_desktop.domain import models as m

    with db.read() as s:
        r = s.get(m.RendezVous, rdv_id)
        d = s.get(m.Dossier, r.dossier_id)
        advisor = s.get(m.Accompagnateur, r.accompagnateur_id) if r.accompagnateur_id else None
        people = s.scalars(
            select(m.Personne).join(m.RendezVousParticipant, m.RendezVousParticipant.personne_id == m.Personne.id)
            .where(m.RendezVousParticipant.rendez_vous_id == rdv_id)
        ).all()
        actions = s.scalars(select(m.Action).where(m.Action.rendez_vous_id == rdv_id)).all()
        data = doc.CompteRenduData(
            dossier=doc.DossierRef(reference=d.reference, dispositif=doc.Dispositif(d.dispositif), titre=d.titre),
            date=r.debut.date(),
            heure_debut=r.debut.time(),
            heure_fin=r.fin.time() if r.fin else None,
            type_rdv=r.type,
            lieu_type=r.lieu_type,
            lieu_adresse=doc.Adresse(lignes=r.adresse or ""),
            accompagnateur=advisor.nom_complet if advisor else "",
            participants=tuple(doc.Participant(nom=p.nom_complet, qualite="porteur du projet") for p in people),
            objet=r.objet or "",
            notes=r.compte_rendu or "",
            decisions=tuple(x for x in (r.decisions or "").split("\n") if x),
            actions=tuple(doc.ActionItem(description=a.libelle, responsable=a.responsable or "",
                                         echeance=a.echeance, fait=a.faite) for a in actions),
            temps_passe_minutes=r.duree_minutes,
            statut=r.statut,
        )
    meta = doc.DocumentMeta(reference=d.reference, generated_at=dt.datetime(2026, 11, 26, 14, 30))
    return doc.render_compte_rendu(data, meta)


def bilan() -> tuple[Any, str] | None:
    if not module_present("pole_desktop.reports"):
        return None
    found = _find(BILAN_CANDIDATES)
    if found:
        fn, how = found
        return (lambda db, year: fn(db, year)), how
    return None
