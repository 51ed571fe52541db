"""A PDF's text for the search index.

Indexing runs in the background over every stored document, so it must never raise:
anything unreadable yields less text, not an error. Stamp and free-text annotations
are included, because on signed documents the receipt stamp is an annotation (see
receipt_stamp.py) and staff search by receive number.

The text comes from the sender's fonts (their ToUnicode maps), so it can hold what no
database can store: lone surrogates, NULs, control characters. It is cleaned here, at
the edge, so everything downstream gets storable text.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from typing import Any

from korat_desktop.domain.plain_text import clean_text

__all__ = ["extract_text", "normalise_text"]

log = logging.getLogger(__name__)

_MAX_PAGES = 2000
_ANNOT_SUBTYPES = ("/Stamp", "/FreeText")


def extract_text(data: bytes, max_chars: int = 200_000) -> str:
    """Page text (then stamp annotation text) in reading order, NFC, at most ``max_chars``,
    cleaned of what cannot be stored (see :mod:`korat_desktop.domain.plain_text`).

    Returns "" for anything that is not a readable, unencrypted PDF.
    """
    try:
        import pypdf

        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    return ""
            except Exception:
                return ""
        out: list[str] = []
        total = 0
        for index, page in enumerate(reader.pages):
            if index >= _MAX_PAGES or total >= max_chars:
                break
            for chunk in (_page_text(page), _annotation_text(page)):
                if chunk:
                    out.append(chunk)
                    total += len(chunk) + 1
        return normalise_text("\n".join(out))[:max_chars]
    except Exception as e:  # never let a hostile file break indexing
        log.debug("text extraction failed: %s", e)
        return ""


# A tone mark before the vowel above or below its consonant (เร่ือง for เรื่อง): how some
# fonts' glyph order comes back; Thai is typed vowel first, and NFC does not reorder them.
_TONE_BEFORE_VOWEL = re.compile("([\u0e48-\u0e4b])([\u0e31\u0e34-\u0e3a\u0e47])")


def normalise_text(text: str) -> str:
    """Text from a PDF or from OCR as the index and intake need it: storable, NFC, and
    Thai in typing order."""
    return _thai_typing_order(unicodedata.normalize("NFC", clean_text(text)))


def _thai_typing_order(text: str) -> str:
    """Thai as it is typed, so search and intake find what the letter says: many Thai
    fonts map sara am (ำ) back to nikhahit + sara aa (ํา), which NFC keeps apart ("กำหนด"
    would never find "กําหนด"), and some return a tone mark before its vowel."""
    return _TONE_BEFORE_VOWEL.sub(r"\2\1", text.replace("\u0e4d\u0e32", "\u0e33"))


def _page_text(page: Any) -> str:
    try:
        return str(page.extract_text() or "").strip()
    except Exception as e:
        log.debug("page text failed: %s", e)
        return ""


def _annotation_text(page: Any) -> str:
    try:
        annots = page.get("/Annots")
        if annots is None:
            return ""
        parts = []
        for ref in annots.get_object()[:200]:
            annot = ref.get_object()
            if annot.get("/Subtype") not in _ANNOT_SUBTYPES:
                continue
            contents = annot.get("/Contents")
            ap = annot.get("/AP")
            normal = ap.get_object().get("/N") if ap is not None else None
            text = ""
            if normal is not None and hasattr(normal.get_object(), "get_data"):
                text = page.extract_xform_text(normal.get_object(), (0,), 200.0, None)
            if not text.strip() and contents:
                text = str(contents)
            if text.strip():
                parts.append(text.strip())
        return "\n".join(parts)
    except Exception as e:
        log.debug("annotation text failed: %s", e)
        return ""
