"""Fiche de synthèse du dossier: identity, project, territory, étapes, results, rendez-vous."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from pole_desktop.documents.base import DocumentMeta, build_pdf
from pole_desktop.documents.blocks import (
    Cell,
    data_table,
    field_grid,
    section,
    subsection,
    text_paragraphs,
    title_block,
)
from pole_desktop.documents.templates.common import privacy_footer
from pole_desktop.documents.typography import (
    format_amount,
    format_date,
    format_date_short,
    format_duration,
    format_etp,
    format_number,
    format_siret,
)
from pole_desktop.documents.views import FicheSyntheseData, Personne, Resultats, Structure, Territoire

__all__ = ["render_fiche_synthese"]


def _grid(rows: list[tuple[str, Cell]]) -> list[Flowable]:
    grid = field_grid(rows)
    return [grid] if grid is not None else []


def _people_table(personnes: tuple[Personne, ...]) -> list[Flowable]:
    rows: list[list[Cell]] = []
    for p in personnes:
        contact = "\n".join(x for x in (p.telephone, p.email) if x)
        commune = p.adresse.commune if p.adresse else ""
        rows.append([p.designation, p.role, contact, commune])
    return data_table(["Personne", "Rôle", "Contact", "Commune"], rows, (2.4, 1.8, 3.1, 1.5))


def _structure_rows(s: Structure) -> list[tuple[str, Cell]]:
    effectifs = []
    if s.salaries is not None:
        effectifs.append(f"{s.salaries} salarié·e{'s' if s.salaries > 1 else ''}")
    if s.etp is not None:
        effectifs.append(format_etp(s.etp))
    if s.benevoles is not None:
        effectifs.append(f"{s.benevoles} bénévole{'s' if s.benevoles > 1 else ''}")
    rep = s.representant
    return [
        ("Structure", s.nom_affiche),
        ("Forme juridique", s.forme_juridique),
        ("SIRET", format_siret(s.siret) if s.siret else ""),
        ("RNA", s.rna),
        ("Code NAF", s.naf),
        ("Date de création", format_date(s.date_creation) if s.date_creation else ""),
        ("Siège", s.adresse.une_ligne() if s.adresse else ""),
        ("Effectifs", " · ".join(effectifs)),
        (
            "Représentée par",
            f"{rep.designation}, {rep.role}" if rep and rep.role else (rep.designation if rep else ""),
        ),
    ]


def _territory_rows(t: Territoire) -> list[tuple[str, Cell]]:
    commune = f"{t.commune} (code INSEE {t.code_insee})" if t.code_insee else t.commune
    rural = t.zonage_rural or "Non classée"
    if t.version_zonage:
        rural += f" ({t.version_zonage})"
    return [
        ("Commune", commune),
        ("EPCI", t.epci),
        ("Zonage rural", rural),
        ("Quartier prioritaire", t.qpv or "Hors QPV"),
    ]


def _result_rows(r: Resultats) -> list[tuple[str, Cell]]:
    if r.structure_creee:
        created = "Oui" + (f", le {format_date(r.date_creation)}" if r.date_creation else "")
    else:
        created = "Non"
    rows: list[tuple[str, Cell]] = [
        ("Structure créée", created),
        ("Emplois créés", format_etp(r.emplois_crees_etp)),
        ("Emplois consolidés", format_etp(r.emplois_consolides_etp)),
        ("Fonds mobilisés", format_amount(r.fonds_mobilises)),
    ]
    c = r.crowdfunding
    if c is not None:
        rate = f" ({format_number(c.collecte * 100 / c.objectif)} %)" if c.objectif else ""
        platform = f" sur {c.plateforme}" if c.plateforme else ""
        rows.append(
            (
                "Financement participatif",
                (
                    f"{format_amount(c.collecte)} collectés{platform} pour un objectif de "
                    f"{format_amount(c.objectif)}{rate}, {c.contributeurs} contributeur·rice·s"
                ),
            )
        )
    return rows


def build_story(d: FicheSyntheseData) -> list[Flowable]:
    dossier = d.dossier
    story: list[Flowable] = []
    story += title_block(
        "Fiche de synthèse du dossier",
        dossier.titre,
        f"Dossier {dossier.reference} · {dossier.dispositif.label}",
    )
    closing = ""
    if d.date_cloture:
        closing = format_date(d.date_cloture) + (f" — {d.motif_cloture}" if d.motif_cloture else "")
    story += _grid(
        [
            ("Dispositif", dossier.dispositif.label),
            ("Type d'accompagnement", d.type_dossier),
            ("Étape actuelle", d.etape_actuelle),
            ("Ouverture", format_date(d.date_ouverture) if d.date_ouverture else ""),
            ("Clôture", closing),
            ("Référent·e", d.referent),
            ("Co-accompagnement", ", ".join(d.co_accompagnateurs)),
            ("Public spécifique", ", ".join(d.public_specifique)),
        ]
    )

    if d.personnes or d.structure:
        story += section("Bénéficiaires")
        story += _people_table(d.personnes)
        if d.structure is not None:
            if d.personnes:
                story.append(Spacer(0, 8))
            story += _grid(_structure_rows(d.structure))

    project = [("Description", d.description), ("Besoins", d.besoins), ("Objectifs", d.objectifs),
               ("Innovation et utilité sociale", d.utilite_sociale)]  # fmt: skip
    if any(text for _, text in project):
        story += section("Projet")
        for title, text in project:
            if text:
                story.append(subsection(title))
                story += text_paragraphs(text)

    if d.territoire is not None:
        story += section("Territoire")
        story += _grid(_territory_rows(d.territoire))

    story += section("Étapes")
    story += data_table(
        ["Étape", "Du", "Au", "Commentaire"],
        [
            [
                e.etape,
                format_date_short(e.debut),
                format_date_short(e.fin) if e.fin else "en cours",
                e.commentaire,
            ]
            for e in d.etapes
        ],
        (2.2, 1.1, 1.1, 4.2),
        align=["left", "center", "center", "left"],
        empty="Aucune étape enregistrée.",
    )

    if d.resultats is not None:
        story += section("Résultats")
        story += _grid(_result_rows(d.resultats))

    story += section("Rendez-vous")
    story += data_table(
        ["Date", "Type", "Objet", "Accompagnateur·rice", "Durée", "Statut"],
        [
            [
                format_date_short(r.date),
                r.type_rdv,
                r.objet,
                r.accompagnateur,
                format_duration(r.duree_minutes) if r.duree_minutes else "",
                r.statut,
            ]
            for r in d.rendez_vous
        ],
        (62, 80, 134, 114, 42, 50),  # points: dates and the header must not wrap
        align=["center", "left", "left", "left", "right", "left"],
        empty="Aucun rendez-vous enregistré.",
    )
    return story


def render_fiche_synthese(data: FicheSyntheseData, meta: DocumentMeta) -> bytes:
    meta = meta.completed(
        title="Fiche de synthèse du dossier",
        label="fiche de synthèse",
        subject=f"Fiche de synthèse — dossier {data.dossier.reference}",
    )
    footer = privacy_footer(meta.letterhead, "suivi de l'accompagnement et compte rendu aux financeurs")
    return build_pdf(build_story(data) + footer, meta)
