"""Pack du lendemain: one PDF with what to hand over at tomorrow's rendez-vous, printed in one go.

For each rendez-vous of the day (of one advisor, or everyone's), in time order:

1. a one-page *préparation* sheet (when, where, who, objet, étape, open actions of the dossier);
2. the compte-rendu of the previous realised rendez-vous of the same dossier, if any;
3. a convention to sign when the dossier is still at the first étape of its dispositif.

A cover page names the advisor and lists the rendez-vous, what the pack holds for each and what
needs attention (overlapping rendez-vous, overdue actions). The whole pack is ONE reportlab story:
each part starts on a new page with the letterhead, page numbers run across the pack ("Page 7 / 27")
and each font is embedded once (concatenating separate PDFs embedded one subset per part: 1.4 MB
for 28 pages of the small demo, 63 font files). One bookmark per rendez-vous. Same data and same
``generated_at`` → same bytes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from reportlab.platypus import Flowable, NextPageTemplate, PageBreak
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pole_desktop.documents import from_models as fm
from pole_desktop.documents.base import DocumentMeta, Letterhead, build_pdf
from pole_desktop.documents.blocks import data_table, field_grid, section, text_paragraphs, title_block
from pole_desktop.documents.settings import DocumentSettings
from pole_desktop.documents.typography import format_date_long, format_date_short, format_time
from pole_desktop.domain import models as m
from pole_desktop.domain.dispositifs import get_dispositif
from pole_desktop.formatting import format_phone
from pole_desktop.services.rendez_vous import TYPES_RDV

__all__ = ["PackItem", "PackPlan", "pack_du_lendemain", "plan_pack"]


@dataclass
class PackItem:
    rdv_id: str
    heure: str  # "09:30"
    dossier_id: str | None
    reference: str
    titre: str  # who / project
    lieu: str
    previous_rdv_id: str | None = None
    convention: bool = False
    parts: list[str] = field(default_factory=list)  # French labels of the documents in the pack
    alerts: list[str] = field(default_factory=list)  # "Chevauche le rendez-vous de 10:00", "2 actions en retard"
    debut: dt.datetime | None = None
    fin: dt.datetime | None = None


@dataclass
class PackPlan:
    day: dt.date
    items: list[PackItem]
    advisor: str = ""  # "Claire Moreau"; "" for everyone's pack


def _holders(session: Session, dossier_id: str) -> str:
    names = session.scalars(
        select(func.trim(m.Personne.prenom + " " + m.Personne.nom))
        .join(m.DossierBeneficiaire, m.DossierBeneficiaire.personne_id == m.Personne.id)
        .where(m.DossierBeneficiaire.dossier_id == dossier_id)
        .order_by(m.DossierBeneficiaire.role.desc(), m.Personne.nom)
    ).all()
    return ", ".join(names)


def plan_pack(session: Session, day: dt.date, advisor_id: str | None = None) -> PackPlan:
    """What the pack of ``day`` holds, without rendering anything."""
    start = dt.datetime.combine(day, dt.time.min)
    q = select(m.RendezVous).where(
        m.RendezVous.debut >= start,
        m.RendezVous.debut < start + dt.timedelta(days=1),
        m.RendezVous.statut != "annule",
    )
    if advisor_id:
        q = q.where(m.RendezVous.accompagnateur_id == advisor_id)
    items = []
    for r in session.scalars(q.order_by(m.RendezVous.debut, m.RendezVous.id)):
        d = r.dossier
        lieu = fm.LIEUX_DOCUMENT.get(r.lieu_type, r.lieu_type)
        if r.lieu_type == "sur_site" and r.commune_insee:
            lieu = f"{lieu} — {fm._commune_name(r.commune_insee)}"
        if r.lieu_type == "telephone":
            phones = [f"{p.personne.nom_complet} : {format_phone(p.personne.telephone)}"
                      for p in r.participants if p.personne.telephone]
            lieu = f"{lieu} — {', '.join(phones)}" if phones else f"{lieu} — numéro non renseigné"
        item = PackItem(
            rdv_id=r.id,
            heure=format_time(r.debut),
            dossier_id=d.id if d else None,
            reference=d.reference if d else "",
            titre=(f"{_holders(session, d.id)} — {d.titre}".strip(" —") if d else (r.objet or "Rendez-vous")),
            lieu=lieu,
            debut=r.debut,
            fin=r.fin,
        )
        item.parts.append("fiche de préparation")
        if d is not None:
            prev = session.scalars(
                select(m.RendezVous)
                .where(m.RendezVous.dossier_id == d.id, m.RendezVous.debut < r.debut,
                       m.RendezVous.statut == "realise")
                .order_by(m.RendezVous.debut.desc(), m.RendezVous.id.desc())
                .limit(1)
            ).first()
            if prev is not None:
                item.previous_rdv_id = prev.id
                item.parts.append(f"compte-rendu du {format_date_short(prev.debut.date())}")
            if d.date_cloture is None and d.etape == get_dispositif(d.dispositif).etape_initiale:
                item.convention = True
                item.parts.append("convention à signer")
            late = session.scalar(select(func.count()).select_from(m.Action).where(
                m.Action.dossier_id == d.id, m.Action.faite.is_(False), m.Action.echeance < day))
            if late:
                item.alerts.append(f"{late} action{'s' if late > 1 else ''} en retard")
        items.append(item)
    for a in items:  # overlapping slots (same advisor when the pack is one advisor's)
        clash = dict.fromkeys(b.heure for b in items if a is not b and a.debut and a.fin and b.debut and b.fin
                              and a.debut < b.fin and b.debut < a.fin)
        if clash:
            a.alerts.insert(0, f"Chevauche le rendez-vous de {', '.join(clash)}")
    advisor = ""
    if advisor_id:
        who = session.get(m.Accompagnateur, advisor_id)
        advisor = who.nom_complet if who else ""
    return PackPlan(day=day, items=items, advisor=advisor)


class _Bookmark(Flowable):
    """An outline entry pointing at the page where it is drawn (zero size)."""

    def __init__(self, key: str, title: str) -> None:
        super().__init__()
        self.key, self.title = key, title
        self.width = self.height = 0

    def draw(self) -> None:
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.title, self.key, level=0)


def _cover(plan: PackPlan) -> list[Flowable]:
    who = plan.advisor or "Tous les accompagnateur·rice·s"
    story = title_block(
        "Pack du lendemain",
        format_date_long(plan.day)[0].upper() + format_date_long(plan.day)[1:],
        f"{who} · {len(plan.items)} rendez-vous",
    )
    story += data_table(
        ["Heure", "Dossier", "Lieu", "Dans ce pack", "Attention"],
        [[i.heure, f"{i.titre}\n{i.reference}".strip(), i.lieu, "\n".join(i.parts), "\n".join(i.alerts)]
         for i in plan.items],
        (0.8, 3.4, 1.9, 1.9, 1.6),
        align=["center", "left", "left", "left", "left"],
    )
    return story


def _preparation(session: Session, item: PackItem) -> list[Flowable]:
    r = session.get(m.RendezVous, item.rdv_id)
    d = r.dossier
    story = title_block(
        "Préparation du rendez-vous",
        d.titre if d else (r.objet or ""),
        f"Dossier {d.reference} · {get_dispositif(d.dispositif).nom}" if d else "",
    )
    people = ", ".join(p.personne.nom_complet for p in r.participants)
    rows = [
        ("Date", f"{format_date_long(r.debut.date())} de {format_time(r.debut)} à {format_time(r.fin)}"),
        ("Lieu", item.lieu + (f" : {r.adresse}" if r.adresse else "")),
        ("Type", TYPES_RDV.get(r.type, r.type)),
        ("Participants", people),
        ("Objet", r.objet or ""),
        ("Attention", " ; ".join(item.alerts)),
    ]
    if d is not None:
        disp = get_dispositif(d.dispositif)
        rows.append(("Étape du dossier", disp.libelle_etape(d.etape)))
        rows.append(("Dans ce pack", ", ".join(item.parts[1:]) or "rien d'autre"))
    grid = field_grid(rows)
    if grid is not None:
        story.append(grid)
    if d is not None:
        actions = session.scalars(
            select(m.Action).where(m.Action.dossier_id == d.id, m.Action.faite.is_(False))
            .order_by(m.Action.echeance, m.Action.libelle)
        ).all()
        story += section("Actions en cours à faire le point")
        story += data_table(
            ["Action", "Responsable", "Échéance"],
            [[a.libelle, a.responsable or "", _due(a.echeance, r.debut.date())] for a in actions],
            (6, 2.4, 1.3),
            align=["left", "left", "center"],
            empty="Aucune action en cours.",
        )
        story += section("Notes")
        story += text_paragraphs("\n".join(["_" * 95] * 6))
    return story


def _due(day: dt.date | None, on: dt.date) -> str:
    if day is None:
        return ""
    return f"{format_date_short(day)} — en retard" if day < on else format_date_short(day)


def pack_du_lendemain(
    session: Session,
    day: dt.date,
    advisor_id: str | None = None,
    *,
    letterhead: Letterhead | None = None,
    generated_at: dt.datetime,
    settings: DocumentSettings | None = None,
) -> bytes | None:
    """The pack of ``day`` as one PDF, or None when there is no rendez-vous that day."""
    from pole_desktop.documents.templates import compte_rendu, convention
    from pole_desktop.documents.templates.common import privacy_footer

    plan = plan_pack(session, day, advisor_id)
    if not plan.items:
        return None
    lh = letterhead or (settings.letterhead if settings else Letterhead())
    generated_at = generated_at.replace(microsecond=0)
    ref = f"PACK-{day:%Y%m%d}"
    title = f"Pack du lendemain — {format_date_short(day)}" + (f" — {plan.advisor}" if plan.advisor else "")
    meta = DocumentMeta(reference=ref, generated_at=generated_at, letterhead=lh, title=title,
                        label="pack du lendemain", subject=title)
    story: list[Flowable] = [_Bookmark("sommaire", "Sommaire"), *_cover(plan)]

    def new_part() -> list[Flowable]:  # each part opens on a new page with the letterhead
        return [NextPageTemplate("first"), PageBreak(), NextPageTemplate("later")]

    for n, item in enumerate(plan.items):
        story += new_part()
        story.append(_Bookmark(f"rdv{n}", f"{item.heure} — {item.titre}"[:120]))
        story += _preparation(session, item)
        if item.previous_rdv_id:
            story += new_part()
            data = fm.compte_rendu_data(session, item.previous_rdv_id)
            story += compte_rendu.build_story(data)
            story += privacy_footer(lh, "compte-rendu de l'accompagnement, remis aux participant·e·s")
        if item.convention and item.dossier_id:
            d = session.get(m.Dossier, item.dossier_id)
            sig = fm.signataire_for(d, settings.signataire_nom, settings.signataire_qualite) if settings \
                else fm.signataire_for(d)
            story += new_part()
            story += convention.build_story(fm.convention_data(session, item.dossier_id, signataire=sig), lh)
    return build_pdf(story, meta)
