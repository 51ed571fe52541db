"""The embedded Thai font: loading, HarfBuzz shaping and a fast TrueType subsetter.

Thai needs real shaping: tone marks drop when there is no upper vowel (ปี่ vs ป่),
tall consonants push marks left, ญ/ฐ lose their tails above a lower vowel, and ำ is
split into nikhahit + sara aa. HarfBuzz does all of that; we only place its glyphs.

We subset ourselves instead of calling fontTools' subsetter because a letter or a stamp
must be built in a few milliseconds: Sarabun has no hinting programs, so copying the
raw ``glyf`` records of the glyphs used (keeping glyph ids) is all a subset needs.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass
from functools import cache

import uharfbuzz as hb
from fontTools.ttLib import TTFont

from korat_desktop.resources import thai_font_path

__all__ = ["Font", "GlyphRun", "load_font"]

_RUN_CACHE_SIZE = 4096


@dataclass(frozen=True)
class GlyphRun:
    """Shaped text: glyph ids, what each glyph stands for, and positions (font units).

    ``texts[i]`` is the text glyph ``i`` maps back to when a reader extracts text;
    concatenated in order they give the original string exactly (see ``Font.shape``).
    """

    text: str
    gids: tuple[int, ...]
    clusters: tuple[int, ...]
    texts: tuple[str, ...]
    x_advances: tuple[int, ...]
    x_offsets: tuple[int, ...]
    y_offsets: tuple[int, ...]
    width: int


class Font:
    """One TrueType font file, shaped with HarfBuzz and subset on demand."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self._subsets: dict[frozenset[int], bytes] = {}
        self._hb_font = hb.Font(hb.Face(hb.Blob(data)))
        tt = TTFont(io.BytesIO(data), lazy=True)
        head = tt["head"]
        hhea = tt["hhea"]
        os2 = tt["OS/2"]
        self.upem: int = head.unitsPerEm
        self.ascent: int = hhea.ascent
        self.descent: int = hhea.descent
        self.cap_height: int = getattr(os2, "sCapHeight", 0) or int(0.7 * self.upem)
        self.bbox = (head.xMin, head.yMin, head.xMax, head.yMax)
        self.italic_angle = float(tt["post"].italicAngle)
        self.postscript_name = str(tt["name"].getDebugName(6) or "ThaiFont").replace(" ", "")
        order = tt.getGlyphOrder()
        self.glyph_count = len(order)
        metrics = tt["hmtx"].metrics
        self.advances: tuple[int, ...] = tuple(metrics[name][0] for name in order)
        # side bearings must survive subsetting: rasterisers place outlines by them
        self._lsbs: tuple[int, ...] = tuple(metrics[name][1] for name in order)
        cmap = tt.getBestCmap() or {}
        self._natural: dict[int, str] = {}
        for cp, name in sorted(cmap.items(), reverse=True):
            self._natural[tt.getGlyphID(name)] = chr(cp)
        self._tables = {tag: tt.reader[tag] for tag in ("head", "hhea", "maxp", "OS/2", "name")}
        loca = struct.unpack(
            f">{self.glyph_count + 1}{'H' if head.indexToLocFormat == 0 else 'I'}",
            tt.reader["loca"][: (2 if head.indexToLocFormat == 0 else 4) * (self.glyph_count + 1)],
        )
        scale = 2 if head.indexToLocFormat == 0 else 1
        glyf = tt.reader["glyf"]
        self._glyphs: tuple[bytes, ...] = tuple(
            glyf[loca[i] * scale : loca[i + 1] * scale] for i in range(self.glyph_count)
        )
        self._runs: dict[str, GlyphRun] = {}

    # -- shaping -----------------------------------------------------------------

    def shape(self, text: str) -> GlyphRun:
        """Shape one line of text (no line breaks) with HarfBuzz; results are cached."""
        run = self._runs.get(text)
        if run is not None:
            return run
        buf = hb.Buffer()
        buf.add_str(text)
        buf.guess_segment_properties()
        hb.shape(self._hb_font, buf, {"kern": True, "liga": True})
        infos = buf.glyph_infos or []
        positions = buf.glyph_positions or []
        gids = [i.codepoint for i in infos]
        clusters = [i.cluster for i in infos]
        texts = _glyph_texts(text, clusters, gids, self._natural)
        x_adv = tuple(p.x_advance for p in positions)
        run = GlyphRun(
            text=text,
            gids=tuple(gids),
            clusters=tuple(clusters),
            texts=texts,
            x_advances=x_adv,
            x_offsets=tuple(p.x_offset for p in positions),
            y_offsets=tuple(p.y_offset for p in positions),
            width=sum(x_adv),
        )
        if len(self._runs) >= _RUN_CACHE_SIZE:
            self._runs.clear()
        self._runs[text] = run
        return run

    def width(self, text: str, size: float) -> float:
        """Width of ``text`` set at ``size`` points, in points."""
        return self.shape(text).width * size / self.upem

    # -- subsetting --------------------------------------------------------------

    def subset(self, gids: set[int] | frozenset[int]) -> bytes:
        """A TrueType program holding only ``gids`` (ids kept, others emptied).

        Composite glyphs pull in their components. Tables a PDF renderer needs are
        kept; layout tables go (the text is already shaped) and names are dropped.
        Memoised: receipt stamps of one office mostly reuse the same glyphs (its name,
        the labels, digits), and a batch of stamps should not rebuild the same font.
        """
        key = frozenset(gids)
        found = self._subsets.get(key)
        if found is None:
            found = self._subsets[key] = self._build_subset(key)
            if len(self._subsets) > 256:
                self._subsets.pop(next(iter(self._subsets)))
        return found

    def _build_subset(self, gids: frozenset[int]) -> bytes:
        wanted = {0, *gids}
        stack = list(wanted)
        while stack:
            for comp in _components(self._glyphs[stack.pop()]):
                if comp not in wanted and comp < self.glyph_count:
                    wanted.add(comp)
                    stack.append(comp)
        glyf = bytearray()
        loca = []
        for gid in range(self.glyph_count):
            loca.append(len(glyf))
            if gid in wanted:
                rec = self._glyphs[gid]
                glyf += rec + b"\0" * (-len(rec) % 4)
        loca.append(len(glyf))
        hmtx = b"".join(
            struct.pack(">Hh", self.advances[g], self._lsbs[g]) if g in wanted else b"\0\0\0\0"
            for g in range(self.glyph_count)
        )
        hhea = bytearray(self._tables["hhea"])
        hhea[34:36] = struct.pack(">H", self.glyph_count)  # numberOfHMetrics
        head = bytearray(self._tables["head"])
        head[8:12] = b"\0\0\0\0"  # checkSumAdjustment, fixed below
        head[50:52] = struct.pack(">h", 1)  # long loca
        tables = {
            "OS/2": self._tables["OS/2"],
            "cmap": _EMPTY_CMAP,
            "glyf": bytes(glyf),
            "head": bytes(head),
            "hhea": bytes(hhea),
            "hmtx": hmtx,
            "loca": struct.pack(f">{len(loca)}I", *loca),
            "maxp": self._tables["maxp"],
            "post": _POST_V3,
        }
        return _assemble_sfnt(tables)


