"""Compte-rendu d'entretien: who, when, where, objet, notes, decisions, actions, next appointment."""

from __future__ import annotations

from reportlab.platypus import Flowable

from pole_desktop.documents.base import DocumentMeta, build_pdf
from pole_desktop.documents.blocks import (
    bullet_list,
    data_table,
    field_grid,
    section,
    text_paragraphs,
    title_block,
)
from pole_desktop.documents.templates.common import privacy_footer
from pole_desktop.documents.typography import (
    format_date_long,
    format_date_short,
    format_duration,
    format_time_range,
)
from pole_desktop.documents.views import CompteRenduData, Participant

__all__ = ["render_compte_rendu"]


def _participant_line(p: Participant) -> str:
    details = ", ".join(x for x in (p.qualite, p.structure) if x)
    return f"{p.nom} — {details}" if details else p.nom


def _when(d: CompteRenduData) -> str:
    hours = format_time_range(d.heure_debut, d.heure_fin)
    return f"{format_date_long(d.date)} {hours}".strip()


def _where(d: CompteRenduData) -> str:
    address = d.lieu_adresse.une_ligne() if d.lieu_adresse else ""
    place = " — ".join(x for x in (d.lieu_precision, address) if x)
    return " : ".join(x for x in (d.lieu_type, place) if x)


def _time_spent(d: CompteRenduData) -> str:
    """The slot is the time spent unless the advisor recorded another duration, which is then said so
    (never a bare « 45 min » beside a 17:30–19:00 slot)."""
    slot = None
    if d.heure_debut is not None and d.heure_fin is not None:
        slot = (d.heure_fin.hour * 60 + d.heure_fin.minute) - (d.heure_debut.hour * 60 + d.heure_debut.minute)
    spent = d.temps_passe_minutes if d.temps_passe_minutes is not None else slot
    if not spent or spent <= 0:
        return ""
    if slot and slot > 0 and spent != slot:
        return f"{format_duration(spent)} (durée saisie ; créneau de {format_duration(slot)})"
    return format_duration(spent)


def build_story(d: CompteRenduData) -> list[Flowable]:
    dossier = d.dossier
    story: list[Flowable] = []
    story += title_block(
        "Compte-rendu d'entretien",
        dossier.titre,
        f"Dossier {dossier.reference} · {dossier.dispositif.label}",
    )
    grid = field_grid(
        [
            ("Date", _when(d)),
            ("Lieu", _where(d)),
            ("Type de rendez-vous", d.type_rdv),
            ("Accompagnateur·rice", d.accompagnateur),
            ("Participants", "\n".join(_participant_line(p) for p in d.participants)),
            ("Temps passé", _time_spent(d)),
            ("Statut", d.statut),
        ]
    )
    if grid is not None:
        story.append(grid)
    if d.objet:
        story += section("Objet")
        story += text_paragraphs(d.objet)
    story += section("Compte-rendu")
    story += text_paragraphs(d.notes, empty="Pas de notes pour cet entretien.")
    if d.decisions:
        story += section("Décisions")
        story += bullet_list(d.decisions)
    if d.actions:
        story += section("Actions à mener")
        story += data_table(
            ["Action", "Responsable", "Échéance"],
            [
                [a.description, a.responsable, format_date_short(a.echeance) if a.echeance else ""]
                for a in d.actions
            ],
            (6, 2.4, 1.3),
            align=["left", "left", "center"],
        )
    if d.prochain_rdv is not None:
        n = d.prochain_rdv
        story += section("Prochain rendez-vous")
        grid = field_grid(
            [
                (
                    "Date",
                    f"{format_date_long(n.date)} {format_time_range(n.heure_debut, n.heure_fin)}".strip(),
                ),
                ("Lieu", n.lieu),
                ("Objet", n.objet),
            ]
        )
        if grid is not None:
            story.append(grid)
    return story


def render_compte_rendu(data: CompteRenduData, meta: DocumentMeta) -> bytes:
    meta = meta.completed(
        title="Compte-rendu d'entretien",
        label="compte-rendu",
        subject=f"Compte-rendu d'entretien du {format_date_short(data.date)} — dossier {data.dossier.reference}",
    )
    footer = privacy_footer(meta.letterhead, "compte-rendu de l'accompagnement, remis aux participant·e·s")
    return build_pdf(build_story(data) + footer, meta)
