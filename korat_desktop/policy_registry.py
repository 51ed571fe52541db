"""Windows Group Policy: settings locked under ``HKLM\\Software\\Policies\\KoratDesktop``.

The ADMX templates (installers/windows/make_admx.py) write each setting as value
``<name>`` under ``...\\KoratDesktop\\<section>`` (a list: its items as the values of the
subkey ``...\\<section>\\<name>``). Read here into the policy layer, where they win over
``policy.toml``; the Settings window and ``korat config show`` name the registry key as
the reason. Registry access sits behind :class:`RegistryReader` (``winreg`` on
Windows), so the mapping is tested anywhere.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from korat_desktop.errors import ConfigError

if TYPE_CHECKING:  # config calls us with its settings: no import back at run time
    from korat_desktop.config import Setting

__all__ = ["POLICY_KEY", "RegistryReader", "WinRegReader", "read_registry_policy"]

POLICY_KEY = "Software\\Policies\\KoratDesktop"


class RegistryReader(Protocol):
    def values(self, subkey: str) -> dict[str, Any]:
        """The values under HKLM\\``subkey`` by name ({} when the key is missing)."""
        ...


class WinRegReader:
    """HKLM through ``winreg`` (Windows only)."""

    def values(self, subkey: str) -> dict[str, Any]:
        import importlib

        winreg: Any = importlib.import_module("winreg")  # Windows only; typed loosely here
        out: dict[str, Any] = {}
        try:
            key = winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, subkey)
        except OSError:
            return out
        with key:
            i = 0
            while True:
                try:
                    name, value, _kind = winreg.EnumValue(key, i)
                except OSError:
                    return out
                out[name] = value
                i += 1


def _value(setting_type: type, raw: Any) -> Any:
    if setting_type is bool and isinstance(raw, int):
        return bool(raw)
    if setting_type is float and isinstance(raw, str):
        try:
            return float(raw)
        except ValueError:
            return raw
    if setting_type is int and isinstance(raw, str) and raw.strip().isdigit():
        return int(raw)
    return raw


def read_registry_policy(settings: Sequence[Setting], reader: RegistryReader | None = None
                         ) -> dict[str, tuple[Any, str]]:
    """{setting key: (value, registry key it came from)} for the declared ``settings``. A value of the wrong type is a
    ConfigError naming the registry key, like a bad value in a file."""
    if reader is None:
        if not sys.platform.startswith("win"):
            return {}
        reader = WinRegReader()
    found: dict[str, tuple[Any, str]] = {}
    cache: dict[str, dict[str, Any]] = {}
    for s in settings:
        section, name = s.key.split(".", 1)
        where = f"{POLICY_KEY}\\{section}"
        if s.type is list:
            where = f"{where}\\{name}"
            items = reader.values(where)
            if not items:
                continue
            raw: Any = [str(items[k]) for k in sorted(items)]
        else:
            values = cache.setdefault(where, reader.values(where))
            if name not in values:
                continue
            raw = _value(s.type, values[name])
        try:
            found[s.key] = (s.coerce(raw), "HKLM\\" + where)
        except ValueError as e:
            raise ConfigError("config.bad_value", file="HKLM\\" + where, key=s.key,
                              expected=str(e)) from e
    return found
