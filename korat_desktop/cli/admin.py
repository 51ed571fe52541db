"""Settings commands for IT: ``korat config show``, ``korat config set [--machine] KEY VALUE``."""

from __future__ import annotations

import argparse
from typing import Any

from korat_desktop.cli.context import CliContext, Output
from korat_desktop.config import SETTINGS
from korat_desktop.errors import ConfigError, UsageError

__all__ = ["register"]


def _show(ctx: CliContext) -> Output:
    values = ctx.config.describe()
    data = [{"key": v.setting.key, "value": v.value, "source": v.source.value,
             "locked": v.locked, "locked_by": v.locked_by,
             "title": v.setting.title(ctx.lang)} for v in values]
    text = "\n".join(
        f"{v.setting.key} = {v.value!r}  ({v.source.value}{', locked' if v.locked else ''})"
        for v in values)
    return Output(data, text)


def _set(ctx: CliContext) -> Output:
    key, raw = ctx.args.key, ctx.args.value
    if ctx.args.machine:
        return _set_machine(key, raw)
    setting = next((s for s in SETTINGS if s.key == key), None)
    if setting is None:
        raise UsageError("usage.bad_argument", name="KEY", detail=key)
    try:
        value = setting.parse_text(raw)
    except ValueError as e:
        raise ConfigError("config.bad_value", file="-", key=key, expected=str(e)) from e
    result = ctx.config.set_user(key, value)
    return Output({"key": key, "value": result.value, "source": result.source.value},
                  f"{key} = {result.value!r}")


def _set_machine(key: str, raw: str) -> Output:
    """Write the machine config (installers, IT): the file's comments and other keys stay;
    a value that breaks a rule is written with a warning, never refused (see
    korat_desktop/machine_config.py); an empty value unsets a list or number."""
    import sys

    from korat_desktop.config import machine_config_dir
    from korat_desktop.machine_config import set_machine_value

    path = machine_config_dir() / "config.toml"
    if not any(s.key == key for s in SETTINGS):
        raise UsageError("usage.bad_argument", name="KEY", detail=key)
    warnings = set_machine_value(path, key, raw)
    for w in warnings:
        print(f"korat: warning: {w} (written to {path} all the same)", file=sys.stderr)
    return Output({"key": key, "value": raw, "file": str(path), "warnings": warnings},
                  f"{key} = {raw!r}  ({path})")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("config", parents=[common], help="show or change settings")
    cs = p.add_subparsers(dest="config_command", metavar="ACTION")
    cs.required = True
    s = cs.add_parser("show", parents=[common], help="every setting, its value and source")
    s.set_defaults(handler=_show)
    s = cs.add_parser("set", parents=[common], help="change a user setting")
    s.add_argument("--machine", action="store_true",
                   help="write the machine config (IT, installers) instead")
    s.add_argument("key")
    s.add_argument("value")
    s.set_defaults(handler=_set)
