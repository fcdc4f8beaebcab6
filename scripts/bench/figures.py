"""The figures. Each function returns a :class:`Figure`; Qt runs only in probe subprocesses."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.core import (
    INFO,
    Figure,
    module_present,
    repeat,
    rss_mb,
    run_probe,
    spawn_until_ready,
    timed,
)
from bench.dataset import Dataset

# What an advisor types in the dossiers list's search box, one keystroke at a time.
TYPED = ["ressourcerie", "dijon boulangerie", "martin", "DLA-2024"]


class Ctx:
    """What every figure gets: the dataset, how many runs, a scratch directory."""

    def __init__(self, ds: Dataset, runs: int, quick: bool, scratch: Path, log: Any) -> None:
        self.ds, self.runs, self.quick, self.scratch, self.log = ds, runs, quick, scratch, log
        self._db: Any = None
        self.skip_bootstrap = False

    def db(self) -> Any:
        if self._db is None:
            from pole_desktop.safety.opening import open_database

            self._db = open_database(self.ds.data_dir)
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def keystrokes() -> list[str]:
    return [word[:i] for word in TYPED for i in range(1, len(word) + 1)]


def bare(db_path: Path) -> sqlite3.Connection:
    from bench.cipher import connect

    conn = connect(db_path, read_only=True)
    conn.execute("PRAGMA cache_size = -65536")
    return conn


# --------------------------------------------------------------------------- dataset facts


def demo_build(c: Ctx) -> Figure:
    f = Figure("demo_build", f"build the {c.ds.scale} demo dataset (once, cached)", "s", "< 120 s",
               target_value=120.0 if c.ds.scale == "large" else None,
               target_kind="abs" if c.ds.scale == "large" else "report")
    f.runs = [float(c.ds.meta["build_seconds"])]
    f.details = {"counts": c.ds.meta["counts"], "built_now": c.ds.built_now, "built_at": c.ds.meta.get("built_at"),
                 "cpu_seconds": c.ds.meta.get("build_cpu_seconds")}
    if not c.ds.built_now:
        f.details["note"] = "time of the build that made the cache"
    return f.finish()


def storage_bytes(c: Ctx) -> Figure:
    """Database size, and the local bytes of the change journal per field change (dbstat)."""
    f = Figure("journal_bytes_per_field", "local journal bytes per field change (dbstat)", "B", "report",
               target_kind="report")
    conn = bare(c.ds.db_path)
    try:
        sizes = {name: size for name, size in conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name")}
    except Exception:  # noqa: BLE001 - SQLCipher's build has no dbstat table
        conn.close()
        return f.absent("dbstat is not compiled into this SQLite/SQLCipher build")
    entries = conn.execute("SELECT count(*) FROM change_log").fetchone()[0]
    journal_objects = [n for n in sizes if n == "change_log" or n.startswith("ix_change_log")]
    version_objects = [n for n in sizes if n == "row_version" or n.startswith("sqlite_autoindex_row_version")]
    journal = sum(sizes[n] for n in journal_objects)
    versions = sum(sizes[n] for n in version_objects)
    total = c.ds.db_path.stat().st_size
    conn.close()
    f.runs = [journal / max(entries, 1)]
    f.details = {
        "database_mb": round(total / 1e6, 1),
        "entries": entries,
        "change_log_mb": {n: round(sizes[n] / 1e6, 1) for n in journal_objects},
        "row_version_mb": round(versions / 1e6, 1),
        "journal_share_of_file": round((journal + versions) / total, 3),
        "top_objects_mb": {n: round(s / 1e6, 1) for n, s in sorted(sizes.items(), key=lambda kv: -kv[1])[:12]},
    }
    return f.finish()


# --------------------------------------------------------------------------- list filter


def list_filter(c: Ctx) -> Figure:
    f = Figure("list_filter", "filter the dossiers list, per keystroke", "ms", "≤ 30 ms", 30.0,
               floor_label="the same FTS query in bare sqlite3")
    model = module_present("pole_desktop.gui.models.dossier_table")
    if model:
        out = run_probe(["gui_probe.py", "filter", str(c.ds.data_dir), str(c.runs)])
        f.runs = out["runs_ms"]
        f.details = {"through": "DossierTableModel (Qt probe process)", **out.get("details", {})}
    else:
        f.runs, f.details = _filter_core(c)
    f.floor_runs = _filter_floor(c)
    f.details["keystrokes"] = len(keystrokes())
    return f.finish()


def _filter_core(c: Ctx) -> tuple[list[float], dict[str, Any]]:
    """Until the Qt list model lands: the query it will run (ids in display order) plus the
    first page of display rows, through the app's reader session."""
    from sqlalchemy import text

    from pole_desktop.storage.search import fts_query, match_subquery

    db = c.db()

    def one(typed: str) -> None:
        q = fts_query(typed)
        with db.read() as s:
            ids = [r[0] for r in s.execute(text(
                "SELECT d.id FROM dossier d WHERE d.id IN (" + match_subquery("dossier") + ") "
                "AND d.archive = 0 ORDER BY d.date_ouverture DESC, d.reference DESC"), {"q": q})]
            page = ids[:50]
            if page:
                marks = ",".join(f":i{k}" for k in range(len(page)))
                s.execute(text(f"SELECT d.id, d.reference, d.titre, d.etape FROM dossier d WHERE d.id IN ({marks})"),
                          {f"i{k}": v for k, v in enumerate(page)}).all()

    runs: list[float] = []
    keys = keystrokes()
    for typed in keys:  # warm-up
        one(typed)
    for _ in range(c.runs):
        runs += [timed(lambda t=t: one(t)) * 1000 for t in keys]
    return runs, {"through": "reader session, model-like SQL (list model absent)"}


