"""Cells of old spreadsheets → stored values: dates, amounts, phones, SIRET, names, communes, labels."""

from __future__ import annotations

import datetime as dt

import pytest

from pole_desktop.importing import mapping
from pole_desktop.importing import normalize as n


@pytest.mark.parametrize(("cell", "expected"), [
    ("03/04/1980", dt.date(1980, 4, 3)), ("3/4/1980", dt.date(1980, 4, 3)), ("03.04.1980", dt.date(1980, 4, 3)),
    ("1980-04-03", dt.date(1980, 4, 3)), ("1980-04-03 00:00:00", dt.date(1980, 4, 3)),
    ("03/04/98", dt.date(1998, 4, 3)), ("03/04/05", dt.date(2005, 4, 3)),
    (29314, dt.date(1980, 4, 3)), (29314.0, dt.date(1980, 4, 3)), ("29314", dt.date(1980, 4, 3)),
    (dt.datetime(1980, 4, 3, 0, 0), dt.date(1980, 4, 3)),
])
def test_dates(cell: object, expected: dt.date) -> None:
    assert n.parse_date(cell, pivot_year=26) == expected


@pytest.mark.parametrize("cell", ["31/02/2020", "demain", "2020/13/01", -3])
def test_bad_dates_say_why_in_french(cell: object) -> None:
    with pytest.raises(n.CellError, match="date"):
        n.parse_date(cell)


@pytest.mark.parametrize(("cell", "cents"), [
    ("1 234,50 €", 123450), ("1\u202f234,50\u00a0€", 123450), ("1.234,50", 123450), ("1234.5", 123450),
    ("12 000", 1200000), (1234.5, 123450), ("0,99€", 99),
])
def test_french_amounts(cell: object, cents: int) -> None:
    assert n.parse_amount_cents(cell) == cents


def test_phones_siret_postcodes() -> None:
    for cell in ("0380509047", "03.80.50.90.47", "+33 3 80 50 90 47", "+33 (0)3 80 50 90 47", 380509047,
                 "380509047"):
        assert n.parse_phone(cell) == "03 80 50 90 47", cell
    with pytest.raises(n.CellError, match="téléphone"):
        n.parse_phone("12-34")
    assert n.parse_siret("356 000 000 00048") == "35600000000048"
    assert n.parse_siren("356 000 000") == "356000000"
    with pytest.raises(n.CellError, match="clé de contrôle"):
        n.parse_siret("356 000 000 00049")
    assert n.parse_postcode(1000) == "01000"
    assert n.parse_birth_year("03/04/1980") == 1980 and n.parse_birth_year(1980) == 1980


@pytest.mark.parametrize(("cell", "nom", "prenom"), [
    ("LEFÈVRE-DUPONT Hélène", "LEFÈVRE-DUPONT", "Hélène"),
    ("Hélène LEFÈVRE-DUPONT", "LEFÈVRE-DUPONT", "Hélène"),
    ("DE LA FONTAINE Jean-Marie", "DE LA FONTAINE", "Jean-Marie"),
    ("Martin, Paul", "Martin", "Paul"),
    ("martin paul", "martin", "paul"),
    ("de la Fontaine jean", "de la Fontaine", "jean"),
    ("MARTIN", "MARTIN", ""),
])
def test_split_full_name(cell: str, nom: str, prenom: str) -> None:
    assert n.split_full_name(cell) == (nom, prenom)


def test_communes_by_name_postcode_insee_and_homonyms() -> None:
    assert n.resolve_commune("dijon").code_insee == "21231"
    assert n.resolve_commune("21000 Dijon").code_insee == "21231"
    assert n.resolve_commune(insee="21231").code_postal == "21000"
    assert n.resolve_commune("Marsannay la cote", "21160").code_insee == n.resolve_commune(
        "MARSANNAY-LA-CÔTE").code_insee
    ambiguous = n.resolve_commune("Magny")
    assert ambiguous.code_insee is None and len(ambiguous.candidates) > 1
    assert n.resolve_commune("Magny sur Tille").code_insee in ambiguous.candidates
    with pytest.raises(n.CellError, match="introuvable"):
        n.resolve_commune("Lyon")
    with pytest.raises(n.CellError, match="ne correspond pas"):
        n.resolve_commune("Dijon", "21200")
    with pytest.raises(n.CellError, match="code INSEE"):
        n.resolve_commune(insee="75056")


def test_labels_with_the_association_table() -> None:
    from pole_desktop.services.personnes import SITUATIONS

    assert n.match_label("demandeur d'emploi", SITUATIONS) == "demandeur_emploi"
    assert n.match_label("ÉTUDIANT", SITUATIONS) == "etudiant"
    assert n.match_label("DE", SITUATIONS, {"DE": "demandeur_emploi"}) == "demandeur_emploi"
    with pytest.raises(n.CellError, match="valeurs possibles"):
        n.match_label("astronaute", SITUATIONS)


def test_automatic_mapping_from_french_headers_and_saved_mapping(tmp_path) -> None:  # noqa: ANN001
    m = mapping.auto_mapping("personnes", ["NOM", "PRÉNOM", "Tél portable", "E-mail", "Né(e) le", "Code Postal",
                                           "VILLE", "Remarques", "Colonne bizarre"])
    assert m.columns == {"NOM": "nom", "PRÉNOM": "prenom", "Tél portable": "telephone", "E-mail": "email",
                         "Né(e) le": "annee_naissance", "Code Postal": "code_postal", "VILLE": "commune",
                         "Remarques": "notes", "Colonne bizarre": None}
    m.labels = {"situation": {"DE": "demandeur_emploi"}}
    m.save(tmp_path / "m.json")
    again = mapping.load(tmp_path / "m.json", ["NOM", "Nouvelle colonne"])
    assert again.columns["NOM"] == "nom" and again.columns["Nouvelle colonne"] is None
    assert again.labels == m.labels
    s = mapping.auto_mapping("structures", ["Raison sociale", "N° SIRET", "RNA", "Budget annuel", "Commune"])
    assert s.columns == {"Raison sociale": "raison_sociale", "N° SIRET": "siret", "RNA": "rna",
                         "Budget annuel": "budget", "Commune": "commune"}
    with pytest.raises(mapping.MappingError, match="Type d'import inconnu"):
        mapping.auto_mapping("actions", ["Date"])
    (tmp_path / "bad.json").write_text('{"format": 1, "type": "personnes", "colonnes": {"A": "pirate"}}')
    with pytest.raises(mapping.MappingError, match="Champ inconnu"):
        mapping.load(tmp_path / "bad.json")
