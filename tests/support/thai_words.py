"""Finds English in text a Thai user reads: Latin words outside a short allow-list.

Allowed: what Thai offices write in Latin letters themselves (PDF, PKCS#11, key names
printed on the keyboard, the product's and the font's names, units of size), URLs,
file names and paths (they are the user's data), and numbers. Everything else in
Latin letters is a word somebody forgot to translate.
"""

from __future__ import annotations

import re

__all__ = ["ALLOWED_WORDS", "foreign_words"]

ALLOWED_WORDS = frozenset({
    # formats, standards and acronyms Thai IT and clerks use as they are
    "PDF", "PKCS", "PIN", "USB", "OCR", "TSA", "CA", "CSV", "ZIP", "OK",
    # keys, as printed on the keyboard
    "Ctrl", "Shift", "Alt", "Enter", "Tab", "Esc", "Del", "Delete", "Home", "End",
    "PgUp", "PgDown", "Space", "Backspace", "Return", "Ins",
    # names: the product, its font, the other language in the language list
    "Korat", "Desktop", "Sarabun", "English",
    # sizes
    "KB", "MB", "GB", "kB",
})

_KEY = re.compile(r"^F\d{1,2}$")
_SHORTCUT = re.compile(r"\b(?:(?:Ctrl|Shift|Alt|Meta)\+)+(?:[A-Za-z0-9]+\b|\S)")
_MARKUP = re.compile(r"<[^>]+>|&[a-z]+;")
_MNEMONIC = re.compile(r"\(&\w\)|&(?=\w)")  # Thai Qt's "เปิด (&O)": the key to press
_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+|\bwww\.\S+|\S+@\S+\.\S+")
_PATH = re.compile(r"\S*[/\\]\S*|\S*\.(?:pdf|korat|korat-dir|zip|toml|p12|pfx|pem|der|crt|"
                   r"log|txt|csv|json|so|dll|sqlite3|qm|ts)\b", re.IGNORECASE)
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*")


def foreign_words(text: str, also_allowed: frozenset[str] = frozenset()) -> list[str]:
    """The Latin words of ``text`` that are not allowed (empty: Thai enough);
    ``also_allowed``: data of the run in Latin letters (a login name)."""
    text = _MARKUP.sub(" ", text)
    text = _MNEMONIC.sub(" ", text)
    text = _SHORTCUT.sub(" ", text)
    text = _URL.sub(" ", text)
    text = _PATH.sub(" ", text)
    return [word for word in _LATIN.findall(text)
            if word not in ALLOWED_WORDS and word not in also_allowed
            and not _KEY.match(word)]
