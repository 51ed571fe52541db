"""The stamp font engine: pyHanko's HarfBuzz glyph accumulator, with complete ToUnicode.

Thai shaping swaps some characters for glyph variants (a tone mark lowered under an
upper vowel, ``uni0E48.small``) or splits one character into two glyphs (SARA AM
into NIKHAHIT + SARA AA). pyHanko maps such glyphs to text only when it can match
them one-to-one, so copy/paste and search would lose those marks. Before the
ToUnicode CMap is written we map every remaining glyph through its base glyph name,
so the stamp text extracts as Thai (SARA AM in its canonical decomposed spelling).
"""

from __future__ import annotations

import re
from functools import cache
from io import BytesIO
from typing import Any

from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory
from pyhanko.pdf_utils.writer import BasePdfFileWriter

__all__ = ["ThaiFontFactory", "ThaiGlyphAccumulator"]

_UNI_NAME = re.compile(r"^uni([0-9A-Fa-f]{4,6})$")


class ThaiGlyphAccumulator(GlyphAccumulator):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # HarfBuzz already holds the full font for shaping. The copy fontTools keeps is
        # only subset and embedded, and the subsetter drops the layout tables anyway;
        # removing them unread saves most of the per-signature cost (Sarabun's GSUB/
        # GPOS are large).
        for tag in ("GSUB", "GPOS", "GDEF"):
            if tag in self.tt:
                del self.tt[tag]

    def _fill_missing_unicode(self) -> None:
        # _glyphs (gid -> (cid, width)) and _cid_to_unicode are pyHanko internals
        # (stable since 0.13); tested by the stamp extraction test.
        reverse = self._reverse_cmap
        for gid, (cid, _width) in list(self._glyphs.items()):
            if gid == 0 or cid in self._cid_to_unicode:
                continue
            base = self.tt.getGlyphName(gid).split(".")[0]
            codepoints = reverse.get(base)
            if codepoints:
                self._cid_to_unicode[cid] = chr(min(codepoints))
                continue
            match = _UNI_NAME.match(base)
            if match:
                self._cid_to_unicode[cid] = chr(int(match.group(1), 16))

    def _format_tounicode_cmap(self):
        self._fill_missing_unicode()
        return super()._format_tounicode_cmap()


@cache
def _font_bytes(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


class ThaiFontFactory(GlyphAccumulatorFactory):
    """A :class:`GlyphAccumulatorFactory` that builds :class:`ThaiGlyphAccumulator`."""

    def create_font_engine(self, writer: BasePdfFileWriter,
                           obj_stream=None) -> GlyphAccumulator:
        font_bytes = _font_bytes(self.font_file)
        if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
            obj_stream = writer.prepare_object_stream()
        return ThaiGlyphAccumulator(
            writer=writer,
            font_handle=BytesIO(font_bytes),
            font_size=self.font_size,
            ot_script_tag=self.ot_script_tag,
            ot_language_tag=self.ot_language_tag,
            writing_direction=self.writing_direction,
            bcp47_lang_code=self.bcp47_lang_code,
            obj_stream=obj_stream,
        )
