"""Full-text search, the content digest, the demo dataset and the CLI's info."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from pole_desktop.demo import generate
from pole_desktop.paths import DataDir
from pole_desktop.services import dossiers, personnes, structures
from pole_desktop.services.info import info
from pole_desktop.storage.database import Database
from pole_desktop.storage.search import search_ids

ROOT = Path(__file__).resolve().parents[2]


def test_search_is_accent_insensitive_prefix_and_follows_renames(db: Database) -> None:
    with db.session() as s:
        st = structures.save_structure(s, {"raison_sociale": "Pôle d'Économie Solidaire"})
        p = personnes.save_personne(s, {"nom": "Lefèvre", "prenom": "Zoé", "commune_insee": "21154"})
        d = dossiers.create_dossier(
            s, {"dispositif": "dla", "titre": "Café associatif", "beneficiaires": [p.id], "structure_id": st.id}
        )
    with db.read() as s:
        assert search_ids(s, "economie", "structure") == [st.id]
        assert search_ids(s, "ECONOM", "structure") == [st.id]
        assert search_ids(s, "lefevre zo", "personne") == [p.id]
        assert search_ids(s, "chatillon", "personne") == [p.id]  # commune name is indexed
        assert search_ids(s, "cafe lefevre", "dossier") == [d.id]  # title + beneficiary
        assert search_ids(s, d.reference, "dossier") == [d.id]
    with db.session() as s:
        personnes.save_personne(s, {"nom": "Martin"}, p.id)
    with db.read() as s:
        assert search_ids(s, "lefevre", "dossier") == []
        assert search_ids(s, "martin", "dossier") == [d.id]


def test_demo_is_deterministic_and_complete(tmp_path: Path) -> None:
    import datetime as dt

    digests = []
    for name in ("a", "b"):
        db = Database.open(DataDir.at(tmp_path / name))
        counts = generate(db, "tiny", seed=3, today=dt.date(2026, 11, 26))
        digests.append(info(db)["digest"])
        db.close()
    assert digests[0] == digests[1]
    assert counts["dossier"] == 25 and counts["rendez_vous"] == 120
    db = Database.open(DataDir.at(tmp_path / "c"))
    generate(db, "tiny", seed=4, today=dt.date(2026, 11, 26))
    assert info(db)["digest"] != digests[0]
    db.close()


def test_demo_small_has_every_dispositif_in_every_etape(tmp_path: Path) -> None:
    from sqlalchemy import select

    from pole_desktop.domain.dispositifs import DISPOSITIFS
    from pole_desktop.domain.models import Dossier, RendezVous

    db = Database.open(DataDir.at(tmp_path))
    generate(db, "small", seed=1)
    with db.read() as s:
        pairs = set(s.execute(select(Dossier.dispositif, Dossier.etape)).all())
        with_cr = s.scalar(select(RendezVous.id).where(RendezVous.compte_rendu.is_not(None)).limit(1))
    db.close()
    assert pairs >= {(d.code, e.code) for d in DISPOSITIFS.values() for e in d.etapes}
    assert with_cr


def test_cli_demo_and_info_json(tmp_path: Path) -> None:
    dd = tmp_path / "data"
    run = [sys.executable, "-m", "pole_desktop.cli"]
    # The database is encrypted: without a keyring (forced here, whatever the machine has) the
    # CLI takes the passphrase from POLE_DESKTOP_PASSPHRASE.
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
               POLE_DESKTOP_PASSPHRASE="phrase de passe de test")
    r = subprocess.run([*run, "demo", "--data-dir", str(dd), "--scale", "tiny", "--seed", "2"],
                       cwd=ROOT, capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([*run, "info", "--data-dir", str(dd), "--json"], cwd=ROOT, capture_output=True, text=True,
                       env=env)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert set(data) == {"schema_version", "device_id", "counts", "pending_changes", "digest"}
    assert set(data["counts"]) == {"personnes", "structures", "dossiers", "rendez_vous", "actions", "ateliers",
                                   "documents"}
    assert data["counts"]["dossiers"] == 25 and data["pending_changes"] > 0
    # A second demo into the same directory refuses politely.
    r = subprocess.run([*run, "demo", "--data-dir", str(dd), "--scale", "tiny"], cwd=ROOT, capture_output=True,
                       text=True, env=env)
    assert r.returncode == 1 and "déjà" in r.stdout
