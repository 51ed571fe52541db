"""The machine config and policy files IT and installers write, from the declared settings.

* :func:`commented_file` renders ``config.toml`` / ``policy.toml`` with every declared
  setting commented out (title, default, choices): the files the packages ship, so a new
  setting appears in them by itself.
* :func:`set_machine_value` sets one key in such a file in place (``korat config set
  --machine``; the Debian postinst and the MSI write their answers through it): the
  comments and the other keys stay as they are, the file is written atomically.

An installer's answer is written even when it is not a valid value (a hub URL that is
not one, a language that is not th/en): the install must not fail on it; the app then
reads the file, names the setting and the file, and starts without it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from korat_desktop.config import SETTINGS, Setting, _toml_value
from korat_desktop.errors import ConfigError, FileError, KoratError
from korat_desktop.files import write_file

__all__ = ["commented_file", "set_machine_value", "setting"]

_SECTION = re.compile(r"^\s*\[([^\]]+)\]\s*(#.*)?$")

_HEADERS = {
    "config": (
        "Korat Desktop machine config: the defaults for every user of this computer.",
        "Users may change these in Settings unless policy.toml locks them. Uncomment a",
        "line to set it. `korat config show` lists every value and where it comes from.",
    ),
    "policy": (
        "Korat Desktop machine policy: a key set here is locked for every user (the",
        "Settings window shows it read-only, with this file as the reason). On Windows a",
        "Group Policy under HKLM\\Software\\Policies\\KoratDesktop wins over this file.",
    ),
}


def setting(key: str) -> Setting:
    for s in SETTINGS:
        if s.key == key:
            return s
    raise ConfigError("config.unknown_key", file="-", key=key)


def _default_text(s: Setting) -> str:
    return _toml_value(s.default)


def commented_file(kind: str) -> str:
    """``config.toml`` (kind "config") or ``policy.toml`` (kind "policy"), all commented."""
    lines = [f"# {line}".rstrip() for line in _HEADERS[kind]]
    section = None
    for s in SETTINGS:
        sec, name = s.key.split(".", 1)
        if sec != section:
            lines += ["", f"[{sec}]"]
            section = sec
        about = s.title_en + (f" / {s.title_th}" if s.title_th else "")
        lines.append(f"# {about}")
        if s.help_en:
            lines.append(f"#   {s.help_en}")
        if s.choices:
            lines.append("#   one of: " + ", ".join(s.choices))
        lines.append(f"# {name} = {_default_text(s)}")
    return "\n".join(lines) + "\n"


def _parse(s: Setting, text: str) -> tuple[Any, list[str]]:
    """The value to write and warnings: a text that does not fit a text setting's rules
    is still written (see the module doc); one that does not fit its type is refused."""
    warnings: list[str] = []
    try:
        value = s.parse_text(text)
    except ValueError as e:
        if s.type is not str:
            raise ConfigError("config.bad_value", file="-", key=s.key, expected=str(e)) from e
        value = text
        warnings.append(f"{s.key}: {text!r} is not {e}")
    if s.check is not None and value:
        try:
            s.check(value)
        except KoratError as e:
            warnings.append(f"{s.key}: {e.message('en')}")
    return value, warnings


def _edit(text: str, key: str, line: str | None) -> str:
    """``text`` with ``key`` set to ``line`` (None: the key's active line removed)."""
    section, name = key.split(".", 1)
    lines = text.splitlines()
    current = None
    sec_end: int | None = None  # index after the last line of our section
    active = commented = None
    pattern = re.compile(rf"^\s*{re.escape(name)}\s*=")
    commented_pattern = re.compile(rf"^\s*#\s*{re.escape(name)}\s*=")
    for i, raw in enumerate(lines):
        m = _SECTION.match(raw)
        if m:
            current = m.group(1).strip()
            if current == section:
                sec_end = i + 1
            continue
        if current != section:
            continue
        sec_end = i + 1
        if active is None and pattern.match(raw):
            active = i
        elif commented is None and commented_pattern.match(raw):
            commented = i
    if line is None:
        if active is not None:
            del lines[active]
    elif active is not None:
        lines[active] = line
    elif commented is not None:
        lines.insert(commented + 1, line)
    elif sec_end is not None:
        lines.insert(sec_end, line)
    else:
        lines += ["", f"[{section}]", line]
    return "\n".join(lines) + "\n"


def set_machine_value(path: Path, key: str, text: str) -> list[str]:
    """Set ``key`` to the typed ``text`` in the TOML file ``path`` (created when missing);
    an empty text unsets it. Returns warnings about the value (written all the same)."""
    s = setting(key)
    warnings: list[str] = []
    if text == "" and s.type is not str:
        line = None
    else:
        value, warnings = _parse(s, text)
        line = f"{key.split('.', 1)[1]} = {_toml_value(value)}"
    try:
        old = path.read_text(encoding="utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError("config.unreadable", file=str(path), detail=str(e)) from e
    new = _edit(old, key, line)
    import tomllib

    try:
        tomllib.loads(new)
    except tomllib.TOMLDecodeError as e:  # the file was broken before: leave it be
        raise ConfigError("config.malformed", file=str(path), detail=str(e)) from e
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_file(path, new.encode("utf-8"), mode=0o644)
    except (OSError, FileError) as e:
        raise ConfigError("config.unwritable", file=str(path), detail=str(e)) from e
    return warnings
