"""Qt measurements, each in a fresh process (run by scripts/bench.py, not by hand).

    gui_probe.py bare -                  bare QApplication + empty window; prints READY at its first paint
    gui_probe.py coldstart DATA_DIR      the real entry point (pole_desktop.app.main); READY at the
                                         main window's first paint
    gui_probe.py filter DATA_DIR RUNS    per-keystroke filtering through the dossiers list model (JSON)
    gui_probe.py memory DATA_DIR         RSS with the main window and the list scrolled end to end (JSON)
    gui_probe.py opendossier DATA_DIR ID RUNS   open the dossier page on its Rendez-vous tab (JSON)
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # scripts/ → the bench package


def rss_mb() -> float:
    for ln in Path("/proc/self/status").read_text().splitlines():
        if ln.startswith("VmRSS:"):
            return int(ln.split()[1]) / 1024
    return 0.0


def wait_first_paint(app: Any, timeout: float = 60.0) -> Any:
    """Process events until a visible top-level window has been painted; returns that window."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QWidget

    painted: list[Any] = []

    class Watch(QObject):
        def eventFilter(self, obj: Any, ev: Any) -> bool:  # noqa: N802
            if ev.type() == QEvent.Type.Paint and isinstance(obj, QWidget) and obj.isWindow() and not painted:
                painted.append(obj)
            return False

    watch = Watch()
    app.installEventFilter(watch)
    deadline = time.monotonic() + timeout
    while not painted and time.monotonic() < deadline:
        app.processEvents()
    app.removeEventFilter(watch)
    if not painted:
        raise SystemExit("no window was painted")
    app.processEvents()  # what was queued behind the first paint
    return painted[0]


def settle(app: Any, seconds: float = 0.6) -> None:
    """Keep the event loop turning for a while, so background jobs finish and deliver."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def patched_run(data_dir: str, then: Any) -> None:
    """Start the app through its real entry point; ``then(app, window)`` replaces the event loop."""
    from PySide6.QtWidgets import QApplication

    def fake_exec(self: Any = None) -> int:
        app = QApplication.instance()
        window = wait_first_paint(app)
        then(app, window)
        os._exit(0)

    QApplication.exec = fake_exec  # type: ignore[method-assign]
    from pole_desktop.app import main

    main(["--data-dir", data_dir])
    raise SystemExit("the application returned before showing a window")


def qt_app() -> Any:
    """A QApplication with the app's own binding workarounds (when they exist)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    try:
        from pole_desktop.gui.qt_workarounds import protect_none_refcount
    except ImportError:
        return app
    protect_none_refcount()
    return app


def list_model(db: Any) -> Any:
    from pole_desktop.gui.models.dossier_table import DossierTableModel

    return DossierTableModel(db)


