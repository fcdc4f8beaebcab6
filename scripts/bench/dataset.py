"""The benchmark dataset: the demo dataset at the chosen scale, built once and cached.

``.bench-cache/<scale>-<schema>-<seed>/`` holds ``data/`` (a data directory) and
``dataset.json`` (counts, build time, the dossier with 100 rendez-vous). The directory is built
under a temporary name and renamed when complete, so an interrupted build is never reused.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.core import ROOT

CACHE = ROOT / ".bench-cache"
SEED = 1
RDV_TARGET = 100  # the "dossier with 100 rendez-vous" of the issue


@dataclass
class Dataset:
    scale: str
    root: Path
    meta: dict[str, Any]
    built_now: bool

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def db_path(self) -> Path:
        return self.data_dir / "pole.db"


def schema_revision() -> str:
    """The head revision plus a hash of the migration files (two branches may both write a "0002")."""
    import hashlib

    from pole_desktop.storage.migrate import MIGRATIONS_DIR, head_revision

    h = hashlib.sha256()
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        h.update(path.read_bytes())
    return f"{head_revision()}.{h.hexdigest()[:6]}"


def ensure(scale: str, log: Any = print) -> Dataset:
    root = CACHE / f"{scale}-{schema_revision()}-{SEED}-phrase"  # passphrase mode (bench/cipher.py)
    meta_file = root / "dataset.json"
    if meta_file.exists():
        return Dataset(scale, root, json.loads(meta_file.read_text()), built_now=False)
    CACHE.mkdir(exist_ok=True)
    tmp = CACHE / f".building-{root.name}-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    log(f"Construction du jeu « {scale} » (une seule fois, mis en cache dans {root}) …")
    meta = build(scale, tmp / "data", log)
    (tmp / "dataset.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False))
    if meta_file.exists():  # another run finished the same build meanwhile: keep its copy
        shutil.rmtree(tmp, ignore_errors=True)
        return Dataset(scale, root, json.loads(meta_file.read_text()), built_now=True)
    shutil.rmtree(root, ignore_errors=True)
    tmp.rename(root)
    return Dataset(scale, root, meta, built_now=True)


def build(scale: str, data_dir: Path, log: Any = print) -> dict[str, Any]:
    from pole_desktop import clock
    from pole_desktop.demo import generate
    from pole_desktop.safety.opening import open_database

    today = clock.today()
    db = open_database(data_dir)
    try:
        t0, c0 = time.perf_counter(), time.process_time()
        counts = generate(db, scale, SEED, today)
        build_s, cpu_s = time.perf_counter() - t0, time.process_time() - c0
        log(f"  jeu de démonstration : {sum(counts.values())} lignes en {build_s:.1f} s")
        big = add_big_dossier(db)
    finally:
        db.close()
    # Leave a checkpointed, WAL-free file: copies of it are then self-contained.
    from bench.cipher import connect

    conn = connect(data_dir / "pole.db")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return {
        "scale": scale,
        "seed": SEED,
        "today": today.isoformat(),
        "schema": schema_revision(),
        "counts": counts,
        "build_seconds": round(build_s, 2),
        "build_cpu_seconds": round(cpu_s, 2),
        "big_dossier": big,
        "built_at": clock.local_now().isoformat(),
    }


def add_big_dossier(db: Any) -> dict[str, Any]:
    """Top up the dossier with the most rendez-vous to exactly ``RDV_TARGET`` (journaled, like
    any demo row), with comptes-rendus, participants and actions — the dossier a page opens."""
    import random
    import uuid

    from sqlalchemy import func, select

    from pole_desktop.demo import vocab
    from pole_desktop.domain import models as m
    from pole_desktop.storage.journal import bulk_insert

    rng = random.Random(42)
    uid = lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4))  # noqa: E731
    with db.session() as s:
        did, n = s.execute(
            select(m.RendezVous.dossier_id, func.count())
            .where(m.RendezVous.dossier_id.is_not(None))
            .group_by(m.RendezVous.dossier_id)
            .order_by(func.count().desc())
            .limit(1)
        ).one()
        d = s.get(m.Dossier, did)
        benef = m.DossierBeneficiaire
        people = list(s.scalars(select(benef.personne_id).where(benef.dossier_id == did)))
        rdvs, parts, actions = [], [], []
        start = dt.datetime.combine(d.date_ouverture, dt.time(10))
        for i in range(max(0, RDV_TARGET - n)):
            rid = uid()
            debut = start + dt.timedelta(days=7 * i)
            rdvs.append({
                "id": rid, "dossier_id": did, "accompagnateur_id": d.referent_id, "debut": debut,
                "fin": debut + dt.timedelta(hours=1), "lieu_type": "bureau", "adresse": "12 avenue Eiffel, Dijon",
                "commune_insee": "21231", "type": "suivi", "objet": rng.choice(vocab.OBJETS),
                "compte_rendu": "\n\n".join(rng.sample(vocab.NOTES, 3)), "decisions": rng.choice(vocab.DECISIONS),
                "prochaine_etape": "Prochain rendez-vous dans un mois.", "duree_minutes": 60, "statut": "realise",
            })
            for pid in people[:2]:
                parts.append({"id": uid(), "rendez_vous_id": rid, "personne_id": pid})
            if i % 3 == 0:
                actions.append({
                    "id": uid(), "dossier_id": did, "rendez_vous_id": rid, "libelle": rng.choice(vocab.ACTIONS),
                    "responsable": "Porteur du projet", "responsable_id": None,
                    "echeance": debut.date() + dt.timedelta(days=14), "faite": True,
                    "faite_le": debut.date() + dt.timedelta(days=10),
                })
        bulk_insert(s, m.RendezVous, rdvs)
        bulk_insert(s, m.RendezVousParticipant, parts)
        bulk_insert(s, m.Action, actions)
        total = s.scalar(select(func.count()).select_from(m.RendezVous).where(m.RendezVous.dossier_id == did))
    return {"id": did, "rendez_vous": int(total or 0), "had": int(n)}


def copy_data_dir(ds: Dataset, dest: Path) -> Path:
    """A private copy of the dataset's data directory (for figures that write)."""
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(ds.data_dir, dest)
    return dest
