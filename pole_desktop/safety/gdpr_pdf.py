"""The readable PDF of a person's data export (right of access), with an embedded font."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from pole_desktop.safety.gdpr import field_rows

SECTIONS = [
    ("dossiers", "Dossiers d'accompagnement"),
    ("rendez_vous", "Rendez-vous"),
    ("ateliers", "Ateliers"),
    ("structures", "Rôles dans des structures"),
    ("documents", "Documents"),
    ("fiches_fusionnees", "Fiches fusionnées dans celle-ci"),
]


def _font_dir() -> Path | None:
    candidates = []
    try:
        from pole_desktop.resources import resource_path

        candidates.append(Path(resource_path("fonts")))
    except Exception:  # noqa: BLE001
        pass
    candidates.append(Path("/usr/share/fonts/truetype/dejavu"))
    for c in candidates:
        if (c / "DejaVuSans.ttf").exists() and (c / "DejaVuSans-Bold.ttf").exists():
            return c
    return None


def _fonts() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "DejaVuSans" in pdfmetrics.getRegisteredFontNames():
        return "DejaVuSans", "DejaVuSans-Bold"
    folder = _font_dir()
    if folder is None:
        raise RuntimeError("Police DejaVu introuvable : le PDF ne peut pas être produit.")
    pdfmetrics.registerFont(TTFont("DejaVuSans", str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(folder / "DejaVuSans-Bold.ttf")))
    return "DejaVuSans", "DejaVuSans-Bold"


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


def export_pdf(data: dict[str, Any]) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    regular, bold = _fonts()
    body = ParagraphStyle("corps", fontName=regular, fontSize=9, leading=12)
    small = ParagraphStyle("petit", parent=body, fontSize=8, leading=10, textColor=colors.HexColor("#555555"))
    h1 = ParagraphStyle("titre", fontName=bold, fontSize=16, leading=20, spaceAfter=4 * mm)
    h2 = ParagraphStyle("section", fontName=bold, fontSize=12, leading=15, spaceBefore=5 * mm, spaceAfter=2 * mm,
                        textColor=colors.HexColor("#1f4e79"))
    h3 = ParagraphStyle("sous", fontName=bold, fontSize=10, leading=13, spaceBefore=3 * mm, spaceAfter=1 * mm)

    def table(rows: list[tuple[str, str]]) -> Table:
        t = Table([[Paragraph(escape(k), small), Paragraph(escape(v).replace("\n", "<br/>"), body)] for k, v in rows],
                  colWidths=[45 * mm, 125 * mm])
        t.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#dddddd")),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
        ]))
        return t

    p = data["personne"]
    name = f"{p.get('prenom') or ''} {p.get('nom') or ''}".strip()
    story: list[Any] = [
        Paragraph(escape(f"Données personnelles de {name}"), h1),
        Paragraph(escape(f"Export établi le {data['genere_le']} par Pôle Desktop — responsable du traitement : "
                         f"{data['responsable_du_traitement']}. Ce document contient toutes les informations "
                         "enregistrées à votre sujet (article 15 du RGPD)."), body),
        Paragraph("Identité et coordonnées", h2),
        table(field_rows(p)),
        Paragraph("Consentement", h2),
        table([("date", str(data["consentement"]["date"] or "non renseignée")),
               ("portée", data["consentement"]["portee"] or "non renseignée"),
               ("recueil", data["consentement"]["moyen"] or "non renseigné")]),
    ]
    for key, label in SECTIONS:
        records = data.get(key) or []
        if not records:
            continue
        story.append(Paragraph(escape(f"{label} ({len(records)})"), h2))
        for rec in records:
            block = [Paragraph(escape(_title_of(key, rec)), h3), table(field_rows(rec))]
            for sub, sub_label in (("etapes", "Étapes"), ("rendez_vous", "Rendez-vous"), ("actions", "Actions")):
                for item in rec.get(sub) or []:
                    block.append(Paragraph(escape(sub_label[:-1] if sub_label.endswith("s") else sub_label), small))
                    block.append(table(field_rows(item)))
            story.append(KeepTogether(block[:2]))
            story.extend(block[2:])
    if data.get("historique"):
        story.append(Paragraph(escape(f"Historique des modifications ({len(data['historique'])})"), h2))
        rows = [[Paragraph(escape(h["quand"]), small), Paragraph(escape(h["qui"]), small),
                 Paragraph(escape(h["quoi"]), small),
                 Paragraph(escape("" if h["nouvelle_valeur"] is None else str(h["nouvelle_valeur"])), small)]
                for h in data["historique"]]
        t = Table([[Paragraph(x, ParagraphStyle("e", parent=small, fontName=bold))
                    for x in ("Quand", "Qui", "Quoi", "Nouvelle valeur")], *rows],
                  colWidths=[32 * mm, 32 * mm, 50 * mm, 56 * mm], repeatRows=1)
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#dddddd"))]))
        story.append(t)
    story.append(Spacer(1, 6 * mm))

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(regular, 7.5)
        canvas.setFillColor(colors.HexColor("#666666"))
        canvas.drawString(20 * mm, 10 * mm, f"Export RGPD — {name} — {data['genere_le']}")
        canvas.drawRightString(190 * mm, 10 * mm, f"Page {doc.page}")
        canvas.restoreState()

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                            bottomMargin=18 * mm, title=f"Données personnelles — {name}",
                            author="Pôle d'Économie Solidaire 21", creator="Pôle Desktop")
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()
