"""What every diagnostics zip must hold and must not (the CLI's and the window's)."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterable
from pathlib import Path

__all__ = ["LETTER_MARKER", "PASSWORD", "PIN", "SUBJECT_MARKER", "CORE_MEMBERS",
           "assert_no_secret", "zip_members"]

PASSWORD = "Planted-Passw0rd-7731"
PIN = "pin-planted-4711"
LETTER_MARKER = "MARKERINSIDETHELETTER"
SUBJECT_MARKER = "เรื่องลับเฉพาะSUBJECTMARKER"
CORE_MEMBERS = frozenset({"README.txt", "summary.json", "config.json", "check.json",
                          "sync.json", "pkcs11.json"})


def zip_members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def assert_no_secret(path: Path, secrets: Iterable[str]) -> None:
    """None of ``secrets`` in the zip's raw bytes or in any member, in plain UTF-8 or
    as JSON escapes it (an outbox body is ASCII-escaped JSON)."""
    everything = [path.read_bytes(), *zip_members(path).values()]
    for secret in secrets:
        for form in {secret.encode(), json.dumps(secret).strip('"').encode()}:
            for blob in everything:
                assert form not in blob, secret
