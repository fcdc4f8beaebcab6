"""The bilan d'activité as PDF (with charts), CSV (French Excel) and XLSX — the same numbers in all.

Every export reads the numbers from :func:`key_figures` and :func:`tables`, so the three formats
cannot drift apart.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from pole_desktop.reports.bilan import Bilan

__all__ = [
    "PREVIOUS_HEADER",
    "Figure",
    "ReportTable",
    "bilan_meta",
    "bilan_reference",
    "charts",
    "format_value",
    "key_figures",
    "period_label",
    "tables",
    "to_csv",
    "to_pdf",
    "to_xlsx",
]

# Units: "" (count), "etp", "eur", "pct", "h".


@dataclass(frozen=True, slots=True)
class Figure:
    label: str
    value: int | Decimal
    unit: str = ""
    previous: int | Decimal | None = None  # the same period a year earlier (None: not comparable)


@dataclass(frozen=True, slots=True)
class ReportTable:
    title: str  # "Dossiers par dispositif"
    sheet: str  # XLSX sheet name (≤ 31 characters)
    headers: tuple[str, ...]
    rows: tuple[tuple[str | int | Decimal, ...], ...]
    units: tuple[str, ...]  # per column: "text" or a unit as for Figure
    widths: tuple[float, ...] = ()  # relative PDF column widths (default: first column wider)
    empty: str = "Aucun dossier."


PREVIOUS_HEADER = "Même période N-1"


def period_label(b: Bilan) -> str:
    from pole_desktop.documents.typography import format_date

    return f"du {format_date(b.date_from)} au {format_date(b.date_to)}"


def _figures(b: Bilan) -> list[tuple[str, str, int | Decimal, str]]:
    """(key, label, value, unit) in the printed order; the key pairs a figure with last year's."""
    z = b.zonage_rural
    g = b.graines
    out: list[tuple[str, str, int | Decimal, str]] = [
        ("personnes", "Personnes accompagnées", b.personnes, ""),
        ("nouvelles", "dont nouvelles personnes", b.personnes_nouvelles, ""),
        ("en_cours", "dont personnes déjà accompagnées", b.personnes_en_cours, ""),
        ("actifs", "Dossiers actifs", b.dossiers_actifs, ""),
        ("ouverts", "Dossiers ouverts pendant la période", b.dossiers_ouverts, ""),
        ("clotures", "Dossiers clôturés pendant la période", b.dossiers_clotures, ""),
        ("structures", "Structures accompagnées", b.structures, ""),
        ("esus", "dont structures agréées ESUS", b.structures_esus, ""),
        ("salaries", "Salariés des structures accompagnées", b.structures_salaries, ""),
        ("structures_etp", "ETP des structures accompagnées", b.structures_etp, "etp"),
        ("creees", "Structures créées", b.structures_creees, ""),
        ("emplois_crees", "Emplois créés", b.emplois_crees_etp, "etp"),
        ("emplois_consolides", "Emplois consolidés", b.emplois_consolides_etp, "etp"),
        ("fonds", "Fonds mobilisés", b.fonds_mobilises, "eur"),
        ("femmes", "Part de femmes", b.part_femmes, "pct"),
        ("porteuses", "Dossiers portés par une femme", b.dossiers_porteuse, ""),
        ("rsa", "Allocataires du RSA", b.rsa, ""),
        ("de", "Demandeur·se·s d'emploi", b.demandeurs_emploi, ""),
        ("jeunes", "Moins de 26 ans", b.moins_26, ""),
        ("seniors", "Plus de 50 ans", b.plus_50, ""),
        ("qpv", "Part des habitant·e·s d'un QPV", b.part_qpv, "pct"),
        (f"rural_{z}", f"Part des personnes en {z}", b.part_rural, "pct"),
    ]
    if z == "FRR":
        out.append(("frr_plus", "dont part en FRR+", b.part_frr_plus, "pct"))
    if b.with_dla:
        out += [
            ("dla_ingenieries", "Ingénieries DLA engagées", b.ingenieries_total, ""),
            ("dla_budget", "Budget des ingénieries DLA", b.ingenieries_budget, "eur"),
            ("dla_suivis_6", "Suivis DLA à 6 mois", b.suivis_6_mois, ""),
            ("dla_suivis_24", "Suivis DLA à 24 mois", b.suivis_24_mois, ""),
        ]
    out += [
        ("rdv", "Rendez-vous réalisés", b.rendez_vous, ""),
        ("heures", "Temps passé en rendez-vous", b.heures, "h"),
        ("ateliers", "Ateliers", b.ateliers, ""),
        ("presences", "Présences aux ateliers", b.participations_ateliers, ""),
        ("participants", "Participants distincts aux ateliers", b.participants_ateliers, ""),
        ("campagnes", "Campagnes Graines d'Actions", g.campagnes, ""),
        ("cf_objectif", "Montant visé par les campagnes", g.objectif, "eur"),
        ("cf_collecte", "Montant collecté par les campagnes", g.collecte, "eur"),
        ("cf_contributeurs", "Contributeurs aux campagnes", g.contributeurs, ""),
        ("cf_reussite", "Taux de réussite des campagnes", g.taux_reussite, "pct"),
    ]
    return out


