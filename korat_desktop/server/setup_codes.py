"""One-time setup codes: how an imported account gets its first password.

Bulk provisioning never puts passwords in files. Each imported account gets a random
code (128 bits, Crockford base32 in groups so it can be read out over the phone) that
IT hands to the person; the first sign-in with it sets the password and spends it.

Only the code's SHA-256 is stored. A fast hash is the right tool here and scrypt the
wrong one: slow password hashes exist because people choose passwords from a small
space that a GPU can walk through; a 128-bit random code has no such space (2^128
guesses at any speed), so hashing it slowly buys nothing, while scrypt at interactive
cost (~50 ms) would make importing 15,219 accounts take over twelve minutes. The
SHA-256 is also what makes the lookup an index probe.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

__all__ = ["DEFAULT_VALID_DAYS", "NO_PASSWORD", "SetupCode", "code_digest", "new_setup_code",
           "normalize"]

DEFAULT_VALID_DAYS = 14
NO_PASSWORD = "!setup-code"
"""``users.password_hash`` of an account whose password is still to be set: not a hash
any password verifies against (:func:`~korat_desktop.server.passwords.verify_password`
refuses a malformed value)."""

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
_TYPO = str.maketrans({"O": "0", "I": "1", "L": "1"})
_GROUPS = (5, 5, 5, 5, 6)  # 26 characters: 130 bits of room for 128 random ones


@dataclass(frozen=True)
class SetupCode:
    text: str
    """As handed out: ``7K3QD-...``; shown once, never stored."""
    digest: str
    expires_at: dt.datetime


def normalize(code: str) -> str:
    """What the person typed, as the alphabet spells it (case, dashes, spaces and the
    letters people confuse with digits do not matter)."""
    return code.upper().replace("-", "").replace(" ", "").translate(_TYPO)


def code_digest(code: str) -> str:
    return hashlib.sha256(normalize(code).encode("ascii", "replace")).hexdigest()


def new_setup_code(now: dt.datetime, valid_days: int = DEFAULT_VALID_DAYS) -> SetupCode:
    value = int.from_bytes(secrets.token_bytes(16), "big")
    chars = []
    for _ in range(sum(_GROUPS)):
        value, digit = divmod(value, 32)
        chars.append(_ALPHABET[digit])
    flat, groups, at = "".join(chars), [], 0
    for size in _GROUPS:
        groups.append(flat[at:at + size])
        at += size
    text = "-".join(groups)
    return SetupCode(text, code_digest(text), now + dt.timedelta(days=valid_days))
