#!/usr/bin/env python3
"""Save a PNG of every page of the main window, a dossier page (each tab) and the main dialogs.

    python scripts/screenshots.py OUTDIR [--data-dir D]

Without --data-dir, the small demo is generated in a temporary folder. Runs offscreen at
1280×800; pages of other modules are captured automatically once they exist.
"""

from __future__ import annotations

import argparse
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
    args = p.parse_args(argv)
    out = Path(args.outdir)
    out.mkdir(parents=True, exist_ok=True)

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
    from pole_desktop.storage.opening import open_database

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
    window.resize(1280, 800)
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
    window.confirm_unsaved = lambda *_: "discard"
    window.close()
    db.close()
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
