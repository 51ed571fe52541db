"""What ``korat-desktop`` was asked to do on its command line."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

__all__ = ["StartOptions", "parse_start_options"]


@dataclass(frozen=True)
class StartOptions:
    data_dir: Path | None = None
    lang: str | None = None  # None: the ui.language setting
    demo: bool = False
    files: tuple[Path, ...] = ()  # PDFs to receive


def parse_start_options(argv: list[str] | None = None) -> StartOptions:
    """Parse ``korat-desktop``'s options; its help and usage errors in the language the
    window will use (``--lang``, else the ``ui.language`` setting), like ``korat``'s."""
    import sys

    from korat_desktop.cli.help_language import argv_language, use_language

    lang = argv_language(sys.argv[1:] if argv is None else argv)
    with use_language(lang):
        return _parse(argv, lang)


def _parse(argv: list[str] | None, lang: str) -> StartOptions:
    from korat_desktop.cli.help_language import translate_parser

    parser = argparse.ArgumentParser(
        prog="korat-desktop",
        description="Korat Desktop: registers, signing and sync for Thai official letters.")
    parser.add_argument("--data-dir", type=Path, metavar="DIR",
                        help="keep all data in DIR (default: your user data folder)")
    parser.add_argument("--lang", choices=("th", "en"),
                        help="interface language (default: the ui.language setting, Thai)")
    parser.add_argument("--demo", action="store_true",
                        help="a demo office with sample letters and a test signing token")
    parser.add_argument("files", nargs="*", type=Path, metavar="LETTER.pdf",
                        help="PDF letters to register as received")
    translate_parser(parser, lang)
    args = parser.parse_args(argv)
    data_dir = args.data_dir
    if args.demo and data_dir is None:
        import platformdirs

        data_dir = Path(platformdirs.user_data_dir("korat-desktop-demo", appauthor=False))
    return StartOptions(data_dir=data_dir.expanduser().absolute() if data_dir else None,
                        lang=args.lang, demo=args.demo,
                        files=tuple(p.expanduser().absolute() for p in args.files))