def key_figures(b: Bilan) -> list[Figure]:
    previous = {k: v for k, _, v, _ in _figures(b.precedent)} if b.precedent is not None else {}
    return [Figure(label, value, unit, previous.get(key)) for key, label, value, unit in _figures(b)]


def _lines(title: str, sheet: str, header: str, lines, empty: str) -> ReportTable:  # noqa: ANN001
    return ReportTable(title, sheet, (header, "Nombre"), tuple((x.libelle, x.nombre) for x in lines),
                       ("text", ""), (4, 1.2), empty)


def tables(b: Bilan) -> list[ReportTable]:
    out = [
        ReportTable(
            "Dossiers par dispositif",
            "Dispositifs",
            ("Dispositif", "Dossiers actifs", "Ouverts", "Clôturés", "Personnes", "Heures"),
            tuple((d.libelle, d.actifs, d.ouverts, d.clotures, d.personnes, d.heures) for d in b.par_dispositif),
            ("text", "", "", "", "", "h"),
            (2.6, 1.2, 1, 1, 1.1, 1.1),
        ),
        ReportTable(
            "Dossiers par étape (au dernier jour de la période)",
            "Étapes",
            ("Dispositif", "Étape", "Dossiers"),
            tuple((e.dispositif, e.etape, e.dossiers) for e in b.par_etape),
            ("text", "text", ""),
            (2, 4, 1.3),
        ),
        ReportTable(
            "Étapes franchies pendant la période",
            "Étapes franchies",
            ("Dispositif", "Étape", "Dossiers"),
            tuple((e.dispositif, e.etape, e.dossiers) for e in b.etapes_franchies),
            ("text", "text", ""),
            (2, 4, 1.3),
        ),
        _lines("Clôtures par motif", "Clôtures", "Motif", b.clotures_par_motif, "Aucune clôture."),
        _lines("Réorientations, par partenaire", "Réorientations", "Partenaire", b.reorientations,
               "Aucune réorientation."),
        _lines("Publics spécifiques (dossiers actifs)", "Publics", "Public", b.par_public, "Aucun public renseigné."),
        _lines("Structures accompagnées par forme juridique", "Formes juridiques", "Forme juridique (INSEE)",
               b.par_forme_juridique, "Aucune structure."),
        _lines("Structures accompagnées par secteur d'activité", "Secteurs", "Section NAF", b.par_secteur,
               "Aucune structure."),
        ReportTable(
            "Répartition par EPCI",
            "EPCI",
            ("EPCI", "SIREN", "Dossiers actifs", "Personnes"),
            tuple((e.nom, e.siren, e.dossiers, e.personnes) for e in b.par_epci),
            ("text", "text", "", ""),
            (4.2, 1.6, 1.5, 1.3),
        ),
    ]
    if b.with_dla:
        out += _dla_tables(b)
    if b.epci_siren:
        out.append(ReportTable(
            f"Répartition par commune ({b.epci_nom})",
            "Communes",
            ("Commune", "Code INSEE", "Dossiers actifs", "Personnes"),
            tuple((c.nom, c.siren, c.dossiers, c.personnes) for c in b.par_commune),
            ("text", "text", "", ""),
            (4.2, 1.6, 1.5, 1.3),
        ))
    out.append(_lines("Ateliers par thème", "Thèmes d'ateliers", "Thème", b.themes_ateliers, "Aucun atelier."))
    return out


