"""No two modules of the core or the CLI import each other (even lazily, inside a
function): such a pair is one idea split in two, or a shared piece that wants its own
module. Imports under ``TYPE_CHECKING`` do not count (they never run)."""

from __future__ import annotations

import ast
from pathlib import Path

import korat_desktop

PACKAGE = Path(korat_desktop.__file__).resolve().parent
# The UI facades still hand each other helpers (ui/operations.py is being reworked).
KNOWN = {("korat_desktop.ui.draft_operations", "korat_desktop.ui.operations"),
         ("korat_desktop.ui.hub_operations", "korat_desktop.ui.operations")}


def _name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(n) for node in ast.walk(tree)
                   if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
                   for n in ast.walk(node)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return found & modules


def test_no_two_modules_import_each_other() -> None:
    paths = {_name(p): p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts}
    graph = {name: _imports(path, set(paths)) for name, path in paths.items()}
    pairs = {tuple(sorted((a, b))) for a, targets in graph.items() for b in targets
             if b != a and a in graph[b]}
    assert pairs - KNOWN == set()
