"""House rule 1: the core never imports Qt. Import every core module with PySide6 hidden."""

import subprocess
import sys
from pathlib import Path

import korat_desktop

CORE = ("domain", "store", "signing", "sync", "courier", "protocol", "pdf", "services",
        "secrecy")

SCRIPT = r"""
import importlib, pkgutil, sys
class HideQt:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6.") or name.startswith("shiboken6"):
            raise ImportError("PySide6 is hidden for this test")
        return None
sys.meta_path.insert(0, HideQt())
import korat_desktop
root = korat_desktop.__path__[0]
names = ["korat_desktop.app", "korat_desktop.cli", "korat_desktop.config"]
for layer in %r:
    pkg = importlib.import_module("korat_desktop." + layer)
    names += [m.name for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + ".")
              if ".migrations.versions" not in m.name and not m.name.endswith(".env")]
for name in names:
    importlib.import_module(name)
assert not any(m.startswith("PySide6") for m in sys.modules), "Qt was imported"
print(len(names))
"""


def test_core_imports_without_pyside6():
    out = subprocess.run([sys.executable, "-c", SCRIPT % (CORE,)], capture_output=True,
                         text=True, cwd=Path(korat_desktop.__file__).parent.parent)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.strip()) > 20


def test_no_pyside6_import_statement_in_core_sources():
    root = Path(korat_desktop.__file__).parent
    for layer in CORE:
        for f in (root / layer).rglob("*.py"):
            assert "PySide6" not in f.read_text(encoding="utf-8"), f