# cmap with one format-4 subtable that maps nothing: the PDF maps CIDs to glyphs itself.
_EMPTY_CMAP = struct.pack(">HHHHI", 0, 1, 3, 1, 12) + struct.pack(
    ">HHHHHHHHHHhH", 4, 24, 0, 2, 2, 0, 0, 0xFFFF, 0, 0xFFFF, 1, 0
)
_POST_V3 = struct.pack(">IIhhIIIII", 0x00030000, 0, -75, 50, 0, 0, 0, 0, 0)


def _glyph_texts(text: str, clusters: list[int], gids: list[int],
                 natural: dict[int, str]) -> tuple[str, ...]:
    """What each glyph maps back to, so extracted text equals ``text``.

    A cluster with as many glyphs as characters maps one to one (Thai base + marks,
    including HarfBuzz's alternate mark glyphs). HarfBuzz splits ำ into nikhahit +
    sara aa: the sara aa glyph then stands for ำ and the nikhahit for nothing, which
    keeps every advancing glyph mapped (extractors insert spaces at unmapped gaps).
    Anything else (ligatures) maps the whole cluster to its first glyph.
    """
    n = len(clusters)
    out: list[str] = [""] * n
    i = 0
    while i < n:
        j = i
        while j < n and clusters[j] == clusters[i]:
            j += 1
        start = clusters[i]
        end = clusters[j] if j < n else len(text)
        if end < start:  # right-to-left or reordered: never in our scripts
            end = len(text)
        chunk = text[start:end]
        if len(chunk) == j - i:
            out[i:j] = list(chunk)
        else:
            guess = [natural.get(g, "") for g in gids[i:j]]
            if "\u0e33" in chunk:
                guess = ["\u0e33" if c == "\u0e32" else "" if c == "\u0e4d" else c
                         for c in guess]
            if "".join(guess) == chunk:
                out[i:j] = guess
            else:
                out[i] = chunk
        i = j
    return tuple(out)


def _components(rec: bytes) -> list[int]:
    """Glyph ids a composite glyph record refers to ([] for simple glyphs)."""
    if len(rec) < 10 or struct.unpack(">h", rec[:2])[0] >= 0:
        return []
    out = []
    pos = 10
    while pos + 4 <= len(rec):
        flags, gid = struct.unpack(">HH", rec[pos : pos + 4])
        out.append(gid)
        pos += 4 + (4 if flags & 0x0001 else 2)
        if flags & 0x0008:
            pos += 2
        elif flags & 0x0040:
            pos += 4
        elif flags & 0x0080:
            pos += 8
        if not flags & 0x0020:
            break
    return out


def _checksum(data: bytes) -> int:
    data += b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(data) // 4}I", data)) & 0xFFFFFFFF


def _assemble_sfnt(tables: dict[str, bytes]) -> bytes:
    tags = sorted(tables)
    count = len(tags)
    entry_selector = max(count.bit_length() - 1, 0)
    search_range = (1 << entry_selector) * 16
    header = struct.pack(">IHHHH", 0x00010000, count, search_range, entry_selector,
                         count * 16 - search_range)
    offset = 12 + 16 * count
    directory = b""
    body = b""
    for tag in tags:
        data = tables[tag]
        directory += struct.pack(">4sIII", tag.encode("latin-1"), _checksum(data), offset,
                                 len(data))
        padded = data + b"\0" * (-len(data) % 4)
        body += padded
        offset += len(padded)
    font = bytearray(header + directory + body)
    adjustment = (0xB1B0AFBA - _checksum(bytes(font))) & 0xFFFFFFFF
    head_at = 12 + 16 * tags.index("head")
    head_offset = struct.unpack(">I", font[head_at + 8 : head_at + 12])[0]
    font[head_offset + 8 : head_offset + 12] = struct.pack(">I", adjustment)
    return bytes(font)


@cache
def load_font(bold: bool = False) -> Font:
    """The bundled Sarabun, loaded once per process."""
    return Font(thai_font_path(bold).read_bytes())
