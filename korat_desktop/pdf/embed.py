"""Turning shaped glyph runs into PDF text operators and an embedded Type 0 font.

Each distinct (glyph, text it stands for, advance) gets its own CID, numbered from 1 in
order of first use. That lets one glyph map back to different text in different
places (the first glyph of ``สำ`` maps to "สำ", a plain ``ส`` to "ส"), so text
extraction and search see exactly the string we shaped, and the CID space stays small.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

from korat_desktop.pdf.fonts import Font, GlyphRun

__all__ = ["FontParts", "FontUsage", "deflate", "fmt"]


def fmt(value: float) -> str:
    """A compact PDF number (no exponent, at most 3 decimals)."""
    if value == int(value):
        return str(int(value))
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


@dataclass(frozen=True)
class FontParts:
    """Everything a writer needs to embed one font, independent of the PDF library."""

    base_font: str  # with the subset tag, e.g. "KORATA+Sarabun-Regular"
    font_file: bytes  # TrueType program (uncompressed)
    widths: tuple[int, ...]  # advance of CID 1, 2, ... (thousandths of an em)
    cid_to_gid: bytes  # CIDToGIDMap stream data (uncompressed)
    to_unicode: bytes  # ToUnicode CMap stream data (uncompressed)
    flags: int
    bbox: tuple[int, int, int, int]
    ascent: int
    descent: int
    cap_height: int
    italic_angle: float


class FontUsage:
    """The glyphs one document (or one stamp) uses from one font."""

    def __init__(self, font: Font, tag: str = "KORATA") -> None:
        self.font = font
        self.tag = tag
        self._cids: dict[tuple[int, str, int], int] = {}
        self._gids: list[int] = [0]
        self._texts: list[str] = [""]
        self._widths: list[int] = [0]
        self._scale = 1000 / font.upem

    def _cid(self, gid: int, text: str, width: int) -> int:
        key = (gid, text, width)
        cid = self._cids.get(key)
        if cid is None:
            cid = len(self._gids)
            if cid > 0xFFFF:
                raise ValueError("too many distinct glyphs for one font")
            self._cids[key] = cid
            self._gids.append(gid)
            self._texts.append(text)
            self._widths.append(width)
        return cid

    def show(self, run: GlyphRun, size: float) -> str:
        """Text-showing operators for ``run`` (set at ``size`` pt) at the text position.

        HarfBuzz's advance for a glyph (minus its x offset) becomes that CID's /W width,
        so the pen lands where HarfBuzz wants it with no TJ adjustment after the glyph.
        Text extractors read a negative TJ adjustment as a word gap; with this scheme
        the only adjustments are the (positive, leftward) offsets of marks. Vertical mark
        offsets use the text rise.
        """
        scale = self._scale
        parts: list[str] = []
        items: list[str] = []
        hexes: list[str] = []
        pending = 0.0  # TJ adjustment (thousandths of an em; positive moves left)

        def flush_tj() -> None:
            if hexes:
                items.append("<" + "".join(hexes) + ">")
                hexes.clear()
            if items:
                parts.append("[" + " ".join(items) + "]TJ")
                items.clear()

        for gid, text, adv, xo, yo in zip(run.gids, run.texts, run.x_advances,
                                          run.x_offsets, run.y_offsets, strict=True):
            pending -= xo * scale
            target = (adv - xo) * scale
            width = max(round(target), 0)
            cid = self._cid(gid, text, width)
            if yo:
                flush_tj()
                parts.append(f"{fmt(round(yo * size / self.font.upem, 3))} Ts")
            if abs(pending) >= 0.5:
                if hexes:
                    items.append("<" + "".join(hexes) + ">")
                    hexes.clear()
                items.append(fmt(round(pending, 1)))
                pending = 0.0
            hexes.append(f"{cid:04X}")
            pending -= target - width  # rounding residue, or a clipped negative width
            if yo:
                flush_tj()
                parts.append("0 Ts")
        flush_tj()
        return " ".join(parts)

    def parts(self) -> FontParts:
        """Subset and describe the font for embedding (call once, after all ``show``)."""
        font = self.font
        scale = self._scale
        gids = self._gids
        cid_to_gid = struct.pack(f">{len(gids)}H", *gids)
        return FontParts(
            base_font=f"{self.tag}+{font.postscript_name}",
            font_file=font.subset(set(gids)),
            widths=tuple(self._widths[1:]),
            cid_to_gid=cid_to_gid,
            to_unicode=_to_unicode_cmap(self._texts),
            flags=4,
            bbox=(round(font.bbox[0] * scale), round(font.bbox[1] * scale),
                  round(font.bbox[2] * scale), round(font.bbox[3] * scale)),
            ascent=round(font.ascent * scale),
            descent=round(font.descent * scale),
            cap_height=round(font.cap_height * scale),
            italic_angle=font.italic_angle,
        )


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def _to_unicode_cmap(texts: list[str]) -> bytes:
    entries = [(cid, t) for cid, t in enumerate(texts) if cid and t]
    empties = [cid for cid, t in enumerate(texts) if cid and not t]
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<0000> <FFFF>",
        "endcodespacerange",
    ]
    mapped = [(cid, _utf16_hex(t)) for cid, t in entries] + [(cid, "") for cid in empties]
    mapped.sort()
    for start in range(0, len(mapped), 100):
        chunk = mapped[start : start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines.extend(f"<{cid:04X}> <{hx}>" for cid, hx in chunk)
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode("ascii")


def deflate(data: bytes) -> bytes:
    """zlib at a level that keeps small documents fast to build."""
    return zlib.compress(data, 6)
