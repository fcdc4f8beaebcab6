#!/usr/bin/env python3
"""Save a PNG of every page of the main window, a dossier page (each tab) and the main dialogs.

    python scripts/screenshots.py OUTDIR [--data-dir D] [--screen 1366x768]

Without --data-dir, the small demo is generated in a temporary folder. Runs offscreen on a
screen of the given size (default 1366×768, a common laptop; try 1920x1080 too), the window
filling it as a maximised window would; pages of other modules are captured automatically once
they exist.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("outdir")
    p.add_argument("--data-dir")
    p.add_argument("--screen", default="1366x768", help="offscreen screen size, WIDTHxHEIGHT")
    args = p.parse_args(argv)
    out = Path(args.outdir)
    out.mkdir(parents=True, exist_ok=True)
    width, height = (int(x) for x in args.screen.lower().split("x"))
    if os.environ.get("QT_QPA_PLATFORM", "offscreen").startswith("offscreen"):
        config = out / "offscreen-screen.json"
        config.write_text(json.dumps({"screens": [{"name": "ecran", "x": 0, "y": 0, "width": width,
                                                   "height": height, "logicalDpi": 96, "logicalBaseDpi": 96,
                                                   "dpr": 1}]}))
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"

    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from pole_desktop.gui.qt_workarounds import protect_none_refcount

    protect_none_refcount()
    from pole_desktop.gui.application import app_icon, install_french

    install_french(app)  # type: ignore[arg-type]
    app.setWindowIcon(app_icon())
    from sqlalchemy import func, select

    from pole_desktop.domain.models import Dossier, RendezVous
    from pole_desktop.gui.application import build_main_window
    from pole_desktop.gui.context import AppContext
    from pole_desktop.gui.layout_state import open_settings
    from pole_desktop.gui.navigation import PAGES
    from pole_desktop.gui.tasks import TaskRunner
    from pole_desktop.safety.opening import open_database

    tmp = None
    if args.data_dir:
        db = open_database(args.data_dir)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="pole-shots-")
        db = open_database(tmp.name)
        from pole_desktop.demo import generate

        generate(db, "small", seed=1)
    ctx = AppContext(db=db, tasks=TaskRunner(synchronous=True), settings=open_settings(Path(tempfile.mkdtemp())))
    window = build_main_window(ctx)
    window.resize(width, height - 40)  # maximised under a task bar
    window.show()

    def shot(widget: QWidget, name: str) -> None:
        app.processEvents()
        widget.grab().save(str(out / f"{name}.png"))
        print(out / f"{name}.png")

    for i, page in enumerate(PAGES, 1):
        window.show_page(page.key)
        shot(window, f"{i:02d}-{page.key}")

    with db.read() as s:
        # A well-filled dossier: the one with the most rendez-vous.
        dossier_id = s.scalar(select(RendezVous.dossier_id).where(RendezVous.dossier_id.is_not(None))
                              .group_by(RendezVous.dossier_id).order_by(func.count().desc()).limit(1))
        open_id = s.scalar(select(Dossier.id).where(Dossier.date_cloture.is_(None)).limit(1))
        rdv_id = s.scalar(select(RendezVous.id).where(RendezVous.dossier_id == dossier_id,
                                                      RendezVous.compte_rendu.is_not(None)).limit(1))
    page = window.open_dossier(dossier_id)
    for i in range(page.tabs.count()):
        page.tabs.setCurrentIndex(i)
        name = page.tabs.tabText(i).replace("&", "").replace(" *", "").lower()
        shot(window, f"20-dossier-{i + 1}-{name}")

    window.open_compte_rendu(rdv_id)
    cr = window.last_compte_rendu
    cr.resize(780, 760)
    shot(cr, "30-compte-rendu")
    cr.saved = True
    cr.close()

    from pole_desktop.gui.dialogs.change_etape import ChangeEtapeDialog
    from pole_desktop.gui.dialogs.new_dossier import NewDossierDialog
    from pole_desktop.gui.dialogs.new_rendez_vous import NewRendezVousDialog

    nd = NewDossierDialog(ctx, window)
    nd.show()
    shot(nd, "31-nouveau-dossier")
    nd.close()
    ce = ChangeEtapeDialog(ctx, open_id, window)
    ce.show()
    ce.choose("cloture", "reorientation")
    shot(ce, "32-changer-etape-cloture")
    ce.close()
    nr = NewRendezVousDialog(ctx, open_id, window)
    nr.show()
    shot(nr, "33-nouveau-rendez-vous")
    nr.close()

    from pole_desktop import clock
    from pole_desktop.documents.generate import generate_document
    from pole_desktop.gui.dialogs.generate_document import GenerateDocumentDialog
    from pole_desktop.gui.dialogs.pdf_preview import PdfPreviewDialog
    from pole_desktop.gui.documents_actions import PackDialog

    with db.read() as s:
        pdf = generate_document(s, "fiche_synthese", dossier_id, generated_at=clock.local_now()).pdf
    pv = PdfPreviewDialog(pdf, "Fiche de synthèse", "fiche.pdf", window)
    pv.show()
    shot(pv, "34-apercu-pdf")
    pv.close()
    for name, dlg in (("35-pack-du-lendemain", PackDialog(ctx, window)),
                      ("36-generer-un-document", GenerateDocumentDialog(ctx, "dossier", dossier_id, window))):
        dlg.show()
        shot(dlg, name)
        dlg.close()

    # Search everywhere (Ctrl+K) with a common name typed.
    window.search_everywhere()
    se = window.last_search_dialog
    se.edit.setText("martin")
    se.search_now()
    shot(se, "37-rechercher-partout")
    se.close()
    # The agenda on the busiest week, and the undo offer after a quick action.
    with db.read() as s:
        busiest = s.scalar(select(RendezVous.debut).group_by(func.strftime("%Y-%W", RendezVous.debut))
                           .order_by(func.count().desc()).limit(1))
    window.show_page("agenda")
    agenda = window.current_screen()
    agenda.set_week_mode(True)
    agenda.go_to(busiest.date())
    shot(window, "38-agenda-semaine-chargee")
    with db.read() as s:
        rid = s.scalar(select(RendezVous.id).where(RendezVous.statut == "prevu",
                                                   func.date(RendezVous.debut) == busiest.date().isoformat()))
    if rid:
        agenda.confirm = lambda *_: True
        agenda.view.select(rid)
        agenda.cancel_selected()
        shot(window, "39-agenda-annuler-proposé")
    window.confirm_unsaved = lambda *_: "discard"
    window.close()
    db.close()
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