def _filter_floor(c: Ctx) -> list[float]:
    from pole_desktop.storage.search import fts_query

    conn = bare(c.ds.db_path)
    sql = ("SELECT d.row_id FROM search_index CROSS JOIN search_doc d ON d.id = search_index.rowid "
           "WHERE search_index MATCH ? AND d.kind = 'dossier'")
    keys = [fts_query(k) for k in keystrokes()]
    for q in keys:
        conn.execute(sql, (q,)).fetchall()
    runs: list[float] = []
    for _ in range(c.runs):
        runs += [timed(lambda q=q: conn.execute(sql, (q,)).fetchall()) * 1000 for q in keys]
    conn.close()
    return runs


# --------------------------------------------------------------------------- search everywhere

SEARCH_WORDS = ["martin", "epicerie", "jardin partage", "dijon", "plan de financement", "DLA-2025"]


def search_everywhere(c: Ctx) -> Figure:
    """Ctrl+K: one query over people, structures, dossiers, rendez-vous and ateliers
    (services/queries/search.py), as the db queue runs it; floor: the FTS5 matches alone."""
    f = Figure("search_everywhere", "search everywhere (Ctrl+K), per query", "ms", "≤ 100 ms", 100.0,
               floor_label="the FTS5 matches of the three indexed kinds in bare sqlite3")
    try:
        from pole_desktop.services.queries.search import search_everything
    except ImportError:
        f.reason = "module absent"
        return f.finish()
    from pole_desktop.storage.search import fts_query

    db = c.db()

    def one(words: str) -> None:
        with db.read() as s:
            search_everything(s, words)

    for w in SEARCH_WORDS:  # warm-up
        one(w)
    for _ in range(c.runs):
        f.runs += [timed(lambda w=w: one(w)) * 1000 for w in SEARCH_WORDS]
    conn = bare(c.ds.db_path)
    sql = ("SELECT d.row_id FROM search_index CROSS JOIN search_doc d ON d.id = search_index.rowid "
           "WHERE search_index MATCH ? AND d.kind = ? ORDER BY rank LIMIT 16")
    queries = [fts_query(w) for w in SEARCH_WORDS]

    def floor_one(q: str) -> None:
        for kind in ("personne", "structure", "dossier"):
            conn.execute(sql, (q, kind)).fetchall()

    for _ in range(c.runs):
        f.floor_runs += [timed(lambda q=q: floor_one(q)) * 1000 for q in queries]
    conn.close()
    f.details["queries"] = SEARCH_WORDS
    return f.finish()


