"""Signing commands: tokens, sign, sign-file, verify, upgrade, upgrade-file.

Only the parser lives here; the handlers (and pyHanko behind them) load in
``signing_commands`` when a signing command actually runs, so every other ``korat``
command starts half a second sooner.
"""

from __future__ import annotations

import argparse
from typing import Any

from korat_desktop.cli.context import lazy_handler

__all__ = ["register", "signer_identity_options"]

_COMMANDS = "korat_desktop.cli.signing_commands"


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("tokens", parents=[common], help="list signing tokens and certificates")
    p.add_argument("--pkcs11-module", metavar="PATH", help="use this PKCS#11 module only")
    p.set_defaults(handler=lazy_handler(_COMMANDS, "cmd_tokens"))

    p = sub.add_parser("sign-file", parents=[common], help="sign a PDF file (PAdES B-B)")
    p.add_argument("input", metavar="IN.pdf")
    p.add_argument("-o", "--output", metavar="OUT.pdf", required=True)
    _signer_options(p)
    p.set_defaults(handler=lazy_handler(_COMMANDS, "cmd_sign_file"))

    p = sub.add_parser("verify", parents=[common],
                       help="validate the signatures of a register entry or a PDF file")
    p.add_argument("file", metavar="ID|FILE.pdf",
                   help="a PDF file, or a register entry id (its latest version)")
    p.add_argument("--trust-root", metavar="PEM", action="append", default=[])
    p.add_argument("--offline", action="store_true", help="use embedded revocation data only")
    p.set_defaults(handler=lazy_handler(_COMMANDS, "cmd_verify"))

    p = sub.add_parser("sign", parents=[common],
                       help="sign register entries' PDFs (PAdES B-B, one PIN for all)")
    p.add_argument("ids", metavar="ID", type=int, nargs="+", help="register entry ids")
    _signer_options(p)
    p.set_defaults(handler=lazy_handler(_COMMANDS, "cmd_sign"))

    p = sub.add_parser("upgrade", parents=[common],
                       help="upgrade stored signatures towards signing.target_level")
    p.add_argument("--once", action="store_true",
                   help="one pass; otherwise retry network failures with backoff")
    p.add_argument("--max-passes", type=int, default=5, metavar="N",
                   help="passes at most without --once (default 5)")
    p.add_argument("--tsa-url", metavar="URL", help="timestamp authority (default: config)")
    p.add_argument("--level", metavar="LEVEL", help="target level (default: config)")
    p.add_argument("--trust-root", metavar="PEM", action="append", default=[])
    p.set_defaults(handler=lazy_handler(_COMMANDS, "cmd_upgrade"))

    p = sub.add_parser("upgrade-file", parents=[common],
                       help="add timestamp and revocation data (B-T, B-LT, B-LTA)")
    p.add_argument("input", metavar="IN.pdf")
    p.add_argument("-o", "--output", metavar="OUT.pdf", required=True)
    p.add_argument("--tsa-url", metavar="URL")
    p.add_argument("--level", default=None, metavar="LEVEL",
                   help="b-t, b-lt or b-lta (default: signing.target_level)")
    p.add_argument("--trust-root", metavar="PEM", action="append", default=[])
    p.set_defaults(handler=lazy_handler(_COMMANDS, "cmd_upgrade_file"))


def signer_identity_options(p: argparse.ArgumentParser) -> None:
    """Who signs (a token's certificate, or a PKCS#12 file) and where the PIN comes
    from: the same for every command that signs (``sign``, ``keys export``...)."""
    p.add_argument("--token-label", metavar="LABEL")
    p.add_argument("--token-serial", metavar="SERIAL")
    p.add_argument("--cert-label", metavar="LABEL")
    p.add_argument("--cert-id", metavar="HEX")
    p.add_argument("--pkcs11-module", metavar="PATH")
    p.add_argument("--pkcs12", metavar="FILE", help="sign with a .p12/.pfx file instead")
    p.add_argument("--pin-stdin", action="store_true", help="read the PIN/password from stdin")


def _signer_options(p: argparse.ArgumentParser) -> None:
    """Who signs and how the stamp looks: the same for files and register entries."""
    signer_identity_options(p)
    p.add_argument("--page", type=int, metavar="N", help="page for the stamp (default: last)")
    p.add_argument("--box", metavar="x1,y1,x2,y2", help="stamp rectangle in PDF points")
    p.add_argument("--invisible", action="store_true", help="no visible stamp")
    p.add_argument("--reason", metavar="TEXT")
    p.add_argument("--location", metavar="TEXT")
    p.add_argument("--name", metavar="NAME", help="name on the stamp (default: certificate)")
    p.add_argument("--position", metavar="POS", help="position (ตำแหน่ง) on the stamp")
    p.add_argument("--certify", action="store_true", help="certifying signature (DocMDP)")
