"""The language of ``korat``'s help and usage errors: ``--lang``, else ``ui.language``.

argparse builds its own words (``usage:``, ``options:``, "show this help message",
its errors) through ``gettext`` looked up in its module at call time, which is how it
is meant to be translated; :func:`use_language` points those look-ups at our Thai
(``help_th.ARGPARSE_TH``). The commands' own help is declared once, in English, and
:func:`translate_parser` swaps in the Thai of ``help_th.HELP_TH``. Both happen before
parsing, so ``--help`` and usage errors come out in the chosen language.
"""

from __future__ import annotations

import argparse
import gettext
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from korat_desktop.cli.help_th import ARGPARSE_TH, HELP_TH

__all__ = ["argv_language", "translate_parser", "use_language"]

LANGS = ("th", "en")


def argv_language(argv: Sequence[str]) -> str:
    """``--lang`` as given on the command line, else the configured ``ui.language``
    (of ``--data-dir`` when given), else Thai: what the user will read, decided before
    the parser exists."""
    data_dir: str | None = None
    args = list(argv)
    for i, arg in enumerate(args):
        if arg == "--":
            break
        value = None
        for name in ("--lang", "--data-dir"):
            if arg == name and i + 1 < len(args):
                value = (name, args[i + 1])
            elif arg.startswith(name + "="):
                value = (name, arg.split("=", 1)[1])
        if value is None:
            continue
        if value[0] == "--lang" and value[1] in LANGS:
            return value[1]
        if value[0] == "--data-dir":
            data_dir = value[1]
    try:
        from korat_desktop.config import load_config

        lang = load_config(Path(data_dir) if data_dir else None)["ui.language"]
    except Exception:  # a broken config is reported by the command; help stays Thai
        return "th"
    return str(lang) if lang in LANGS else "th"


def _thai_gettext(message: str) -> str:
    return ARGPARSE_TH.get(message, message)


def _thai_ngettext(singular: str, plural: str, n: int) -> str:
    return ARGPARSE_TH.get(singular if n == 1 else plural, singular if n == 1 else plural)


@contextmanager
def use_language(lang: str) -> Iterator[None]:
    """argparse's own words in ``lang`` while building and parsing (restored after, so
    a test that runs ``korat`` in its own process leaves argparse as it found it)."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    if lang == "th":
        argparse._ = _thai_gettext  # type: ignore[attr-defined]
        argparse.ngettext = _thai_ngettext  # type: ignore[attr-defined]
    else:
        argparse._ = gettext.gettext  # type: ignore[attr-defined]
        argparse.ngettext = gettext.ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def _thai(text: str | None) -> str | None:
    if not text or text is argparse.SUPPRESS:
        return text
    return HELP_TH.get(text, ARGPARSE_TH.get(text, text))


def translate_parser(parser: argparse.ArgumentParser, lang: str) -> None:
    """Swap every help text of ``parser`` and its subcommands for ``lang``'s."""
    if lang != "th":
        return
    seen: set[int] = set()

    def walk(p: argparse.ArgumentParser) -> None:
        if id(p) in seen:
            return
        seen.add(id(p))
        p.description = _thai(p.description)
        p.epilog = _thai(p.epilog)
        for action in p._actions:
            action.help = _thai(action.help)
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    choice.help = _thai(choice.help)
                for sub in action.choices.values():
                    walk(sub)

    walk(parser)