# --------------------------------------------------------------------------- open a dossier


def open_dossier(c: Ctx) -> list[Figure]:
    """The page as the advisor sees it (Qt probe), and every read of the dossier through the services."""
    big = c.ds.meta["big_dossier"]
    did = big["id"]
    page = Figure("open_dossier", f"open a dossier with {big['rendez_vous']} rendez-vous (page, Rendez-vous tab)",
                  "ms", "≤ 50 ms", 50.0, floor_label="the same SELECTs in bare sqlite3")
    if module_present("pole_desktop.gui.screens.dossier"):
        out = run_probe(["gui_probe.py", "opendossier", str(c.ds.data_dir), did, str(c.runs * 2)])
        page.runs = out["runs_ms"]
        conn = bare(c.ds.db_path)
        page.floor_runs = repeat(lambda: bare_page_selects(conn, did), c.runs * 3, 1000)
        conn.close()
        page.details = {"dossier": did, "through": "MainWindow.open_dossier + Rendez-vous tab, painted (Qt probe)",
                        **out.get("details", {})}
        page.finish()
    else:
        page.absent("module absent: pole_desktop.gui.screens.dossier")

    core = Figure("open_dossier_all", "read all of that dossier (services, history included)", "ms", "≤ 50 ms",
                  50.0, floor_label="the same SELECTs in bare sqlite3")
    db = c.db()
    loaded: dict[str, int] = {}

    def load() -> None:
        loaded.update(load_dossier(db, did))

    core.runs = repeat(load, c.runs * 3, 1000)
    conn = bare(c.ds.db_path)
    core.floor_runs = repeat(lambda: bare_dossier_selects(conn, did), c.runs * 3, 1000)
    conn.close()
    core.details = {"dossier": did, "loaded": loaded,
                    "through": "services (dossier, beneficiaries, étapes, rendez-vous, participants, actions, history)"}
    return [page, core.finish()]


def bare_page_selects(conn: sqlite3.Connection, did: str) -> None:
    """What the page reads when it opens on Rendez-vous: the dossier with its referent, structure and
    beneficiaries (header, Synthèse), then the rendez-vous."""
    d = conn.execute("SELECT *, referent_id, structure_id FROM dossier WHERE id = ?", (did,)).fetchone()
    conn.execute("SELECT * FROM accompagnateur WHERE id = ?", (d[-2],)).fetchall()
    conn.execute("SELECT * FROM structure WHERE id = ?", (d[-1],)).fetchall()
    conn.execute("SELECT * FROM dossier_beneficiaire b JOIN personne p ON p.id = b.personne_id "
                 "WHERE b.dossier_id = ?", (did,)).fetchall()
    conn.execute("SELECT * FROM rendez_vous WHERE dossier_id = ? ORDER BY debut DESC", (did,)).fetchall()


def load_dossier(db: Any, did: str) -> dict[str, int]:
    """What the dossier page reads when it opens (through the app's own session and services)."""
    from sqlalchemy import select

    from pole_desktop.domain import models as m
    from pole_desktop.services import history

    with db.read() as s:
        d = s.get(m.Dossier, did)
        assert d is not None
        benef = s.execute(
            select(m.DossierBeneficiaire, m.Personne)
            .join(m.Personne, m.Personne.id == m.DossierBeneficiaire.personne_id)
            .where(m.DossierBeneficiaire.dossier_id == did)
        ).all()
        etapes = s.scalars(select(m.EtapeHistorique).where(m.EtapeHistorique.dossier_id == did)).all()
        rdvs = s.scalars(select(m.RendezVous).where(m.RendezVous.dossier_id == did).order_by(m.RendezVous.debut)).all()
        parts = s.scalars(
            select(m.RendezVousParticipant).join(m.RendezVous).where(m.RendezVous.dossier_id == did)
        ).all()
        actions = s.scalars(select(m.Action).where(m.Action.dossier_id == did).order_by(m.Action.echeance)).all()
        hist = history.history(s, "dossier", did)
    return {"beneficiaires": len(benef), "etapes": len(etapes), "rendez_vous": len(rdvs),
            "participants": len(parts), "actions": len(actions), "history_entries": len(hist)}