def _dla_tables(b: Bilan) -> list[ReportTable]:
    """DLA ingénieries by type and follow-ups by result, with the same period a year earlier beside."""
    p = b.precedent
    prev_ing = {x.libelle: x for x in p.ingenieries} if p is not None else {}
    prev_suivi = {x.libelle: x for x in p.suivis} if p is not None else {}
    n1 = " (N-1)"
    current_ing = {x.libelle: x for x in b.ingenieries}
    current_suivi = {x.libelle: x for x in b.suivis}
    ing_labels = [*current_ing, *(k for k in prev_ing if k not in current_ing)]
    suivi_labels = [*current_suivi, *(k for k in prev_suivi if k not in current_suivi)]

    def ing(label: str, table: dict) -> tuple[int, Decimal]:
        x = table.get(label)
        return (x.nombre, x.budget) if x is not None else (0, Decimal(0))

    def suivi(label: str, table: dict) -> tuple[int, int]:
        x = table.get(label)
        return (x.six_mois, x.vingt_quatre_mois) if x is not None else (0, 0)

    return [
        ReportTable(
            "DLA : ingénieries engagées, par type",
            "DLA ingénieries",
            ("Type d'ingénierie", "Ingénieries", "Budget", "Ingénieries" + n1, "Budget" + n1),
            tuple((label, *ing(label, current_ing), *ing(label, prev_ing)) for label in ing_labels),
            ("text", "", "eur", "", "eur"),
            (2.4, 1.1, 1.5, 1.1, 1.5),
        ),
        ReportTable(
            "DLA : suivis à 6 et 24 mois, par résultat",
            "DLA suivis",
            ("Résultat du suivi", "À 6 mois", "À 24 mois", "À 6 mois" + n1, "À 24 mois" + n1),
            tuple((label, *suivi(label, current_suivi), *suivi(label, prev_suivi)) for label in suivi_labels),
            ("text", "", "", "", ""),
            (2.4, 1.1, 1.1, 1.1, 1.1),
        ),
    ]


def format_value(value: int | Decimal, unit: str = "") -> str:
    """French display form: ``1 234``, ``2,5 ETP``, ``12 500,00 €``, ``51,3 %``, ``499,8 h``."""
    from pole_desktop.documents.typography import NBSP, format_amount, format_etp, format_number

    if unit == "etp":
        return format_etp(value)
    if unit == "eur":
        return format_amount(value)
    if unit == "pct":
        return format_number(value, 1) + NBSP + "%"
    if unit == "h":
        return format_number(value, 1) + NBSP + "h"
    return format_number(value, 0)


_UNIT_HEADER = {"": "", "etp": "ETP", "eur": "€", "pct": "%", "h": "heures"}


def bilan_reference(b: Bilan) -> str:
    parts = ["BILAN", f"{b.date_from:%Y%m%d}", f"{b.date_to:%Y%m%d}"]
    if b.dispositif:
        from pole_desktop.domain.dispositifs import get_dispositif

        parts.append(get_dispositif(b.dispositif).prefixe)
    if b.epci_siren:
        parts.append(b.epci_siren)
    return "-".join(parts)


def _parameters(b: Bilan) -> list[tuple[str, str]]:
    return [
        ("Période", period_label(b)),
        ("Dispositif", b.dispositif_libelle),
        ("Territoire", b.epci_nom),
        ("Zonage rural", "FRR (France Ruralités Revitalisation)" if b.zonage_rural == "FRR" else "ZRR (zonage 2017)"),
    ]


# --- CSV -------------------------------------------------------------------------------------------


def _csv_number(value: int | Decimal, unit: str) -> str:
    if isinstance(value, int) and unit in ("", "text"):
        return str(value)
    d = Decimal(value)
    if unit == "eur":
        d = d.quantize(Decimal("0.01"))
    elif unit in ("pct", "h"):
        d = d.quantize(Decimal("0.1"))
    text = f"{d:f}"
    return text.replace(".", ",")


def to_csv(b: Bilan) -> bytes:
    """UTF-8 with BOM, ``;`` separated, decimal comma: opens as is in a French Excel."""
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\r\n")
    w.writerow(["Bilan d'activité"])
    for label, value in _parameters(b):
        w.writerow([label, value])
    w.writerow([])
    w.writerow(["Indicateurs clés"])
    w.writerow(["Indicateur", "Valeur", "Unité", PREVIOUS_HEADER])
    for f in key_figures(b):
        prev = "" if f.previous is None else _csv_number(f.previous, f.unit)
        w.writerow([f.label, _csv_number(f.value, f.unit), _UNIT_HEADER[f.unit], prev])
    for t in tables(b):
        w.writerow([])
        w.writerow([t.title])
        w.writerow(list(t.headers))
        for row in t.rows:
            w.writerow([c if u == "text" else _csv_number(c, u) for c, u in zip(row, t.units, strict=True)])
    w.writerow([])
    w.writerow(["Méthode"])
    for note in b.notes():
        w.writerow([note])
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


