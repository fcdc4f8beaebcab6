"""Screens never open a database session: they read through ``gui/ops.run_read`` (queries of
``services/queries``) and write through ``gui/ops.run_write``. This test reads the source of
every module under ``pole_desktop/gui/`` (AST) and fails on ``<db>.session(``, ``<db>.read(``,
``Session(`` or ``sessionmaker(`` anywhere but in ``gui/ops.py``."""

from __future__ import annotations

import ast
from pathlib import Path

import pole_desktop.gui

GUI = Path(pole_desktop.gui.__file__).parent

# The one module allowed to open sessions for the screens.
ALLOWED = {"ops.py"}

# Modules not yet converted to the pattern. THIS LIST MAY ONLY SHRINK: convert a module, then
# remove it here; never add one (new GUI code uses gui/ops.py). The test also fails when a listed
# module no longer opens a session, so that the list never hides a regression.
NOT_YET_CONVERTED = {
    "dialogs/retention_dialog.py",  # backup-then-purge: to convert next (safety.backups is reachable from the core now)
}


def _receiver_name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Call):
        return _receiver_name(node.func)
    return ""


def session_openings(source: str) -> list[tuple[int, str]]:
    """(line, text) of each place ``source`` opens a database session."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in {"Session", "sessionmaker", "JournaledSession"}:
            found.append((node.lineno, f"{func.id}("))
        elif isinstance(func, ast.Attribute):
            if func.attr in {"Session", "sessionmaker", "JournaledSession"}:
                found.append((node.lineno, f".{func.attr}("))
            elif func.attr in {"session", "read"}:
                receiver = _receiver_name(func.value).lower()
                if receiver in {"db", "database", "_db"} or receiver.endswith("_db"):
                    found.append((node.lineno, f"{receiver}.{func.attr}("))
    return found


def _offenders() -> dict[str, list[tuple[int, str]]]:
    out: dict[str, list[tuple[int, str]]] = {}
    for path in sorted(GUI.rglob("*.py")):
        rel = path.relative_to(GUI).as_posix()
        if rel in ALLOWED or rel.startswith("forms/"):
            continue
        hits = session_openings(path.read_text(encoding="utf-8"))
        if hits:
            out[rel] = hits
    return out


def test_no_gui_module_opens_a_session_outside_ops() -> None:
    new = {rel: hits for rel, hits in _offenders().items() if rel not in NOT_YET_CONVERTED}
    assert not new, (
        "These gui/ modules open database sessions; read with gui/ops.run_read (a query of "
        f"services/queries) and write with gui/ops.run_write instead: {new}"
    )


def test_the_list_of_modules_to_convert_only_shrinks() -> None:
    offenders = _offenders()
    done = sorted(rel for rel in NOT_YET_CONVERTED if rel not in offenders)
    assert not done, f"Converted (or removed): take them out of NOT_YET_CONVERTED: {done}"


def test_the_scan_sees_every_way_of_opening_a_session() -> None:
    source = (
        "with self.ctx.db.read() as s: pass\n"
        "with db.session() as s: pass\n"
        "s = Session(bind=engine)\n"
        "with ctx.db.session() as s: pass\n"
        "data = f.read(10)\n"  # a file, not a database
        "self.search.session_id()\n"
    )
    assert sorted(line for line, _ in session_openings(source)) == [1, 2, 3, 4]
