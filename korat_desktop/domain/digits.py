"""Thai digits (๐–๙, U+0E50–U+0E59) and ASCII digits.

We store ASCII digits, render Thai digits where the agency wants them, and fold both
forms to ASCII before searching so "๑๒๓" finds "123" and the reverse.
"""

from __future__ import annotations

__all__ = ["to_thai_digits", "to_ascii_digits", "fold_digits"]

_THAI = "๐๑๒๓๔๕๖๗๘๙"
_TO_THAI = str.maketrans("0123456789", _THAI)
_TO_ASCII = str.maketrans(_THAI, "0123456789")


def to_thai_digits(text: str) -> str:
    return text.translate(_TO_THAI)


def to_ascii_digits(text: str) -> str:
    return text.translate(_TO_ASCII)


def fold_digits(text: str) -> str:
    """The search form: Thai digits folded to ASCII."""
    return text.translate(_TO_ASCII)