# --- XLSX ------------------------------------------------------------------------------------------

_XLSX_FORMATS = {"": "#,##0", "etp": '#,##0.00" ETP"', "eur": '#,##0.00" €"', "pct": '0.0" %"', "h": '#,##0.0" h"'}


def to_xlsx(b: Bilan) -> bytes:
    """One sheet per table, French headers, number formats; the values are real numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    head_font = Font(bold=True, color="FFFFFF")
    head_fill = PatternFill("solid", fgColor="1B5E66")
    wb = Workbook()
    ws = wb.active
    ws.title = "Synthèse"
    ws.append(["Bilan d'activité"])
    ws["A1"].font = Font(bold=True, size=14)
    for label, value in _parameters(b):
        ws.append([label, value])
        ws.cell(ws.max_row, 1).font = bold
    ws.append([])
    ws.append(["Indicateur", "Valeur", PREVIOUS_HEADER])
    for cell in ws[ws.max_row]:
        cell.font, cell.fill = head_font, head_fill

    def number(v: int | Decimal | None) -> int | float | None:
        return v if v is None or isinstance(v, int) else float(v)

    for f in key_figures(b):
        ws.append([f.label, number(f.value), number(f.previous)])
        ws.cell(ws.max_row, 2).number_format = _XLSX_FORMATS[f.unit]
        ws.cell(ws.max_row, 3).number_format = _XLSX_FORMATS[f.unit]
    ws.column_dimensions["A"].width = 42
    ws.column_dimensions["B"].width = 44
    ws.column_dimensions["C"].width = 20
    for t in tables(b):
        sh = wb.create_sheet(t.sheet[:31])
        sh.append(list(t.headers))
        for cell in sh[1]:
            cell.font, cell.fill = head_font, head_fill
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for row in t.rows:
            sh.append([c if isinstance(c, str | int) else float(c) for c in row])
            for j, unit in enumerate(t.units, start=1):
                if unit != "text":
                    sh.cell(sh.max_row, j).number_format = _XLSX_FORMATS[unit]
        for j, header in enumerate(t.headers, start=1):
            longest = max([len(header)] + [len(str(r[j - 1])) for r in t.rows])
            sh.column_dimensions[get_column_letter(j)].width = min(60, max(12, longest + 2))
        sh.freeze_panes = "A2"
    notes = wb.create_sheet("Méthode")
    notes.column_dimensions["A"].width = 120
    for note in b.notes():
        notes.append([note])
        notes.cell(notes.max_row, 1).alignment = Alignment(wrap_text=True)
    buf = io.BytesIO()
    wb.save(buf)
    return _normalize_zip(buf.getvalue())


def _normalize_zip(data: bytes) -> bytes:
    """openpyxl stamps the current time in the zip entries and docProps: fix them (same data → same bytes)."""
    import re
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", content)
            zi = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = info.external_attr
            dst.writestr(zi, content)
    return out.getvalue()


# --- PDF -------------------------------------------------------------------------------------------


def _short(label: str, n: int = 42) -> str:
    return label if len(label) <= n else label[: n - 1].rstrip(" ,-–") + "…"


def _hbar(labels: Sequence[str], values: Sequence[float], *, width: float, unit: str = "",
          max_value: float | None = None, bar_height: float = 13):  # noqa: ANN202 - reportlab Drawing
    """A horizontal bar chart with the category on the left and the value at the end of each bar."""
    from reportlab.graphics.shapes import Drawing, Rect, String
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from pole_desktop.documents.fonts import SANS
    from pole_desktop.documents.styles import ACCENT, INK, MUTED, RULE

    font_size = 8
    label_w = max([stringWidth(lbl, SANS, font_size) for lbl in labels] + [20]) + 8
    value_texts = [format_value(Decimal(str(v)) if unit else int(v), unit) for v in values]
    value_w = max([stringWidth(t, SANS, font_size) for t in value_texts] + [10]) + 6
    gap = 5
    n = len(labels)
    height = n * (bar_height + gap) + 4
    d = Drawing(width, height)
    top = max_value or max(values or [1]) or 1
    plot_w = width - label_w - value_w
    for i, (label, value, text) in enumerate(zip(labels, values, value_texts, strict=True)):
        y = height - (i + 1) * (bar_height + gap)
        d.add(String(label_w - 6, y + bar_height / 2 - 3, label, fontName=SANS, fontSize=font_size,
                     fillColor=INK, textAnchor="end"))
        d.add(Rect(label_w, y, plot_w, bar_height, fillColor=None, strokeColor=RULE, strokeWidth=0.3))
        w = plot_w * (float(value) / top) if top else 0
        if w > 0:
            d.add(Rect(label_w, y, w, bar_height, fillColor=ACCENT, strokeColor=None))
        d.add(String(label_w + plot_w + 4, y + bar_height / 2 - 3, text, fontName=SANS, fontSize=font_size,
                     fillColor=MUTED if not value else INK))
    return d


def charts(b: Bilan, width: float | None = None) -> list[tuple[str, object]]:
    """(title, reportlab Drawing) of every chart of the bilan (also drawn by the Rapports screen)."""
    from pole_desktop.documents.styles import CONTENT_WIDTH

    width = width or CONTENT_WIDTH
    out: list[tuple[str, object]] = []
    disp = [d for d in b.par_dispositif]
    if disp:
        out.append((
            "Dossiers actifs par dispositif",
            _hbar([d.libelle for d in disp], [d.actifs for d in disp], width=width),
        ))
    out.append((
        "Parts des personnes accompagnées",
        _hbar(
            ["Femmes (parmi les sexes connus)", "Habitant·e·s d'un QPV", f"En {b.zonage_rural}",
             *(["En FRR+"] if b.zonage_rural == "FRR" else [])],
            [float(b.part_femmes), float(b.part_qpv), float(b.part_rural),
             *([float(b.part_frr_plus)] if b.zonage_rural == "FRR" else [])],
            width=width, unit="pct", max_value=100,
        ),
    ))
    if b.par_epci:
        out.append((
            "Dossiers actifs par EPCI",
            _hbar([_short(e.nom) for e in b.par_epci], [e.dossiers for e in b.par_epci], width=width,
                  bar_height=11),
        ))
    return out


def bilan_meta(b: Bilan, generated_at: dt.datetime, letterhead=None):  # noqa: ANN001, ANN201
    from pole_desktop.documents.base import DocumentMeta, Letterhead

    return DocumentMeta(
        reference=bilan_reference(b),
        generated_at=generated_at,
        letterhead=letterhead or Letterhead(),
        title=f"Bilan d'activité {period_label(b)}",
        label="bilan d'activité",
        subject=f"Bilan d'activité {period_label(b)} — {b.dispositif_libelle} — {b.epci_nom}",
    )


def to_pdf(b: Bilan, meta) -> bytes:  # noqa: ANN001 - DocumentMeta
    """The bilan on A4: parameters, key figures, charts, tables, and how it was counted."""
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Spacer

    from pole_desktop.documents.base import build_pdf
    from pole_desktop.documents.blocks import data_table, field_grid, paragraph, section, subsection, title_block
    from pole_desktop.documents.styles import NOTE

    story: list = []
    story += title_block("Bilan d'activité", period_label(b)[0].upper() + period_label(b)[1:],
                         f"{b.dispositif_libelle} · {b.epci_nom}")
    grid = field_grid(_parameters(b))
    if grid is not None:
        story.append(grid)
    story += section("Indicateurs clés")
    figs = key_figures(b)
    story += data_table(
        ["Indicateur", "Valeur", PREVIOUS_HEADER],
        [[f.label, format_value(f.value, f.unit), "—" if f.previous is None else format_value(f.previous, f.unit)]
         for f in figs],
        (4, 1.6, 1.6),
        align=["left", "right", "right"],
    )
    story += section("Graphiques")
    for title, drawing in charts(b):
        story.append(KeepTogether([subsection(title), drawing, Spacer(0, 3 * mm)]))
    for t in tables(b):
        story += section(t.title)
        aligns = ["left" if u == "text" else "right" for u in t.units]
        widths = t.widths or (3, *[1.2] * (len(t.headers) - 1))
        story += data_table(
            list(t.headers),
            [[c if u == "text" else format_value(c, u) for c, u in zip(row, t.units, strict=True)] for row in t.rows],
            widths,
            align=aligns,
            empty=t.empty,
        )
    story += section("Méthode")
    for note in b.notes():
        story.append(paragraph(note, NOTE))
    from pole_desktop.documents.templates.common import funder_mentions

    story += funder_mentions(meta.letterhead)
    return build_pdf(story, meta)
