"""Figure: import a 50,000-row workbook (issue 12), beside its floor.

Figure: ``importing.apply.apply_import`` of a generated XLSX of people (8 columns, French headers,
« NOM Prénom » in one column, phones, e-mails, birth dates, communes) into a fresh data directory:
count pass, normalisation, duplicate matching, one journaled transaction, batch lines.
Floor: the same rows read with the reader alone (openpyxl read-only) plus ``journal.bulk_insert``
of ready-made rows, 2,000 at a time, in one transaction (as the import writes them).
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

from bench.core import Figure

HEADERS = ["NOM Prénom", "Tél.", "Courriel", "Date de naissance", "CP", "Ville", "Situation", "Observations"]
COMMUNES = [("21000", "Dijon"), ("21200", "Beaune"), ("21160", "Marsannay-la-Côte"), ("21300", "Chenôve"),
            ("21800", "Quetigny"), ("21500", "Montbard")]
SITUATIONS = ["Demandeur d'emploi", "RSA", "Salarié", "Étudiant", ""]


def make_workbook(path: Path, rows: int) -> Path:
    import datetime as dt

    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Porteurs")
    ws.append(HEADERS)
    for i in range(rows):
        cp, ville = COMMUNES[i % len(COMMUNES)]
        ws.append([f"NOM{i:06d} Prénom{i % 997}", f"03 80 {i // 10000 % 100:02d} {i // 100 % 100:02d} {i % 100:02d}",
                   f"personne{i}@exemple.fr", dt.datetime(1950 + i % 50, 1 + i % 12, 1 + i % 28), cp, ville,
                   SITUATIONS[i % len(SITUATIONS)], "Projet accompagné" if i % 3 == 0 else None])
    wb.save(path)
    return path


def _fresh_db(root: Path) -> Any:
    from pole_desktop.paths import DataDir
    from pole_desktop.storage.database import Database

    if root.exists():
        shutil.rmtree(root)
    return Database.open(DataDir.at(root))


def run_import(path: Path, root: Path, undo: bool = False) -> tuple[float, dict[str, Any]]:
    from pole_desktop.importing import apply, mapping, readers

    db = _fresh_db(root)
    try:
        t0 = time.perf_counter()
        src = readers.open_source(path)
        res = apply.apply_import(db, src, mapping.auto_mapping("personnes", src.headers))
        seconds = time.perf_counter() - t0
        counts: dict[str, Any] = dict(res.dry.counts())
        if undo:  # « Annuler cet import » of the same batch (reported, no target)
            t0 = time.perf_counter()
            apply.undo_import(db, res.batch_id)
            counts["undo_seconds"] = round(time.perf_counter() - t0, 2)
        return seconds, counts
    finally:
        db.close()


def run_floor(path: Path, root: Path) -> float:
    import openpyxl

    from pole_desktop.domain.base import new_id
    from pole_desktop.domain.models import Personne
    from pole_desktop.storage import journal

    db = _fresh_db(root)
    try:
        t0 = time.perf_counter()
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        cols = [c.name for c in Personne.__table__.columns]
        base = {c: None for c in cols}
        base.update(prenom="", anonymise=False)
        with db.session() as s:  # one transaction, as the import (which does not use journal.bulk_load either)
            batch: list[dict[str, Any]] = []
            for n, values in enumerate(wb["Porteurs"].iter_rows(values_only=True)):
                if n == 0:
                    continue
                nom, _, prenom = str(values[0]).partition(" ")
                batch.append({**base, "id": new_id(), "nom": nom, "prenom": prenom, "telephone": values[1],
                              "email": values[2], "annee_naissance": values[3].year, "code_postal": values[4]})
                if len(batch) >= 2000:
                    journal.bulk_insert(s, Personne, batch)
                    batch.clear()
            journal.bulk_insert(s, Personne, batch)
        wb.close()
        return time.perf_counter() - t0
    finally:
        db.close()


def import_workbook(c: Any) -> Figure:
    rows = 5_000 if c.quick else 50_000
    f = Figure("import_workbook", f"import a {rows:_}-row workbook (personnes, XLSX)".replace("_", " "), "s",
               "< 60 s", target_value=60.0 if rows == 50_000 else None,
               target_kind="abs" if rows == 50_000 else "report")
    f.floor_label = "reader alone + journal.bulk_insert"
    path = make_workbook(c.scratch / "import-bench.xlsx", rows)
    root = c.scratch / "import-data"
    runs = max(1, min(c.runs, 3))
    for i in range(runs):
        seconds, counts = run_import(path, root, undo=i == runs - 1)
        f.runs.append(seconds)
        f.floor_runs.append(run_floor(path, root))
    f.details = {"rows": rows, "counts": counts, "file_bytes": path.stat().st_size}
    shutil.rmtree(root, ignore_errors=True)
    return f.finish()


if __name__ == "__main__":  # python scripts/bench/importbench.py [ROWS]: one quick measurement
    import sys
    import tempfile

    root = Path(__file__).resolve().parents[2]
    sys.path.insert(0, str(root))
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    tmp = Path(tempfile.mkdtemp(prefix="pole-import-bench-"))
    try:
        t0 = time.perf_counter()
        wb = make_workbook(tmp / "b.xlsx", n)
        print(f"workbook {n} rows: {time.perf_counter() - t0:.1f} s, {wb.stat().st_size / 1e6:.1f} MB")
        seconds, counts = run_import(wb, tmp / "d", undo=True)
        print(f"import: {seconds:.1f} s {counts}")
        print(f"floor: {run_floor(wb, tmp / 'd'):.1f} s")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
