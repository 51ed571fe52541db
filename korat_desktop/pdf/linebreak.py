"""Line wrapping for Thai and mixed Thai/Latin text without a dictionary.

Thai has no spaces between words and a line may only break between syllables, never
between a consonant and its vowel or tone marks. Without a word dictionary (ICU or
PyThaiNLP would be a heavy dependency for a table cell) we prefer, in order: spaces,
the boundaries of known words (thai_words.py, longest match), before a leading vowel
(เ แ โ ใ ไ) and around digits and Latin; then after ะ ำ ๆ ฯ (syllable ends that may
fall inside a word); and only when a whole stretch has none of these, any boundary
between character clusters (never between a consonant and its marks).
"""

from __future__ import annotations

from korat_desktop.pdf.fonts import Font
from korat_desktop.pdf.thai_words import MAX_WORD_LEN, WORDS

__all__ = ["break_opportunities", "wrap"]

_LEADING_VOWELS = frozenset("เแโใไ")
_SYLLABLE_ENDERS = frozenset("ะำๆฯ")


def _is_thai(ch: str) -> bool:
    return "\u0e00" <= ch <= "\u0e7f"


def _word_bounds(text: str) -> tuple[set[int], set[int]]:
    """(boundaries of known words, positions strictly inside them), longest match."""
    bounds: set[int] = set()
    inside: set[int] = set()
    i, n = 0, len(text)
    while i < n:
        if _is_thai(text[i]):
            for length in range(min(MAX_WORD_LEN, n - i), 1, -1):
                if text[i : i + length] in WORDS:
                    bounds.add(i)
                    bounds.add(i + length)
                    inside.update(range(i + 1, i + length))
                    i += length
                    break
            else:
                i += 1
        else:
            i += 1
    return bounds, inside


def break_opportunities(text: str) -> tuple[list[int], list[int]]:
    """Where a line may end before ``text[i]``: (preferred, syllable-only) indexes."""
    words, inside = _word_bounds(text)
    good: list[int] = []
    weak: list[int] = []
    for i in range(1, len(text)):
        prev, ch = text[i - 1], text[i]
        if prev == " " and ch != " ":
            good.append(i)
        elif ch == " " or i in inside:
            continue
        elif i in words or ch in _LEADING_VOWELS or (prev in "/-,;)" and ch != prev) or (
            _is_thai(prev) != _is_thai(ch) and ch not in ".,)/-"
        ):
            good.append(i)
        elif prev in _SYLLABLE_ENDERS:
            weak.append(i)
    return good, weak


def wrap(font: Font, text: str, size: float, max_width: float) -> list[str]:
    """Split ``text`` into lines no wider than ``max_width`` points (where possible).

    Explicit newlines are kept. A line that cannot be broken at a syllable boundary is
    broken between character clusters so it never overflows its box.
    """
    lines: list[str] = []
    for para in text.split("\n"):
        lines.extend(_wrap_paragraph(font, para.strip(), size, max_width))
    return lines or [""]


def _wrap_paragraph(font: Font, text: str, size: float, max_width: float) -> list[str]:
    if not text:
        return [""]
    limit = max_width * font.upem / size
    run = font.shape(text)
    if run.width <= limit:
        return [text]
    advances = [0] * (len(text) + 1)
    starts = [False] * (len(text) + 1)
    for cluster, adv in zip(run.clusters, run.x_advances, strict=True):
        advances[cluster] += adv
        starts[cluster] = True
    starts[len(text)] = True
    prefix = [0] * (len(text) + 1)
    for i in range(len(text)):
        prefix[i + 1] = prefix[i] + advances[i]
    good, weak = break_opportunities(text)
    soft = [i for i in good if starts[i]]
    syllable = sorted({i for i in good + weak if starts[i]})
    hard = [i for i in range(1, len(text)) if starts[i]]

    lines: list[str] = []
    start = 0
    while start < len(text):
        if prefix[len(text)] - prefix[start] <= limit:
            lines.append(text[start:].strip())
            break
        end = _last_fit(soft, prefix, start, limit, text)
        if end is None:
            end = _last_fit(syllable, prefix, start, limit, text)
        if end is None:
            end = _last_fit(hard, prefix, start, limit, text)
        if end is None:  # a single cluster wider than the box: take it anyway
            end = next((i for i in hard if i > start), len(text))
        lines.append(text[start:end].rstrip())
        start = end
        while start < len(text) and text[start] == " ":
            start += 1
    return [line for line in lines if line] or [""]


def _last_fit(points: list[int], prefix: list[int], start: int, limit: float,
              text: str) -> int | None:
    best = None
    for i in points:
        if i <= start:
            continue
        # trailing spaces hang into the margin
        j = i
        while j > start and text[j - 1] == " ":
            j -= 1
        if prefix[j] - prefix[start] > limit:
            break
        best = i
    return best