def bare_dossier_selects(conn: sqlite3.Connection, did: str) -> None:
    """The same reads in bare sqlite3: the rows, then the journal entries of every row of the dossier."""
    import json

    conn.execute("SELECT * FROM dossier WHERE id = ?", (did,)).fetchall()
    conn.execute("SELECT * FROM dossier_beneficiaire b JOIN personne p ON p.id = b.personne_id "
                 "WHERE b.dossier_id = ?", (did,)).fetchall()
    keys: list[tuple[str, str]] = [("dossier", did)]
    for tbl in ("etape_historique", "rendez_vous", "action", "dossier_beneficiaire", "dossier_conseiller", "document"):
        rows = conn.execute(f"SELECT *, id FROM {tbl} WHERE dossier_id = ?", (did,)).fetchall()
        keys += [(tbl, r[-1]) for r in rows]
    rdv_ids = [k for t, k in keys if t == "rendez_vous"]
    conn.execute("SELECT p.* FROM rendez_vous_participant p JOIN rendez_vous r ON r.id = p.rendez_vous_id "
                 "WHERE r.dossier_id = ?", (did,)).fetchall()
    keys += [("rendez_vous_participant", r[0]) for r in conn.execute(
        f"SELECT id FROM rendez_vous_participant WHERE rendez_vous_id IN ({','.join('?' * len(rdv_ids))})",
        rdv_ids).fetchall()] if rdv_ids else []
    keys += conn.execute(
        "SELECT tbl, row_id FROM change_log WHERE col = 'dossier_id' AND value = ?", (json.dumps(did),)
    ).fetchall()
    ids = list(dict.fromkeys(k for _t, k in keys))
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        conn.execute(
            f"SELECT seq, tbl, row_id, col, value, hlc, device_id, author_id FROM change_log "
            f"WHERE row_id IN ({','.join('?' * len(chunk))})", chunk
        ).fetchall()


# --------------------------------------------------------------------------- GUI (subprocesses)


def cold_start(c: Ctx) -> Figure:
    f = Figure("cold_start", "cold start to an interactive main window", "s", "≤ 1.0 s", 1.0,
               floor_label="a bare QApplication + empty window")
    if not module_present("PySide6"):
        return f.absent("PySide6 absent")
    spawn_until_ready(["gui_probe.py", "coldstart", str(c.ds.data_dir)])  # warm the OS file cache
    spawn_until_ready(["gui_probe.py", "bare", "-"])
    for _ in range(c.runs):  # interleaved, so load changes hit both alike
        f.runs.append(spawn_until_ready(["gui_probe.py", "coldstart", str(c.ds.data_dir)]))
        f.floor_runs.append(spawn_until_ready(["gui_probe.py", "bare", "-"]))
    f.details = {"note": "process spawn to the main window's first paint, offscreen, OS file cache warm"}
    return f.finish()


def memory(c: Ctx) -> Figure:
    f = Figure("memory_rss", "memory (RSS), dataset open, list scrolled end to end", "MB", "≤ 250 MB", 250.0)
    if not module_present("PySide6"):
        return f.absent("PySide6 absent")
    out = run_probe(["gui_probe.py", "memory", str(c.ds.data_dir)])
    f.runs = [out["rss_mb"]]
    f.details = out.get("details", {})
    return f.finish()


# --------------------------------------------------------------------------- documents


