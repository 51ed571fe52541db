"""Entry point of ``korat``: builds the parser from the command modules and runs one."""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys
from collections.abc import Sequence

from korat_desktop.cli.context import CliContext, Output, dumps
from korat_desktop.cli.help_language import argv_language, translate_parser, use_language
from korat_desktop.errors import KoratError, UsageError
from korat_desktop.updates.versions import installed_version

__all__ = ["main", "build_parser"]

# Each module has register(subparsers, common). All of them are part of the product:
# one that fails to import is an error that must surface, never a command that vanishes.
_COMMAND_MODULES = (
    "korat_desktop.cli.registers",
    "korat_desktop.cli.intake",
    "korat_desktop.cli.ocr",
    "korat_desktop.cli.printing",
    "korat_desktop.cli.admin",
    "korat_desktop.cli.signing",
    "korat_desktop.cli.sync",
    "korat_desktop.cli.demo",
    "korat_desktop.cli.drafts",
    "korat_desktop.cli.diagnostics",
    "korat_desktop.cli.courier",
    "korat_desktop.cli.keys",
    "korat_desktop.cli.updates",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"korat: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser(lang: str = "en") -> argparse.ArgumentParser:
    """The whole ``korat`` parser; ``lang`` "th": its help in Thai (argparse's own
    words follow :func:`help_language.use_language`, called before this)."""
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: a value given before the command must survive the subcommand's parser.
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help="use DIR for all data (tests, portable)")
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help="machine-readable output")
    common.add_argument("--lang", choices=("th", "en"), default=argparse.SUPPRESS,
                        help="language of messages")
    parser = _Parser(prog="korat", description="Korat Desktop command line",
                     parents=[common])
    parser.add_argument("--version", action="version", version=f"korat {installed_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name in _COMMAND_MODULES:
        importlib.import_module(name).register(sub, common)
    translate_parser(parser, lang)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    lang = argv_language(sys.argv[1:] if argv is None else argv)
    with use_language(lang):
        parser = build_parser(lang)
        args = parser.parse_args(argv)
    ctx = CliContext(args)
    _start_log(ctx)
    log = logging.getLogger("korat_desktop.cli")
    try:
        out: Output = args.handler(ctx)
    except UsageError as e:
        log.info("korat %s: bad usage [%s]", args.command, e.code)
        _report(ctx, e)
        return 2
    except KoratError as e:
        log.warning("korat %s failed [%s]", args.command, e.code)
        _report(ctx, e)
        return 1
    except KeyboardInterrupt:
        log.info("korat %s interrupted", args.command)
        print("korat: interrupted", file=sys.stderr)
        return 130
    finally:
        ctx.close()
    log.info("korat %s: exit %d", args.command, out.exit_code)
    summary = sys.stderr if out.stdout_taken else sys.stdout
    if ctx.json:
        print(dumps(out.data), file=summary)
    elif out.text:
        print(out.text, file=summary)
    return out.exit_code


def _start_log(ctx: CliContext) -> None:
    """Rotating ``korat.log`` in the data folder's logs/ (a bad config: the defaults)."""
    from korat_desktop.logs import start_logging

    try:
        config = ctx.config
    except KoratError:
        return
    start_logging(config, config.paths.log_dir, "korat")


def _report(ctx: CliContext, e: KoratError) -> None:
    lang = ctx.lang
    if ctx.json:
        print(json.dumps({"error": e.as_dict(lang)}, ensure_ascii=False), file=sys.stderr)
    else:
        print(f"korat: {e.message(lang)} [{e.code}]", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
