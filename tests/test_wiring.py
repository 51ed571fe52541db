"""How the parts are put together: every command module and message catalogue is listed
and imported for real (a broken one fails loudly instead of vanishing), and every
service hangs off :class:`KoratApp`, built once."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from functools import cached_property
from pathlib import Path

import pytest

import korat_desktop
import korat_desktop.services
from korat_desktop import messages
from korat_desktop.app import KoratApp, open_app

cli_main = importlib.import_module("korat_desktop.cli.main")  # the package exports main()

PACKAGE = Path(korat_desktop.__file__).resolve().parent


def test_every_command_module_is_listed() -> None:
    defining = set()
    for path in (PACKAGE / "cli").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(isinstance(n, ast.FunctionDef) and n.name == "register" for n in tree.body):
            defining.add(f"korat_desktop.cli.{path.stem}")
    assert set(cli_main._COMMAND_MODULES) == defining


def test_every_message_catalogue_is_listed() -> None:
    found = {".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts)
             for p in PACKAGE.rglob("*messages.py") if p != PACKAGE / "messages.py"}
    assert set(messages._LAYERS) == found


def test_a_command_module_that_cannot_be_imported_fails_the_command_line(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_main, "_COMMAND_MODULES",
                        (*cli_main._COMMAND_MODULES, "korat_desktop.cli.not_there"))
    with pytest.raises(ModuleNotFoundError, match=r"korat_desktop\.cli\.not_there"):
        cli_main.build_parser()


def test_a_message_catalogue_that_cannot_be_imported_fails(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(messages, "_LAYERS", (*messages._LAYERS, "korat_desktop.not_there.messages"))
    messages.catalogue.cache_clear()
    try:
        with pytest.raises(ModuleNotFoundError, match=r"korat_desktop\.not_there"):
            messages.catalogue()
    finally:
        monkeypatch.undo()
        messages.catalogue.cache_clear()
    assert "store.closing" in messages.catalogue()


def _service_classes() -> set[type]:
    """Classes of korat_desktop.services built from the app alone: ``Service(app)``."""
    found = set()
    for info in pkgutil.iter_modules(korat_desktop.services.__path__):
        module = importlib.import_module(f"korat_desktop.services.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__:
                continue
            params = list(inspect.signature(cls.__init__).parameters)
            if params == ["self", "app"]:
                found.add(cls)
    return found


def test_every_service_is_on_the_app_and_built_once(tmp_path: Path,
                                                    machine_dir: Path) -> None:
    app = open_app(tmp_path / "data", write=True, create=True)
    try:
        on_app = {}
        for name in dir(KoratApp):
            if name.startswith("_") or not isinstance(getattr(KoratApp, name, None),
                                                      property | cached_property):
                continue
            first = getattr(app, name)
            if type(first) in _service_classes():
                assert getattr(app, name) is first, f"app.{name} is built anew each time"
                on_app[type(first)] = name
        assert set(on_app) == _service_classes()
        assert on_app[type(app.drafts)] == "drafts"
    finally:
        app.close()


def test_the_log_folder_is_named_in_one_place() -> None:
    """``Paths.log_dir`` says where logs go; nothing else spells the folder out."""
    naming = sorted(str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
                    if any(isinstance(n, ast.Constant) and n.value == "logs"
                           for n in ast.walk(ast.parse(p.read_text(encoding="utf-8")))))
    assert naming == ["config.py"]
