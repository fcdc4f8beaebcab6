"""The readable PDF of a person's data export (right of access), on the documents kit
(letterhead, embedded DejaVu fonts, footer with reference, date and page numbers)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pole_desktop.safety.gdpr import field_rows

SECTIONS = [
    ("dossiers", "Dossiers d'accompagnement"),
    ("rendez_vous", "Rendez-vous"),
    ("ateliers", "Ateliers"),
    ("structures", "Rôles dans des structures"),
    ("documents", "Documents"),
    ("fiches_fusionnees", "Fiches fusionnées dans celle-ci"),
]
SUBLISTS = [("etapes", "Étape"), ("rendez_vous", "Rendez-vous"), ("actions", "Action")]


def _title_of(section: str, rec: dict[str, Any]) -> str:
    if section == "dossiers":
        return f"{rec.get('reference', '')} — {rec.get('titre', '')}"
    if section == "rendez_vous":
        return f"Rendez-vous du {rec.get('debut', '')}"
    if section == "ateliers":
        return f"{rec.get('titre', '')} ({rec.get('debut', '')})"
    if section == "structures":
        return f"{rec.get('raison_sociale', '')} — {rec.get('role', '')}"
    if section == "documents":
        return str(rec.get("titre", ""))
    return f"{rec.get('prenom', '')} {rec.get('nom', '')}"


def export_pdf(data: dict[str, Any], generated_at: dt.datetime | None = None) -> bytes:
    from reportlab.lib.styles import ParagraphStyle

    from pole_desktop.documents.base import DocumentMeta, build_pdf
    from pole_desktop.documents.blocks import data_table, field_grid, paragraph, section, subsection, title_block
    from pole_desktop.documents.styles import ACCENT, BODY

    sublabel = ParagraphStyle("rgpd-sous-element", parent=BODY, textColor=ACCENT, spaceBefore=6, spaceAfter=1,
                              fontName="DejaVuSans-Bold", fontSize=8.5)

    p = data["personne"]
    name = f"{p.get('prenom') or ''} {p.get('nom') or ''}".strip()
    when = generated_at or dt.datetime.fromisoformat(data["genere_le"])
    story: list[Any] = [
        *title_block("Données personnelles", name, "Droit d'accès — article 15 du RGPD"),
        paragraph(f"Ce document rassemble toutes les informations que le {data['responsable_du_traitement']} "
                  "enregistre à votre sujet dans son logiciel de suivi des accompagnements, y compris "
                  "l'historique des modifications."),
        *section("Identité et coordonnées"),
    ]

    def grid(rows: list[tuple[str, str]]) -> None:
        g = field_grid(rows)
        if g is not None:
            story.append(g)

    grid(field_rows(p))
    story += section("Consentement")
    c = data["consentement"]
    grid([("date", str(c["date"] or "non renseignée")), ("portée", c["portee"] or "non renseignée"),
          ("recueil", c["moyen"] or "non renseigné")])
    for key, label in SECTIONS:
        records = data.get(key) or []
        if not records:
            continue
        story += section(f"{label} ({len(records)})")
        for rec in records:
            story.append(subsection(_title_of(key, rec)))
            grid(field_rows(rec))
            for sub, sub_label in SUBLISTS:
                for item in rec.get(sub) or []:
                    story.append(paragraph(sub_label, sublabel))
                    grid(field_rows(item))
    if data.get("historique"):
        story += section(f"Historique des modifications ({len(data['historique'])})")
        rows = [[h["quand"], h["qui"], h["quoi"], "" if h["nouvelle_valeur"] is None else str(h["nouvelle_valeur"])]
                for h in data["historique"]]
        story += data_table(["Quand", "Qui", "Quoi", "Nouvelle valeur"], rows, (3, 3, 4, 5))
    meta = DocumentMeta(reference=f"RGPD {p.get('id', '')[:8]}", generated_at=when,
                        title=f"Données personnelles — {name}", label="export RGPD")
    return build_pdf(story, meta)
