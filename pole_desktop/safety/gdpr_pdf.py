"""The readable PDF of a person's data export (right of access, GDPR art. 12 and 15), on the documents
kit (letterhead, embedded DejaVu fonts, footer with reference, date and page numbers).

Intelligible means: French labels and formatted values (« 19 000 € », « Oui », dates as
« 26/11/2026 »), no internal identifiers, the history grouped by event (one line per change made
at once, with what changed), and the information article 15 requires (purposes, recipients,
retention, source, rights, CNIL) before the data. The JSON written beside it keeps every raw value
and identifier (portability).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pole_desktop.safety.gdpr import ARTICLE_15, EXTRA_LABELS, field_rows, readable

SECTIONS = [
    ("dossiers", "Dossiers d'accompagnement"),
    ("rendez_vous", "Rendez-vous"),
    ("ateliers", "Ateliers"),
    ("structures", "Rôles dans des structures"),
    ("documents", "Documents et fichiers"),
    ("fiches_fusionnees", "Fiches fusionnées dans celle-ci"),
]
SUBLISTS = [("etapes", "Étape"), ("rendez_vous", "Rendez-vous"), ("actions", "Action")]
INFO_LABELS = [
    ("finalites", "Pourquoi ces données sont traitées"),
    ("base_legale", "Sur quelle base"),
    ("destinataires", "Qui les reçoit"),
    ("conservation", "Combien de temps elles sont gardées"),
    ("source", "D'où elles viennent"),
    ("decision_automatisee", "Décision automatisée"),
    ("droits", "Vos droits"),
    ("reclamation", "Réclamation"),
]


def _date(value: Any) -> str:
    return readable("date", value) if value else ""


def _title_of(section: str, rec: dict[str, Any]) -> str:
    if section == "dossiers":
        return f"{rec.get('reference', '')} — {rec.get('titre', '')}"
    if section == "rendez_vous":
        return f"Rendez-vous du {_date(rec.get('debut'))}"
    if section == "ateliers":
        return f"{rec.get('titre', '')} ({_date(rec.get('debut'))})"
    if section == "structures":
        return f"{rec.get('raison_sociale', '')} — {rec.get('role', '')}"
    if section == "documents":
        return str(rec.get("titre", ""))
    return f"{rec.get('prenom', '')} {rec.get('nom', '')}"


def _value(column: str, value: Any) -> str:
    if value is None or value == "":
        return "(vide)"
    return readable(column, value)


def history_events(entries: list[dict[str, Any]]) -> list[tuple[str, str, str, str]]:
    """(when, who, event, details) with the changes written at once (same time, author and record)
    grouped in one event: « Création — Rendez-vous » with « objet : …, compte-rendu : … »."""
    from pole_desktop.domain.labels import field_label, table_label

    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for h in entries:  # one event = one write of a record (one HLC), else same time, author and record
        key = (h["quand"], h["qui"], h.get("table", ""), h.get("hlc") or h.get("ligne", ""))
        groups.setdefault(key, []).append(h)
    out = []
    for (when, who, table, _row), changes in groups.items():
        cols = [c for c in changes
                if c.get("colonne") not in ("id", None) and not str(c.get("colonne")).endswith("_id")]
        if any(c.get("colonne") == "__deleted__" for c in changes):
            event = f"Suppression — {table_label(table)}"
            details = ""
        else:
            created = all(c.get("ancienne_valeur") is None for c in changes)
            kind = "Création" if created else "Modification"
            event = f"{kind} — {table_label(table)}" if table else changes[0]["quoi"]
            shown = [c for c in cols if created is False or c.get("nouvelle_valeur") not in (None, "", False)]
            details = " ; ".join(
                f"{EXTRA_LABELS.get(c['colonne']) or field_label(c['colonne'])} : "
                f"{_value(c['colonne'], c.get('nouvelle_valeur'))}"
                + ("" if created or c.get("ancienne_valeur") is None
                   else f" (avant : {_value(c['colonne'], c.get('ancienne_valeur'))})")
                for c in shown
            )
        out.append((readable("quand", when), who, event, details))
    return out


def export_pdf(data: dict[str, Any], generated_at: dt.datetime | None = None) -> bytes:
    from reportlab.lib.styles import ParagraphStyle

    from pole_desktop.documents.base import DocumentMeta, build_pdf
    from pole_desktop.documents.blocks import data_table, field_grid, paragraph, section, subsection, title_block
    from pole_desktop.documents.styles import ACCENT, BODY, NOTE

    sublabel = ParagraphStyle("rgpd-sous-element", parent=BODY, textColor=ACCENT, spaceBefore=6, spaceAfter=1,
                              fontName="DejaVuSans-Bold", fontSize=8.5)

    p = data["personne"]
    name = f"{p.get('prenom') or ''} {p.get('nom') or ''}".strip()
    when = generated_at or dt.datetime.fromisoformat(data["genere_le"])
    story: list[Any] = [
        *title_block("Vos données personnelles", name, "Droit d'accès — articles 12 et 15 du RGPD"),
        paragraph(f"Ce document rassemble toutes les informations que le {data['responsable_du_traitement']}, "
                  "responsable du traitement, enregistre à votre sujet dans son logiciel de suivi des "
                  "accompagnements : votre fiche, vos dossiers, rendez-vous, ateliers, documents, les saisies "
                  "en cours et l'historique des modifications."),
        *section("Ce que le Pôle fait de vos données"),
    ]

    def grid(rows: list[tuple[str, str]]) -> None:
        g = field_grid(rows)
        if g is not None:
            story.append(g)

    info = data.get("informations") or ARTICLE_15
    grid([(label, info[key]) for key, label in INFO_LABELS if info.get(key)])
    story += section("Identité et coordonnées")
    grid(field_rows(p))
    story += section("Consentement")
    c = data["consentement"]
    grid([("date", _date(c["date"]) or "non renseignée"), ("portée", c["portee"] or "non renseignée"),
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
    if data.get("brouillons"):
        story += section(f"Saisies en cours, non encore enregistrées ({len(data['brouillons'])})")
        for d in data["brouillons"]:
            content = d["contenu"]
            rows = field_rows(content) if isinstance(content, dict) else [("contenu", str(content))]
            story.append(subsection(f"Brouillon du {readable('quand', d['modifie_le'])}"))
            grid(rows)
    if data.get("conflits"):
        story += section(f"Modifications concurrentes à arbitrer ({len(data['conflits'])})")
        story.append(paragraph("Deux accompagnateur·rice·s ont modifié la même information hors connexion ; "
                               "la valeur retenue est celle qui s'affiche, l'autre est conservée pour arbitrage.",
                               NOTE))
        story += data_table(
            ["Détectée le", "Information", "Valeur retenue", "Autre valeur", "Arbitrée le"],
            [[readable("quand", x["detecte_le"]), x["quoi"], _value(x["colonne"], x["valeur_retenue"]),
              _value(x["colonne"], x["valeur_ecartee"]), readable("quand", x["resolu_le"]) if x["resolu_le"]
              else "en attente"] for x in data["conflits"]],
            (1.6, 2.4, 2.2, 2.2, 1.4),
        )
    if data.get("historique"):
        events = history_events(data["historique"])
        story += section(f"Historique des modifications ({len(events)} événements)")
        story += data_table(["Quand", "Qui", "Événement", "Ce qui a été enregistré"], [list(e) for e in events],
                            (1.7, 1.7, 2.4, 5))
    meta = DocumentMeta(reference=f"RGPD-{when:%Y%m%d}", generated_at=when,
                        title=f"Données personnelles — {name}", label="export RGPD (droit d'accès)")
    return build_pdf(story, meta)
