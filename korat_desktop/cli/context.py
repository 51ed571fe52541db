"""What a command handler gets: parsed options, lazily opened config and app."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from korat_desktop.config import Config, load_config

__all__ = ["CliContext", "Output", "Handler", "lazy_handler", "to_jsonable"]


@dataclass(frozen=True)
class Output:
    """What a command produced: ``data`` for ``--json``, ``text`` for people."""

    data: Any
    text: str = ""
    exit_code: int = 0
    stdout_taken: bool = False
    """The command wrote its bytes to stdout (``-o -``): the summary goes to stderr."""


@dataclass
class CliContext:
    args: argparse.Namespace
    _config: Config | None = field(default=None, repr=False)
    _closers: list[Callable[[], None]] = field(default_factory=list, repr=False)

    @property
    def json(self) -> bool:
        return bool(getattr(self.args, "json", False))

    @property
    def data_dir(self) -> Path | None:
        value = getattr(self.args, "data_dir", None)
        return Path(value) if value else None

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config = load_config(self.data_dir)
            for problem in self._config.problems:  # the command goes on, on the default
                print("korat: " + problem.message(self.lang), file=sys.stderr)
        return self._config

    @property
    def lang(self) -> str:
        lang = getattr(self.args, "lang", None)
        if lang:
            return str(lang)
        try:
            return str(self.config["ui.language"])
        except Exception:
            return "th"

    def on_close(self, fn: Callable[[], None]) -> None:
        self._closers.append(fn)

    def close(self) -> None:
        while self._closers:
            self._closers.pop()()

    def progress(self, text: str) -> None:
        """Progress for people, on stderr so ``--json`` stdout stays clean."""
        if not self.json:
            print(text, file=sys.stderr, flush=True)


Handler = Callable[[CliContext], Output]


def lazy_handler(module: str, name: str) -> Handler:
    """A handler that imports ``module`` only when its command runs (fast start-up)."""

    def run(ctx: CliContext) -> Output:
        import importlib

        handler: Handler = getattr(importlib.import_module(module), name)
        return handler(ctx)

    return run


def to_jsonable(value: Any) -> Any:
    """Frozen dataclasses, enums, dates and paths to plain JSON values."""
    import dataclasses
    import datetime as dt
    import enum

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(v) for v in value]
    return value


def dumps(value: Any) -> str:
    return json.dumps(to_jsonable(value), ensure_ascii=False, indent=2)