def main() -> None:
    mode, arg = sys.argv[1], sys.argv[2]
    if mode == "bare":
        from PySide6.QtWidgets import QApplication, QWidget

        app = QApplication(sys.argv[:1])
        w = QWidget()
        w.resize(1100, 700)
        w.show()
        wait_first_paint(app)
        print("READY", flush=True)
        os._exit(0)

    if mode == "coldstart":
        patched_run(arg, lambda app, window: print("READY", flush=True))
        return

    if mode == "filter":
        runs = int(sys.argv[3])
        from PySide6.QtWidgets import QTableView

        from bench.figures import keystrokes
        from pole_desktop.safety.opening import open_database

        app = qt_app()
        db = open_database(arg)
        model = list_model(db)
        model.reload()
        view = QTableView()
        view.setModel(model)
        view.resize(1100, 700)
        view.show()
        wait_first_paint(app)
        keys = keystrokes()

        def stroke(typed: str) -> None:
            model.update_filter(text=typed)  # synchronous without a task runner
            app.processEvents()  # the view repaints: the first page of rows is fetched

        for typed in keys:  # warm-up
            stroke(typed)
        out: list[float] = []
        counts: list[int] = []
        for _ in range(runs):
            for typed in keys:
                t0 = time.perf_counter()
                stroke(typed)
                out.append((time.perf_counter() - t0) * 1000)
                counts.append(model.rowCount())
        stroke("")
        out_sorted = sorted(out)
        print(json.dumps({"runs_ms": out, "details": {
            "p90_ms": round(out_sorted[int(len(out) * 0.9)], 2), "max_ms": round(out_sorted[-1], 2),
            "matches_max": max(counts), "matches_min": min(counts)}}), flush=True)
        db.close()
        os._exit(0)  # skip Qt's teardown at interpreter exit (PySide6 can abort there)

    if mode == "opendossier":
        did, runs = sys.argv[3], int(sys.argv[4])

        def open_close(app: Any, window: Any) -> None:
            settle(app, 3.0)  # start-up work on the db queue (Aujourd'hui, sync line) out of the way
            out: list[float] = []
            for i in range(runs + 1):  # the first one warms caches (imports, compiled SQL), not counted
                t0 = time.perf_counter()
                page = window.open_dossier(did)
                page.show_tab(page.rendez_vous)  # the 100 rendez-vous, loaded when the tab is shown
                app.processEvents()  # painted
                table = page.rendez_vous.table
                deadline = time.monotonic() + 10
                while table.rowCount() == 0 and time.monotonic() < deadline:  # read on the db queue: wait
                    app.processEvents()  # for the rows to arrive (the tab filled)…
                app.processEvents()  # …and be painted
                elapsed = (time.perf_counter() - t0) * 1000
                rows = page.rendez_vous.table.rowCount()
                window.close_dossier(f"dossier:{did}")
                settle(app)  # let the list's background reload finish: it would share the CPU and GIL
                if i:
                    out.append(elapsed)
            print(json.dumps({"runs_ms": out, "details": {"rendez_vous_rows": rows}}), flush=True)

        patched_run(arg, open_close)
        return

    if mode == "memory":
        def scroll(app: Any, window: Any) -> None:
            from PySide6.QtWidgets import QTableView

            db = getattr(getattr(window, "ctx", None), "db", None) or getattr(window, "db", None)
            details: dict[str, Any] = {"after_first_paint_mb": round(rss_mb(), 1)}
            try:
                model = list_model(db)
            except ModuleNotFoundError:
                model = None
            if model is not None:
                from pole_desktop.gui.models.dossier_table import DossierFilter

                model.set_filter(DossierFilter(status="tous"))
                model.reload()
                view = QTableView()
                view.setModel(model)
                view.resize(1100, 700)
                view.show()
                app.processEvents()
                n = model.rowCount()
                step = max(1, view.viewport().height() // max(1, view.verticalHeader().defaultSectionSize()))
                for row in range(0, n, step):
                    view.scrollTo(model.index(row, 0))
                    app.processEvents()
                view.scrollTo(model.index(n - 1, 0))
                app.processEvents()
                details.update(rows=n, cached_rows=model.cached_rows(), through="DossierTableModel in a QTableView")
            else:
                from sqlalchemy import text

                with db.read() as s:
                    ids = [r[0] for r in s.execute(text("SELECT id FROM dossier ORDER BY date_ouverture DESC"))]
                    cache = {}
                    for i in range(0, len(ids), 200):
                        page = ids[i : i + 200]
                        marks = ",".join(f":i{k}" for k in range(len(page)))
                        for r in s.execute(text(f"SELECT id, reference, titre, etape, date_ouverture, commune_insee "
                                                f"FROM dossier WHERE id IN ({marks})"),
                                           {f"i{k}": v for k, v in enumerate(page)}):
                            cache[r[0]] = [str(x) for x in r]
                details.update(rows=len(ids), through="model-like pages of display rows (list model absent)")
            print(json.dumps({"rss_mb": round(rss_mb(), 1), "details": details}), flush=True)

        patched_run(arg, scroll)
        return
    raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
