"""Settings commands for IT: ``korat config show``, ``korat config set [--machine] KEY VALUE``."""

from __future__ import annotations

import argparse
from typing import Any

from korat_desktop.cli.context import CliContext, Output
from korat_desktop.config import SETTINGS
from korat_desktop.errors import ConfigError, UsageError

__all__ = ["register"]


def _show(ctx: CliContext) -> Output:
    """Every setting; exit 1 when a machine setting cannot be used (named on stderr with
    its file, and under the setting with ``problem``), so IT can check a PC in a script."""
    values = ctx.config.describe()
    problems = {str(p.params.get("key", "")): p for p in ctx.config.problems}
    data = [{"key": v.setting.key, "value": v.value, "source": v.source.value,
             "locked": v.locked, "locked_by": v.locked_by,
             "title": v.setting.title(ctx.lang)}
            | ({"problem": problems[v.setting.key].as_dict(ctx.lang)}
               if v.setting.key in problems else {})
            for v in values]
    lines = []
    for v in values:
        lines.append(f"{v.setting.key} = {v.value!r}  "
                     f"({v.source.value}{', locked' if v.locked else ''})")
        if v.setting.key in problems:
            lines.append("    ! " + problems[v.setting.key].message(ctx.lang))
    lines += ["! " + p.message(ctx.lang) for key, p in problems.items()
              if not any(v.setting.key == key for v in values)]
    return Output(data, "\n".join(lines), exit_code=1 if problems else 0)


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
