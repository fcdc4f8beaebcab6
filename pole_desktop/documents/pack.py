"""Pack du lendemain: one PDF with what to hand over at tomorrow's rendez-vous, printed in one go.

For each rendez-vous of the day (of one advisor, or everyone's), in time order:

1. a one-page *préparation* sheet (when, where, who, objet, étape, open actions of the dossier);
2. the compte-rendu of the previous realised rendez-vous of the same dossier, if any;
3. a convention to sign when the dossier is still at the first étape of its dispositif.

A cover page lists the rendez-vous and what the pack holds for each. Every part is a complete
document with its own letterhead, footer and "Page x / n"; the parts are concatenated with pypdf
(with one bookmark per rendez-vous). Same data and same ``generated_at`` → same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pole_desktop.documents import from_models as fm
from pole_desktop.documents.base import DocumentMeta, Letterhead, build_pdf
from pole_desktop.documents.blocks import data_table, field_grid, section, text_paragraphs, title_block
from pole_desktop.documents.generate import generate_document
from pole_desktop.documents.settings import DocumentSettings
from pole_desktop.documents.typography import format_date_long, format_date_short, format_time
from pole_desktop.domain import models as m
from pole_desktop.domain.dispositifs import get_dispositif
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


@dataclass
class PackPlan:
    day: dt.date
    items: list[PackItem]


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
        item = PackItem(
            rdv_id=r.id,
            heure=format_time(r.debut),
            dossier_id=d.id if d else None,
            reference=d.reference if d else "",
            titre=(f"{_holders(session, d.id)} — {d.titre}".strip(" —") if d else (r.objet or "Rendez-vous")),
            lieu=lieu,
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
        items.append(item)
    return PackPlan(day=day, items=items)


def _cover(plan: PackPlan, meta: DocumentMeta) -> bytes:
    story = title_block(
        "Pack du lendemain",
        format_date_long(plan.day)[0].upper() + format_date_long(plan.day)[1:],
        f"{len(plan.items)} rendez-vous",
    )
    story += data_table(
        ["Heure", "Dossier", "Lieu", "Dans ce pack"],
        [[i.heure, f"{i.titre}\n{i.reference}".strip(), i.lieu, "\n".join(i.parts)] for i in plan.items],
        (0.8, 4, 1.9, 2.2),
        align=["center", "left", "left", "left"],
    )
    return build_pdf(story, meta)


def _preparation(session: Session, item: PackItem, meta: DocumentMeta) -> bytes:
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
            [[a.libelle, a.responsable or "", format_date_short(a.echeance) if a.echeance else ""] for a in actions],
            (6, 2.4, 1.3),
            align=["left", "left", "center"],
            empty="Aucune action en cours.",
        )
        story += section("Notes")
        story += text_paragraphs("\n".join(["_" * 95] * 6))
    return build_pdf(story, meta)


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
    from pypdf import PdfReader, PdfWriter

    plan = plan_pack(session, day, advisor_id)
    if not plan.items:
        return None
    lh = letterhead or (settings.letterhead if settings else Letterhead())
    generated_at = generated_at.replace(microsecond=0)
    ref = f"PACK-{day:%Y%m%d}"
    cover = _cover(plan, DocumentMeta(reference=ref, generated_at=generated_at, letterhead=lh,
                                      title=f"Pack du lendemain — {format_date_short(day)}", label="pack du lendemain"))
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(cover)), outline_item="Sommaire")
    for item in plan.items:
        meta = DocumentMeta(reference=item.reference or ref, generated_at=generated_at, letterhead=lh,
                            label="préparation")
        pdfs = [_preparation(session, item, meta)]
        if item.previous_rdv_id:
            pdfs.append(generate_document(session, "compte_rendu", item.previous_rdv_id, letterhead=lh,
                                          generated_at=generated_at, settings=settings).pdf)
        if item.convention and item.dossier_id:
            pdfs.append(generate_document(session, "convention", item.dossier_id, letterhead=lh,
                                          generated_at=generated_at, settings=settings).pdf)
        first = len(writer.pages)
        for pdf in pdfs:
            writer.append(PdfReader(io.BytesIO(pdf)))
        writer.add_outline_item(title=f"{item.heure} — {item.titre}"[:120], page_number=first)
    writer.add_metadata({"/Title": f"Pack du lendemain — {format_date_short(day)}", "/Producer": "Pôle Desktop"})
    out = io.BytesIO()
    writer.write(out)
    return _fixed_id(out.getvalue(), ref, generated_at)


def _fixed_id(pdf: bytes, ref: str, generated_at: dt.datetime) -> bytes:
    """pypdf writes a random /ID: replace it by one derived from the pack's identity (same length)."""
    import hashlib
    import re

    digest = hashlib.md5(f"{ref}|{generated_at.isoformat()}".encode(), usedforsecurity=False).hexdigest()

    def sub(match: re.Match[bytes]) -> bytes:
        a, b = match.group(1), match.group(2)
        return b"/ID [ <" + digest.encode()[: len(a)].ljust(len(a), b"0") + b"> <" + \
            digest.encode()[: len(b)].ljust(len(b), b"0") + b"> ]"

    return re.sub(rb"/ID \[ <([0-9a-fA-F]+)> <([0-9a-fA-F]+)> \]", sub, pdf)
