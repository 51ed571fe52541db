"""Settings commands for IT: ``korat config show`` and ``korat config set KEY VALUE``."""

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


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("config", parents=[common], help="show or change settings")
    cs = p.add_subparsers(dest="config_command", metavar="ACTION")
    cs.required = True
    s = cs.add_parser("show", parents=[common], help="every setting, its value and source")
    s.set_defaults(handler=_show)
    s = cs.add_parser("set", parents=[common], help="change a user setting")
    s.add_argument("key")
    s.add_argument("value")
    s.set_defaults(handler=_set)
