"""The package stands on its own: it never imports ``tests`` nor edits ``sys.path``, and
the demo token (``korat-desktop --demo``) starts from the package alone, as it must once
installed, where no checkout (and no ``tests/``) is anywhere near."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import korat_desktop

PACKAGE = Path(korat_desktop.__file__).resolve().parent


def _offences(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if node.value == "tests" or node.value.startswith("tests."):
                names = [node.value]  # importlib.import_module("tests....")
        elif isinstance(node, ast.Attribute) and node.attr == "path" and \
                isinstance(node.value, ast.Name) and node.value.id == "sys":
            found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: sys.path")
        found += [f"{path.relative_to(PACKAGE)}:{node.lineno}: {n}" for n in names
                  if n == "tests" or n.startswith("tests.")]
    return found


def test_the_package_never_imports_the_tests_nor_touches_sys_path() -> None:
    offences = [o for path in sorted(PACKAGE.rglob("*.py")) for o in _offences(path)]
    assert offences == []


_CHILD = """
import dataclasses, json, pathlib, sys

class NoTests:  # the checkout's tests/ must not be needed (nor reachable) here
    def find_spec(self, name, path=None, target=None):
        if name == "tests" or name.startswith("tests."):
            raise ImportError(f"the package imported {name}")
        return None

sys.meta_path.insert(0, NoTests())
import korat_desktop
from korat_desktop.ui.operations import _demo_token

token = _demo_token(pathlib.Path(sys.argv[1]))
print(json.dumps({"package": korat_desktop.__file__, **dataclasses.asdict(token),
                  "path": sys.path}))
"""


def test_the_demo_token_starts_from_the_package_alone(tmp_path: Path) -> None:
    # only the package on the path (through a folder of its own), run from elsewhere
    alone = tmp_path / "site"
    alone.mkdir()
    (alone / "korat_desktop").symlink_to(PACKAGE, target_is_directory=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("SOFTHSM2_CONF", "PYTHONPATH")}
    env["PYTHONPATH"] = str(alone)
    run = subprocess.run([sys.executable, "-c", _CHILD, str(tmp_path / "demo-token")],
                         cwd=elsewhere, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(run.stdout.splitlines()[-1])
    assert Path(result["package"]).parent == alone / "korat_desktop"
    assert str(PACKAGE.parent) not in result["path"]
    assert result["missing"] == "", run.stderr[-2000:]
    assert (result["label"], result["certificate"]) == ("KORAT-A", "somchai-rsa")
    assert Path(result["trust_root"]).is_file()
