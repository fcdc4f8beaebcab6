"""The dry run: creates, updates (which record, which fields), rejects with row and reason, duplicates
against the database and within the file; nothing is written."""

from __future__ import annotations

from pathlib import Path

from pole_desktop.importing import mapping, plan, readers
from pole_desktop.services import info, personnes, structures
from tests.unit.import_samples import HEADERS, ROWS, people_rows, write_csv, write_xlsx


def dry(db, path: Path, kind: str = "personnes", decisions=None, m=None):  # noqa: ANN001, ANN201
    src = readers.open_source(path)
    m = m or mapping.auto_mapping(kind, src.headers)
    with db.read() as s:
        return plan.dry_run(s, src, m, decisions)


def test_dry_run_creates_and_writes_nothing(db, tmp_path: Path) -> None:  # noqa: ANN001
    before = info.info(db)["digest"]
    r = dry(db, write_csv(tmp_path / "p.csv", ROWS))
    assert r.counts() == {"lignes": 3, "created": 3, "updated": 0, "duplicates": 0, "unchanged": 0, "skipped": 0,
                          "rejected": 0}
    assert info.info(db)["digest"] == before


def test_rejected_rows_have_row_number_column_value_and_french_reason(db, tmp_path: Path) -> None:  # noqa: ANN001
    rows = people_rows(100, invalid_every=20)  # 5 % invalid
    rows.append(["", "03 80 00 00 00", "", "", "", "", "", ""])  # no name
    rows.append(["DURAND Luc", "", "", "", "", "Magny", "", ""])  # homonym communes
    r = dry(db, write_csv(tmp_path / "p.csv", rows))
    assert r.rejected == 7 and r.created == 95
    first = r.problems[0]
    assert (first.row, first.column, first.value) == (21, "Tél.", "12-34")
    assert "téléphone" in first.message
    no_name = next(p for p in r.problems if p.row == 102)
    assert no_name.message == "Le nom est obligatoire."
    magny = next(p for p in r.problems if p.row == 103)
    assert magny.column == "Ville" and "Commune ambiguë" in magny.message and "Magny-sur-Tille" in magny.message


def test_user_resolves_an_ambiguous_commune_and_an_old_label(db, tmp_path: Path) -> None:  # noqa: ANN001
    path = write_csv(tmp_path / "p.csv", [["DURAND Luc", "", "", "", "", "Magny", "DE", ""]])
    src = readers.open_source(path)
    m = mapping.auto_mapping("personnes", src.headers)
    assert dry(db, path, m=m).rejected == 1
    m.labels = {"commune": {"Magny": "21370"}, "situation": {"DE": "demandeur_emploi"}}
    with db.read() as s:
        [out] = list(plan.analyse(s, src, m))
    assert out.action == plan.CREATE
    assert out.values["commune_insee"] == "21370" and out.values["situation"] == "demandeur_emploi"


def test_duplicates_against_the_database_become_updates_of_named_fields(db, tmp_path: Path) -> None:  # noqa: ANN001
    with db.session() as s:
        helene = personnes.save_personne(s, {"nom": "Lefevre Dupont", "prenom": "HELENE", "annee_naissance": "1980"})
        elodie = personnes.save_personne(s, {"nom": "Martin", "prenom": "Élodie",
                                             "email": "elodie.martin@exemple.fr", "telephone": "06 12 34 56 78"})
    r = dry(db, write_csv(tmp_path / "p.csv", ROWS))
    assert (r.created, r.updated) == (1, 2)
    by_row = {d.row: d for d in r.duplicates}
    assert by_row[2].existing_id == helene.id and by_row[2].reason == "même nom et même année de naissance"
    assert by_row[2].existing_label == "LEFEVRE DUPONT HELENE"
    assert by_row[4].existing_id == elodie.id and by_row[4].reason == "même adresse e-mail"  # row 2 spans 2 lines
    upd = {u.row: u for u in r.updates}
    assert upd[2].record_id == helene.id
    assert upd[2].fields["telephone"] == (None, "03 80 50 90 47")
    assert "nom" in upd[2].fields  # the file's spelling differs: shown, and applied unless the user skips
    assert "email" not in upd[4].fields and "telephone" not in upd[4].fields  # same values: not listed
    assert upd[4].fields["commune_insee"][0] is None and upd[4].fields["annee_naissance"] == (None, 1985)
    # The user rejects the match: the row creates a new person instead.
    r2 = dry(db, write_csv(tmp_path / "p.csv", ROWS), decisions={2: plan.CREATE, 4: plan.SKIP})
    assert (r2.created, r2.updated, r2.skipped) == (2, 0, 1)


def test_duplicates_within_the_file(db, tmp_path: Path) -> None:  # noqa: ANN001
    rows = [ROWS[0], ["LEFEVRE DUPONT HELENE", "", "", "1980", "", "", "", ""],
            ["Martin Élodie", "", "ELODIE.MARTIN@exemple.fr", "", "", "", "", ""],
            ["MARTIN Élodie", "", "elodie.martin@exemple.fr", "", "", "", "", ""]]
    r = dry(db, write_csv(tmp_path / "p.csv", rows))
    assert (r.created, r.skipped) == (2, 2)
    assert [(d.row, d.earlier_row, d.reason) for d in r.duplicates] == [
        (4, 2, "même nom et même année de naissance"), (6, 5, "même adresse e-mail")]


def test_structures_siret_rna_and_folded_name(db, tmp_path: Path) -> None:  # noqa: ANN001
    with db.session() as s:
        poste = structures.save_structure(s, {"raison_sociale": "La Poste", "siret": "35600000000048"})
        asso = structures.save_structure(s, {"raison_sociale": "Épicerie solidaire", "rna": "W211001234"})
    headers = ["Raison sociale", "SIRET", "RNA", "Budget", "Forme juridique", "Commune", "ESUS"]
    rows = [headers,
            ["LA POSTE DIJON", "356 000 000 00048", "", "1 234,50 €", "", "Dijon", "non"],
            ["Epicerie Solidaire", "", "", "", "Association loi 1901", "", "oui"],
            ["Nouvelle coop", "", "w 211 009 999", "", "5458", "Beaune", ""],
            ["Coop sans nom valide", "123", "", "", "", "", ""]]
    path = write_xlsx(tmp_path / "s.xlsx", {"Structures": rows})
    r = dry(db, path, "structures")
    assert (r.created, r.updated, r.rejected) == (1, 2, 1)
    by_row = {d.row: d for d in r.duplicates}
    assert by_row[2].existing_id == poste.id and by_row[2].reason == "même SIRET"
    assert by_row[3].existing_id == asso.id and by_row[3].reason == "même raison sociale"
    upd = {u.row: u for u in r.updates}
    assert upd[2].fields["budget_centimes"] == (None, 123450)
    assert upd[3].fields["forme_juridique"] == (None, "9220") and upd[3].fields["esus"] == (False, True)
    assert r.problems[0].row == 5 and r.problems[0].column == "SIRET"


def test_headers_used_in_the_samples() -> None:
    assert mapping.auto_mapping("personnes", HEADERS).used_fields() == {
        "nom_complet", "telephone", "email", "annee_naissance", "code_postal", "commune", "situation", "notes"}
