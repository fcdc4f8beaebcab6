"""``pole-desktop-cli import`` run as a subprocess on an encrypted data directory."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pole_desktop.safety.opening import open_database
from tests.infra.encrypted import passphrase_env, passphrase_mode
from tests.unit.import_samples import ROWS, people_rows, write_csv, write_xlsx

ROOT = Path(__file__).resolve().parents[2]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pole_desktop.cli", *args], capture_output=True, text=True,
                          env=passphrase_env(), cwd=ROOT, timeout=120)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    passphrase_mode(monkeypatch)
    root = tmp_path / "data"
    open_database(root).close()  # encrypted, with the tests' passphrase
    return root


def test_dry_run_import_json_undo(data_dir: Path, tmp_path: Path) -> None:
    rows = [*ROWS, *people_rows(20, invalid_every=10)]
    path = write_csv(tmp_path / "anciens.csv", rows, encoding="cp1252")
    dry = cli("import", "--data-dir", str(data_dir), "--kind", "personnes", str(path), "--dry-run", "--json")
    assert dry.returncode == 0, dry.stderr
    counts = json.loads(dry.stdout)
    assert (counts["created"], counts["updated"], counts["rejected"], counts["batch"]) == (21, 0, 2, None)
    assert counts["encoding"] == "cp1252" and counts["rejects"][0]["colonne"] == "Tél."

    done = cli("import", "--data-dir", str(data_dir), "--kind", "personnes", str(path), "--json")
    assert done.returncode == 0, done.stderr
    counts = json.loads(done.stdout)
    assert (counts["created"], counts["rejected"]) == (21, 2) and counts["batch"]
    assert Path(counts["report"]).parent == tmp_path

    again = cli("import", "--data-dir", str(data_dir), "--kind", "personnes", str(path), "--dry-run", "--json")
    assert json.loads(again.stdout)["created"] == 0 and json.loads(again.stdout)["duplicates"] == 21

    listed = cli("import", "--list", "--data-dir", str(data_dir))
    assert counts["batch"] in listed.stdout and "en place" in listed.stdout

    undo = cli("import", "--undo", counts["batch"], "--data-dir", str(data_dir))
    assert undo.returncode == 0, undo.stderr
    assert "Import annulé : 21 fiches supprimées" in undo.stdout
    db = open_database(data_dir)
    try:
        from sqlalchemy import func, select

        from pole_desktop.domain.models import Personne

        with db.read() as s:
            assert s.scalar(select(func.count()).select_from(Personne)) == 0
    finally:
        db.close()
    twice = cli("import", "--undo", counts["batch"], "--data-dir", str(data_dir))
    assert twice.returncode != 0 and "déjà été annulé" in twice.stderr


def test_saved_mapping_sheet_and_french_text_output(data_dir: Path, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "classeur.xlsx", {
        "Notes": [["rien"]],
        "Porteurs 2009": [["Identité", "Téléphone fixe", "Colonne perso"], ["DURAND Luc", "0380000001", "x"]],
    })
    mapping_file = tmp_path / "m.json"
    mapping_file.write_text(json.dumps({"format": 1, "type": "personnes",
                                        "colonnes": {"Identité": "nom_complet", "Téléphone fixe": "telephone"}}))
    r = cli("import", "--data-dir", str(data_dir), "--kind", "personnes", str(path), "--sheet", "porteurs 2009",
            "--mapping", str(mapping_file))
    assert r.returncode == 0, r.stderr
    assert "Import terminé : 1 lignes lues, 1 fiches créées" in r.stdout
    assert "pole-desktop-cli import --undo" in r.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["--kind", "personnes", "absent.csv"], "introuvable"),
    (["--kind", "personnes", "FILE", "--sheet", "Nulle part"], "Feuille « Nulle part » introuvable"),
    (["--kind", "personnes", "CSV", "--encoding", "martien"], "Encodage inconnu"),
    (["--kind", "personnes", "EMPTY"], "aucune colonne reconnue"),
])
def test_nothing_readable_is_a_nonzero_exit(data_dir: Path, tmp_path: Path, args: list[str], message: str) -> None:
    path = write_xlsx(tmp_path / "c.xlsx", {"Feuille": [["Nom", "Prénom"], ["Durand", "Luc"]]})
    files = {"FILE": path, "CSV": write_csv(tmp_path / "c.csv", ROWS),
             "EMPTY": write_csv(tmp_path / "e.csv", [["1", "2"]], headers=["Zorglub", "Quux"])}
    args = [str(files[a]) if a in files else str(tmp_path / a) if a.endswith(".csv") else a for a in args]
    r = cli("import", "--data-dir", str(data_dir), *args)
    assert r.returncode != 0 and message in r.stderr


def test_dossiers_then_rendez_vous_from_the_command_line(data_dir: Path, tmp_path: Path) -> None:
    dossiers_file = write_xlsx(tmp_path / "dossiers.xlsx", {"Suivi": [
        ["Référence", "Dispositif", "Projet", "Porteur", "Date d'ouverture"],
        ["A-1", "CRDVA", "Statuts", "DURAND Luc", "12/10/2017"]]})
    r = cli("import", "--data-dir", str(data_dir), "--kind", "dossiers", str(dossiers_file), "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["created"] == 1 and out["linked_created"] == {"personnes": 1, "structures": 0}
    rdv_file = write_csv(tmp_path / "rdv.csv", [["A-1", "12/10/2017", "10h", "Premier accueil"]],
                         headers=["Dossier", "Date", "Heure", "Type"])
    r = cli("import", "--data-dir", str(data_dir), "--kind", "rendez_vous", str(rdv_file), "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["created"] == 1
