"""The bilan d'activité on a small dataset built through the services, counted by hand."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pypdf
import pytest

from pole_desktop.reports.bilan import Bilan, compute_bilan
from pole_desktop.reports.export import bilan_meta, format_value, key_figures, to_csv, to_pdf, to_xlsx
from pole_desktop.services import ateliers as atelier_service
from pole_desktop.services import dossiers as dossier_service
from pole_desktop.services import personnes as personne_service
from pole_desktop.services import rendez_vous as rdv_service
from pole_desktop.storage.database import Database

DIJON, BEAUNE, MONTBARD, AIGNAY = "21231", "21054", "21425", "21004"  # FRR: 0, 0, 5 (FRR+), ZRR 2017 "C"
DIJON_METROPOLE, CA_BEAUNE, CC_MONTBARDOIS = "242100410", "200006682", "242101491"
Y2025 = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


@pytest.fixture
def data(db: Database) -> Database:
    """Six people, five dossiers, four rendez-vous, two ateliers (see the expected numbers below)."""
    with db.session() as s:
        def person(nom: str, sexe: str | None, **kw: object) -> str:
            return personne_service.save_personne(s, {"nom": nom, "prenom": "X", "sexe": sexe, **kw}).id

        alice = person("Alice", "F", commune_insee=DIJON, qpv_code="QN02102M")
        bruno = person("Bruno", "M")
        chloe = person("Chloé", "F")
        dan = person("Dan", None)
        eva = person("Éva", "F")
        farid = person("Farid", "M")

        def dossier(disp: str, opened: dt.date, commune: str, people: list[str], **kw: object) -> str:
            return dossier_service.create_dossier(s, {"dispositif": disp, "titre": f"Projet {disp}",
                                                      "date_ouverture": opened, "commune_insee": commune,
                                                      "beneficiaires": people, **kw}).id

        # D1: DLA since 2024 in Dijon; diagnostic from Feb 2025, plan d'accompagnement in 2026.
        d1 = dossier("dla", dt.date(2024, 3, 1), DIJON, [alice, bruno],
                     emplois_consolides_etp="2,5", fonds_mobilises="10000",
                     date_emplois_consolides=dt.date(2025, 9, 1), date_fonds_mobilises=dt.date(2025, 3, 15))
        dossier_service.change_etape(s, d1, "diagnostic", date=dt.date(2025, 2, 1))
        dossier_service.change_etape(s, d1, "plan_accompagnement", date=dt.date(2026, 1, 10))
        # D2: Puls'Actions opened in 2025 in Montbard (FRR+), structure created in October 2025.
        d2 = dossier("puls_actions", dt.date(2025, 4, 1), MONTBARD, [chloe, bruno])
        dossier_service.update_dossier(s, d2, {"structure_creee": True, "date_structure_creee": dt.date(2025, 10, 1),
                                               "emplois_crees_etp": "1,5", "fonds_mobilises": "5000",
                                               "date_fonds_mobilises": dt.date(2025, 10, 1)})
        # D3: CRDVA opened and closed in 2025 in Beaune.
        d3 = dossier("crdva", dt.date(2025, 6, 1), BEAUNE, [dan])
        dossier_service.change_etape(s, d3, "cloture", date=dt.date(2025, 7, 1), motif="termine")
        # D4: Graines d'Actions 2023 → June 2024 in Dijon (not active in 2025).
        d4 = dossier("graines_actions", dt.date(2023, 1, 10), DIJON, [eva], fonds_mobilises="999")
        dossier_service.change_etape(s, d4, "cloture", date=dt.date(2024, 6, 30), motif="abandon")
        # D5: DLA 2023 → January 2024 in Aignay-le-Duc (ZRR classée in 2017).
        d5 = dossier("dla", dt.date(2023, 2, 1), AIGNAY, [farid])
        dossier_service.change_etape(s, d5, "cloture", date=dt.date(2024, 1, 15), motif="termine")

        def rdv(dossier_id: str, when: dt.datetime, minutes: int | None) -> None:
            r = rdv_service.plan_rendez_vous(s, {"dossier_id": dossier_id, "debut": when})
            if minutes is not None:
                rdv_service.record_compte_rendu(s, r.id, {"compte_rendu": "Notes.", "duree_minutes": minutes})

        rdv(d1, dt.datetime(2025, 5, 10, 9, 0), 90)
        rdv(d2, dt.datetime(2025, 6, 10, 14, 0), 60)
        rdv(d2, dt.datetime(2025, 7, 1, 10, 0), None)  # planned, never realised
        rdv(d1, dt.datetime(2024, 12, 1, 9, 0), 45)  # before the period

        a = atelier_service.save_atelier(s, {"titre": "Créer son association", "debut": dt.datetime(2025, 9, 15, 18, 0),
                                             "commune_insee": DIJON, "dispositif": "crdva"})
        for pid, present in ((alice, True), (bruno, True), (eva, False)):
            atelier_service.mark_presence(s, atelier_service.register(s, a.id, pid).id, present)
        old = atelier_service.save_atelier(s, {"titre": "Ancien", "debut": dt.datetime(2024, 5, 1, 18, 0)})
        atelier_service.mark_presence(s, atelier_service.register(s, old.id, farid).id, True)
    return db


def bilan(db: Database, period: tuple[dt.date, dt.date] = Y2025, **kw: str) -> Bilan:
    with db.read() as s:
        return compute_bilan(s, *period, **kw)


def test_bilan_2025_counted_by_hand(data: Database) -> None:
    b = bilan(data)
    # Active: D1 (since 2024), D2 and D3 (opened 2025); D3 closed in 2025.
    assert (b.dossiers_actifs, b.dossiers_ouverts, b.dossiers_clotures) == (3, 2, 1)
    # People: Alice, Bruno, Chloé, Dan. New: Bruno (D2 opened in 2025), Chloé, Dan. Ongoing: Alice.
    assert (b.personnes, b.personnes_nouvelles, b.personnes_en_cours) == (4, 3, 1)
    # Women: Alice, Chloé among 3 people of known sex (Dan unknown).
    assert (b.femmes, b.sexe_connu, b.part_femmes) == (2, 3, Decimal("66.7"))
    # QPV: Alice (her address). FRR: Chloé and Bruno (D2 in Montbard, FRR+).
    assert (b.personnes_qpv, b.part_qpv) == (1, Decimal("25.0"))
    assert (b.zonage_rural, b.personnes_rural, b.part_rural) == ("FRR", 2, Decimal("50.0"))
    assert {(d.libelle, d.actifs, d.ouverts, d.clotures) for d in b.par_dispositif if d.actifs} == {
        ("DLA", 1, 0, 0), ("Puls'Actions", 1, 1, 0), ("CRDVA", 1, 1, 1)}
    # Étape on 31 December 2025: D1 in diagnostic (its 2026 step does not count).
    assert {(e.dispositif, e.etape, e.dossiers) for e in b.par_etape} == {
        ("DLA", "Diagnostic partagé", 1), ("Puls'Actions", "Accueil", 1), ("CRDVA", "Clôture", 1)}
    assert b.structures_creees == 1
    assert b.emplois_crees_etp == Decimal("1.5")
    assert b.emplois_consolides_etp == Decimal("2.5")
    assert b.fonds_mobilises == Decimal("15000")
    assert {(e.siren, e.dossiers, e.personnes) for e in b.par_epci} == {
        (DIJON_METROPOLE, 1, 2), (CC_MONTBARDOIS, 1, 2), (CA_BEAUNE, 1, 1)}
    # Rendez-vous realised in 2025: 90 + 60 minutes.
    assert (b.rendez_vous, b.minutes, b.heures) == (2, 150, Decimal("2.5"))
    assert (b.ateliers, b.participations_ateliers) == (1, 2)
    assert not b.spans_zoning_change


def test_filters_dispositif_and_epci(data: Database) -> None:
    dla = bilan(data, dispositif="dla")
    assert (dla.dossiers_actifs, dla.personnes, dla.personnes_nouvelles) == (1, 2, 0)
    assert dla.rendez_vous == 1 and dla.minutes == 90
    assert dla.ateliers == 0  # the 2025 atelier belongs to CRDVA
    dijon = bilan(data, epci_siren=DIJON_METROPOLE)
    assert (dijon.dossiers_actifs, dijon.personnes, dijon.fonds_mobilises) == (1, 2, Decimal("10000"))
    assert (dijon.ateliers, dijon.participations_ateliers) == (1, 2)


def test_2023_uses_zrr(data: Database) -> None:
    b = bilan(data, (dt.date(2023, 1, 1), dt.date(2023, 12, 31)))
    # Active in 2023: D4 (Dijon, not ZRR) and D5 (Aignay-le-Duc, ZRR classée); D1 opened in 2024.
    assert (b.dossiers_actifs, b.personnes, b.personnes_nouvelles) == (2, 2, 2)
    assert (b.zonage_rural, b.personnes_rural, b.part_rural) == ("ZRR", 1, Decimal("50.0"))
    assert any("ZRR" in n for n in b.notes())
    assert "Part des personnes en ZRR" in [f.label for f in key_figures(b)]


def test_period_spanning_july_2024_states_the_rule(data: Database) -> None:
    b = bilan(data, (dt.date(2024, 1, 1), dt.date(2024, 12, 31)))
    assert b.spans_zoning_change and b.zonage_rural == "FRR"
    assert any("chevauche le 1er juillet 2024" in n for n in b.notes())
    text = _pdf_text(to_pdf(b, bilan_meta(b, dt.datetime(2026, 1, 5, 9, 0))))
    assert "chevauche le 1er juillet 2024" in text


def _pdf_text(pdf: bytes) -> str:
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def _csv_figures(data: bytes) -> dict[str, str]:
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8")), delimiter=";"))
    start = rows.index(["Indicateur", "Valeur", "Unité", "Même période N-1"])
    out = {}
    for row in rows[start + 1 :]:
        if not row:
            break
        out[row[0]] = row[1]
    return out


def test_csv_xlsx_and_pdf_hold_the_same_numbers(data: Database) -> None:
    b = bilan(data)
    pdf_text = _pdf_text(to_pdf(b, bilan_meta(b, dt.datetime(2026, 1, 5, 9, 0))))
    csv_figs = _csv_figures(to_csv(b))
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx(b)))
    assert wb.sheetnames[:3] == ["Synthèse", "Dispositifs", "Étapes"]
    assert {"EPCI", "Clôtures", "Formes juridiques", "Secteurs", "Méthode"} <= set(wb.sheetnames)
    ws = wb["Synthèse"]
    xlsx_figs = {row[0]: row[1] for row in ws.iter_rows(values_only=True) if row and row[0] and len(row) > 1}
    expected = {
        "Personnes accompagnées": 4, "Fonds mobilisés": Decimal("15000"), "Part de femmes": Decimal("66.7"),
        "Emplois créés": Decimal("1.5"), "Temps passé en rendez-vous": Decimal("2.5"),
    }
    for f in key_figures(b):
        # PDF: the French display form; CSV: decimal comma; XLSX: the number itself.
        shown = " ".join(format_value(f.value, f.unit).replace("\u202f", " ").replace("\u00a0", " ").split())
        assert f"{f.label} {shown}" in pdf_text, f.label
        assert Decimal(csv_figs[f.label].replace(",", ".")) == Decimal(f.value), f.label
        assert Decimal(str(xlsx_figs[f.label])) == Decimal(f.value), f.label
        if f.label in expected:
            assert Decimal(f.value) == expected[f.label]
    assert "15 000,00 €" in pdf_text and "66,7 %" in pdf_text and "1,5 ETP" in pdf_text
    # Tables: same rows in the XLSX sheets and in the PDF.
    disp = [r[:4] for r in wb["Dispositifs"].iter_rows(min_row=2, values_only=True)]
    assert ("CRDVA", 1, 1, 1) in disp
    assert "CRDVA 1 1 1 1 0,0 h" in pdf_text
    epci = {r[1]: r[2] for r in wb["EPCI"].iter_rows(min_row=2, values_only=True)}
    assert epci == {DIJON_METROPOLE: 1, CC_MONTBARDOIS: 1, CA_BEAUNE: 1}
    assert "Dijon Métropole" in pdf_text and "Graphiques" in pdf_text


def test_exports_are_reproducible(data: Database) -> None:
    b = bilan(data)
    when = dt.datetime(2026, 1, 5, 9, 0)
    assert to_pdf(b, bilan_meta(b, when)) == to_pdf(b, bilan_meta(b, when))
    assert to_xlsx(b) == to_xlsx(b)
    assert to_csv(b) == to_csv(b)


def test_bad_parameters(data: Database) -> None:
    with pytest.raises(ValueError, match="précède"):
        bilan(data, (dt.date(2025, 2, 1), dt.date(2025, 1, 1)))
    with pytest.raises(KeyError, match="dispositif inconnu"):
        bilan(data, dispositif="nope")
