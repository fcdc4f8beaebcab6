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
            ("Temps passé", format_duration(d.temps_passe_minutes) if d.temps_passe_minutes else ""),
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
    return build_pdf(build_story(data), meta)
