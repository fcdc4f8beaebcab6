"""The import-layer contract of the package (see ARCHITECTURE.md, « Layers »).

Every import is read with ``ast`` — module level, inside functions, under ``TYPE_CHECKING`` — so a
lazy import inside a function does not slip past. The rules:

- ``storage`` imports neither ``safety`` nor ``sync`` (it is the bottom: files, engines, journal);
- ``sync`` does not import ``safety`` (what it needs from it is registered on ``sync.hooks``);
- the core (everything outside ``pole_desktop/gui/``) does not import ``pole_desktop.gui``, except
  the two entry points that start the interface: ``app.py`` and ``selftest.py``'s window step.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "pole_desktop"

# (module path relative to pole_desktop/, function it is allowed in) → the gui import it may make.
GUI_ENTRY_POINTS = {
    ("app.py", "main"): "pole_desktop.gui.application",
    ("selftest.py", "step_window"): "pole_desktop.gui.selftest_window",
}

FORBIDDEN = [
    ("storage", "pole_desktop.safety"),
    ("storage", "pole_desktop.sync"),
    ("sync", "pole_desktop.safety"),
]


def _resolve(path: Path, node: ast.ImportFrom) -> str:
    """The absolute module name of a ``from … import`` (relative imports resolved)."""
    if not node.level:
        return node.module or ""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    base = parts[: len(parts) - node.level]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(path: Path, source: str | None = None) -> list[tuple[str, str | None, int]]:
    """(imported module, enclosing function or None, line) for every import in ``path``.

    ``from pole_desktop import gui`` counts as an import of ``pole_desktop.gui``."""
    text = path.read_text(encoding="utf-8") if source is None else source
    tree = ast.parse(text, filename=str(path))
    found: list[tuple[str, str | None, int]] = []

    def visit(node: ast.AST, func: str | None) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                visit(child, func or child.name)
                continue
            if isinstance(child, ast.Import):
                found.extend((a.name, func, child.lineno) for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                mod = _resolve(path, child)
                found.append((mod, func, child.lineno))
                found.extend((f"{mod}.{a.name}", func, child.lineno) for a in child.names)
            visit(child, func)

    visit(tree, None)
    return found


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def _modules(sub: str = "") -> list[Path]:
    return sorted((PACKAGE / sub).rglob("*.py")) if sub else sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize(("layer", "forbidden"), FORBIDDEN, ids=[f"{a}-not-{b.split('.')[-1]}" for a, b in FORBIDDEN])
def test_lower_layers_do_not_import_higher_ones(layer: str, forbidden: str) -> None:
    files = _modules(layer)
    assert files, layer
    bad = [f"{p.relative_to(PACKAGE)}:{line} imports {mod}"
           for p in files for mod, _func, line in imports_of(p) if _within(mod, forbidden)]
    assert not bad, "\n".join(bad)


def test_the_core_does_not_import_the_gui() -> None:
    bad = []
    used = set()
    for p in _modules():
        rel = p.relative_to(PACKAGE)
        if rel.parts[0] == "gui":
            continue
        for mod, func, line in imports_of(p):
            if not _within(mod, "pole_desktop.gui"):
                continue
            allowed = GUI_ENTRY_POINTS.get((rel.as_posix(), func or ""))
            if allowed is not None and _within(mod, allowed):
                used.add((rel.as_posix(), func))
                continue
            bad.append(f"{rel}:{line} ({func or 'module level'}) imports {mod}")
    assert not bad, "\n".join(bad)
    assert used == set(GUI_ENTRY_POINTS), "an allowed entry point no longer exists: update GUI_ENTRY_POINTS"


def test_the_scanner_sees_imports_inside_functions() -> None:
    """The contract can fail: a lazy import nested in a function of a storage module is reported."""
    src = "def f():\n    if True:\n        from pole_desktop.safety import backups\n    from . import journal\n"
    found = imports_of(PACKAGE / "storage" / "probe.py", source=src)
    assert ("pole_desktop.safety", "f", 3) in found
    assert ("pole_desktop.safety.backups", "f", 3) in found
    assert ("pole_desktop.storage.journal", "f", 4) in found
