"""House rule 2: the UI never touches the store or SQLAlchemy and never parses wire JSON.

Those are a service's job (``korat_desktop/services``); the UI gets frozen results.
The check reads the UI's source (no Qt needed) and names each offending line.
"""

from __future__ import annotations

import ast
from pathlib import Path

import korat_desktop.ui

UI = Path(korat_desktop.ui.__file__).parent
FORBIDDEN_MODULES = ("korat_desktop.store", "sqlalchemy", "json")
# file -> modules it may import, with why
ALLOWED = {
    # its own local-socket message between two copies of the app: not wire JSON
    "instance_handoff.py": {"json"},
    # the demo token's state file; moves to korat_desktop/demo with issue 13 item 15
    "operations.py": {"json"},
}


def _imports(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def test_the_ui_imports_no_store_no_sqlalchemy_and_parses_no_json() -> None:
    offences = []
    for path in sorted(UI.glob("*.py")):
        allowed = ALLOWED.get(path.name, set())
        for line, module in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            for banned in FORBIDDEN_MODULES:
                if (module == banned or module.startswith(banned + ".")) and banned not in allowed:
                    offences.append(f"{path.name}:{line} imports {module}")
    assert offences == []
