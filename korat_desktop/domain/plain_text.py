"""Text that can be stored: valid Unicode without control characters.

Python strings can hold what UTF-8 (and so SQLite) cannot: lone surrogates, from a
PDF font's ToUnicode map pointing at U+D800, or from a command-line argument whose
bytes are not UTF-8 (Python keeps them as U+DC80..U+DCFF, "surrogateescape"). NULs
and other control characters are valid but invisible, break FTS5 tokens and make a
register entry look like something other than what it holds.

Two uses, one definition of "bad": text we derive (a PDF's words for the search
index) is cleaned with :func:`clean_text`; text a person typed or a sender wrote
into the register is checked with :func:`bad_character` and refused, because the
register is a record and must hold exactly what was entered.
"""

from __future__ import annotations

import re

__all__ = ["clean_text", "bad_character"]

# C0 controls except tab, newline and carriage return; DEL and the C1 controls.
_CONTROLS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_BAD = re.compile(f"[{_CONTROLS}\ud800-\udfff]")
_CONTROL = re.compile(f"[{_CONTROLS}]")


def clean_text(text: str) -> str:
    """``text`` with surrogate pairs joined, lone surrogates as U+FFFD, NULs dropped
    and other control characters turned into spaces."""
    if _BAD.search(text) is None:
        return text
    # utf-16 round trip: a well-formed pair becomes its character, a lone half U+FFFD.
    text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return _CONTROL.sub(" ", text.replace("\x00", ""))


def bad_character(text: str) -> str | None:
    """The first character that cannot be stored as typed, as ``U+XXXX``; None if none."""
    found = _BAD.search(text)
    return None if found is None else f"U+{ord(found.group()):04X}"