def compte_rendu_pdf(c: Ctx) -> Figure:
    f = Figure("compte_rendu_pdf", "compte-rendu PDF", "ms", "≤ 30 ms", 30.0,
               floor_label="a one-page reportlab canvas")
    builder = _find_compte_rendu_builder()
    if builder is None:
        return f.absent("module absent: pole_desktop.documents (compte-rendu)")
    make, how = builder
    big = c.ds.meta["big_dossier"]
    db = c.db()
    from sqlalchemy import select

    from pole_desktop.domain import models as m

    with db.read() as s:
        rdv_id = s.scalar(select(m.RendezVous.id).where(m.RendezVous.dossier_id == big["id"],
                                                         m.RendezVous.compte_rendu.is_not(None)).limit(1))
    size: dict[str, int] = {}

    def once() -> None:
        size["bytes"] = len(make(db, rdv_id))

    f.runs = repeat(once, c.runs * 3, 1000)
    f.floor_runs = repeat(_one_page_canvas, c.runs * 3, 1000)
    f.details = {"through": how, "pdf_bytes": size.get("bytes")}
    return f.finish()


def attach_sealed(c: Ctx) -> Figure:
    """Attaching a 50 MB file: hashed, sealed (AES-256-GCM in 64 KiB chunks) and written, streamed."""
    f = Figure("attach_50mb", "attach a 50 MB file (sealed, streamed)", "s", "≤ 1.5 s", 1.5,
               floor_label="a plain copy of the file (shutil.copyfile)")
    import os
    import tracemalloc

    from pole_desktop.documents.attach import attach_file
    from pole_desktop.safety.opening import open_database

    folder = c.scratch / "attach"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    source = folder / "scan.bin"
    with open(source, "wb") as out:
        for _ in range(50):
            out.write(os.urandom(1 << 20))
    db = open_database(folder / "data", daily_backup=False)
    peak: dict[str, int] = {}

    def once() -> None:
        store = db.blob_store()
        for p in store.root.glob("??/*"):
            p.unlink()  # a new file each run (no dedup short-cut)
        tracemalloc.start()
        with db.session() as s:
            attach_file(s, store, source)
        peak["bytes"] = max(peak.get("bytes", 0), tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()

    def floor() -> None:
        shutil.copyfile(source, folder / "copie.bin")

    try:
        f.runs = repeat(once, c.runs)
        f.floor_runs = repeat(floor, c.runs)
    finally:
        db.close()
        shutil.rmtree(folder, ignore_errors=True)
    f.details = {"peak_python_alloc_mb": round(peak.get("bytes", 0) / 1e6, 1),
                 "note": "read twice (hash, then seal), fsync; the floor is one copy"}
    return f.finish()


def _one_page_canvas() -> bytes:
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    cv = canvas.Canvas(buf, pagesize=A4)
    cv.drawString(72, 770, "Compte-rendu de rendez-vous")
    for i in range(30):
        cv.drawString(72, 740 - 18 * i, f"Ligne {i} du compte-rendu, décisions et prochaines étapes.")
    cv.showPage()
    cv.save()
    return buf.getvalue()


def _find_compte_rendu_builder() -> tuple[Any, str] | None:
    """The documents package's compte-rendu entry point, whatever shape it landed in."""
    from bench import adapters

    return adapters.compte_rendu()


def bilan_pdf(c: Ctx) -> Figure:
    f = Figure("bilan_pdf", "bilan d'activité for a year, PDF", "s", "≤ 1 s", 1.0)
    from bench import adapters

    builder = adapters.bilan()
    if builder is None:
        return f.absent("module absent: pole_desktop.reports (bilan d'activité)")
    make, how = builder
    db = c.db()
    import datetime as dt

    year = dt.date.fromisoformat(c.ds.meta["today"]).year - 1
    size: dict[str, int] = {}

    def once() -> None:
        size["bytes"] = len(make(db, year))

    f.runs = repeat(once, max(3, c.runs), 1.0)
    f.details = {"through": how, "year": year, "pdf_bytes": size.get("bytes")}
    return f.finish()


# --------------------------------------------------------------------------- sync


def sync_figures(c: Ctx) -> list[Figure]:
    """End-of-day sync (200 field changes), bootstrap from the share, bytes on the share."""
    from bench import syncbench

    return syncbench.run(c)


def rss_here() -> float:
    return rss_mb()


__all__ = ["INFO", "shutil", "tempfile", "time"]
