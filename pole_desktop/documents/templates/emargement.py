"""Feuille d'émargement of an atelier: participants table with tall signature rows, repeated header
on every page, and numbered empty rows for walk-ins."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from pole_desktop.documents.base import DocumentMeta, Letterhead, build_pdf
from pole_desktop.documents.blocks import (
    Cell,
    SignatureBlock,
    data_table,
    field_grid,
    paragraph,
    signature_blocks,
    title_block,
)
from pole_desktop.documents.styles import BODY, CONTENT_WIDTH, NOTE
from pole_desktop.documents.templates.common import RETENTION_FUNDERS, funder_mentions, privacy_contact
from pole_desktop.documents.typography import format_date_long, format_date_short, format_time_range
from pole_desktop.documents.views import EmargementData

__all__ = ["SIGNATURE_ROW_HEIGHT", "render_emargement"]

SIGNATURE_ROW_HEIGHT = 11 * mm


def _participant_rows(d: EmargementData) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for i, p in enumerate(d.participants, start=1):
        where = "\n".join(x for x in (p.structure, p.commune) if x)
        rows.append([str(i), p.nom.upper(), p.prenom, where, ""])
    start = len(rows) + 1
    rows += [[str(i), "", "", "", ""] for i in range(start, start + max(0, d.lignes_vierges))]
    return rows


def build_story(d: EmargementData, lh: Letterhead | None = None) -> list[Flowable]:
    lh = lh or Letterhead()
    story: list[Flowable] = []
    story += title_block("Feuille d'émargement", d.theme)
    place = " — ".join(x for x in (d.lieu, d.adresse.une_ligne() if d.adresse else "") if x)
    grid = field_grid(
        [
            ("Date", f"{format_date_long(d.date)} {format_time_range(d.heure_debut, d.heure_fin)}".strip()),
            ("Lieu", place),
            ("Animation", d.animateur),
            ("Intervenant·e·s", ", ".join(d.intervenants)),
            ("Dispositif", d.dispositif.label if d.dispositif else ""),
        ],
        label_width=32 * mm,
    )
    if grid is not None:
        story.append(grid)
    story.append(Spacer(0, 5 * mm))
    story += data_table(
        ["N°", "Nom", "Prénom", "Structure / commune", "Signature"],
        _participant_rows(d),
        (0.5, 1.8, 1.5, 2.6, 3.2),
        align=["center", "left", "left", "left", "left"],
        row_height=SIGNATURE_ROW_HEIGHT,
        valign="MIDDLE",
        column_rules=True,
    )
    story.append(Spacer(0, 4 * mm))
    tail: list[Flowable] = [
        paragraph("Nombre de participant·e·s présent·e·s : ………", BODY),
        Spacer(0, 3 * mm),
        signature_blocks(
            [SignatureBlock("L'animateur·rice", (d.animateur,), "Signature")],
            width=CONTENT_WIDTH * 0.5,
            box_height=22 * mm,
            align="RIGHT",
        ),
    ]
    if d.financeurs:
        tail += [Spacer(0, 3 * mm), paragraph(d.financeurs, NOTE)]
    tail += funder_mentions(lh)
    tail.append(
        paragraph(
            f"En signant, chaque participant·e atteste de sa présence. Responsable du traitement : "
            f"{lh.legal_name}, {lh.address}. Ces informations servent à justifier l'action auprès de ses "
            f"financeurs, qui peuvent les contrôler ; elles sont conservées {RETENTION_FUNDERS}, puis "
            f"détruites. Droits d'accès, de rectification, d'effacement et de limitation : "
            f"{privacy_contact(lh)}. Réclamation possible auprès de la CNIL (www.cnil.fr).",
            NOTE,
        )
    )
    story.append(KeepTogether(tail))
    return story


def render_emargement(data: EmargementData, meta: DocumentMeta) -> bytes:
    meta = meta.completed(
        title=f"Feuille d'émargement — {data.theme} — {format_date_short(data.date)}",
        label="feuille d'émargement",
        subject=f"Feuille d'émargement de l'atelier du {format_date_short(data.date)}",
    )
    return build_pdf(build_story(data, meta.letterhead), meta)
