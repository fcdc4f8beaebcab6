"""Render every document and the bilan from the small demo data to PDF and PNG, for a visual check.

Usage: python scripts/render_demo_documents.py OUTDIR [--dpi 60] [--screens]

Generates the "small" demo dataset (seed 1, today = 26 November 2026) in a temporary folder, then
renders a compte-rendu (short and long), a fiche de synthèse, a convention and an attestation per
dispositif, a feuille d'émargement, the pack du lendemain and the bilan d'activité of 2025 (PDF,
CSV, XLSX). Prints the render times (best of five, fonts warm). ``--screens`` also grabs the
Rapports screen and the preview dialog offscreen.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TODAY = dt.date(2026, 11, 26)
NOW = dt.datetime(2026, 11, 26, 17, 45)


def best_of(fn, n: int = 5) -> tuple[object, float]:  # noqa: ANN001
    fn()
    best, result = float("inf"), None
    for _ in range(n):
        start = time.perf_counter()
        result = fn()
        best = min(best, (time.perf_counter() - start) * 1000)
    return result, best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--dpi", type=int, default=60)
    parser.add_argument("--screens", action="store_true")
    args = parser.parse_args(argv)
    args.outdir.mkdir(parents=True, exist_ok=True)

    from sqlalchemy import func, select

    from pole_desktop.demo import generate
    from pole_desktop.documents.generate import generate_document
    from pole_desktop.documents.pack import pack_du_lendemain
    from pole_desktop.domain import models as m
    from pole_desktop.paths import DataDir
    from pole_desktop.reports.bilan import compute_bilan
    from pole_desktop.reports.export import bilan_meta, to_csv, to_pdf, to_xlsx
    from pole_desktop.storage.database import Database

    tmp = Path(tempfile.mkdtemp(prefix="pole-demo-"))
    db = Database.open(DataDir.at(tmp / "data"))
    generate(db, "small", seed=1, today=TODAY)
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        print("pdftoppm introuvable (paquet poppler-utils) : pas d'images PNG.", file=sys.stderr)

    def write(name: str, pdf: bytes, ms: float) -> None:
        path = args.outdir / f"{name}.pdf"
        path.write_bytes(pdf)
        if pdftoppm:
            subprocess.run([pdftoppm, "-png", "-r", str(args.dpi), str(path), str(args.outdir / name)], check=True)
        import io

        import pypdf

        pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
        print(f"{name:34} {pages:2d} p. {len(pdf) / 1024:6.1f} Kio  {ms:7.1f} ms")

    with db.read() as s:
        # The realised rendez-vous with the longest and the shortest notes.
        length = func.length(m.RendezVous.compte_rendu)
        base = select(m.RendezVous.id).where(m.RendezVous.statut == "realise", m.RendezVous.dossier_id.is_not(None))
        long_rdv = s.scalars(base.order_by(length.desc(), m.RendezVous.id)).first()
        with_actions = s.scalars(
            base.join(m.Action, m.Action.rendez_vous_id == m.RendezVous.id).order_by(m.RendezVous.debut.desc())
        ).first()
        for name, rid in (("compte-rendu", with_actions), ("compte-rendu-long", long_rdv)):
            doc, ms = best_of(lambda rid=rid: generate_document(s, "compte_rendu", rid, generated_at=NOW))
            write(name, doc.pdf, ms)
        for code in ("puls_actions", "dla", "generateur_bfc", "crdva", "graines_actions"):
            d = s.scalars(
                select(m.Dossier).where(m.Dossier.dispositif == code)
                .order_by(m.Dossier.structure_id.is_(None), m.Dossier.reference)
            ).first()
            for kind in ("fiche_synthese", "convention", "attestation"):
                if kind != "convention" and code not in ("dla", "graines_actions"):
                    continue
                doc, ms = best_of(lambda d=d, kind=kind: generate_document(s, kind, d.id, generated_at=NOW))
                write(f"{kind.replace('_', '-')}-{code}", doc.pdf, ms)
        atelier = s.scalars(
            select(m.Atelier).join(m.AtelierInscription).group_by(m.Atelier.id)
            .order_by(func.count().desc(), m.Atelier.id)
        ).first()
        doc, ms = best_of(lambda: generate_document(s, "emargement", atelier.id, generated_at=NOW))
        write("emargement", doc.pdf, ms)
        me = db.journal.author_id
        pdf, ms = best_of(lambda: pack_du_lendemain(s, TODAY + dt.timedelta(days=1), me, generated_at=NOW), 2)
        write("pack-du-lendemain", pdf, ms)
        bilan, ms_bilan = best_of(lambda: compute_bilan(s, dt.date(2025, 1, 1), dt.date(2025, 12, 31)))
        print(f"{'bilan (calcul)':34}            {ms_bilan:7.1f} ms")
        pdf, ms = best_of(lambda: to_pdf(bilan, bilan_meta(bilan, NOW)))
        write("bilan-2025", pdf, ms)
        (args.outdir / "bilan-2025.csv").write_bytes(to_csv(bilan))
        (args.outdir / "bilan-2025.xlsx").write_bytes(to_xlsx(bilan))
        zrr = compute_bilan(s, dt.date(2023, 1, 1), dt.date(2023, 12, 31), "dla")
        write("bilan-2023-dla", to_pdf(zrr, bilan_meta(zrr, NOW)), 0)

    if args.screens:
        grab_screens(db, args.outdir)
    db.close()
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


def grab_screens(db, outdir: Path) -> None:  # noqa: ANN001
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from pole_desktop.gui.context import AppContext
    from pole_desktop.gui.screens.reports import ReportsScreen
    from pole_desktop.gui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    ctx = AppContext(db=db, tasks=TaskRunner(synchronous=True), settings=QSettings(str(outdir / "qt.ini"),
                                                                                    QSettings.Format.IniFormat))
    screen = ReportsScreen(ctx)
    screen.resize(1200, 900)
    screen.set_period(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    screen.compute()
    screen.show()
    app.processEvents()
    screen.grab().save(str(outdir / "screen-rapports.png"))
    screen.preview()
    app.processEvents()
    dialog = screen.last_preview
    dialog.resize(860, 980)
    for _ in range(5):
        app.processEvents()
        time.sleep(0.05)
    dialog.grab().save(str(outdir / "screen-apercu.png"))
    dialog.close()
    screen.close()


if __name__ == "__main__":
    raise SystemExit(main())
