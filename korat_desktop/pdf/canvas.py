"""A page's content stream, drawn with shaped Thai text, lines and boxes.

Coordinates are PDF points from the bottom-left corner. Fonts are registered under a
resource name (``/F1``) with their :class:`FontUsage`, which records the glyphs used
so the font can be subset after all pages are drawn.
"""

from __future__ import annotations

from korat_desktop.pdf.embed import FontUsage, fmt

__all__ = ["Canvas"]


class Canvas:
    """Accumulates drawing operators for one content stream."""

    def __init__(self, fonts: dict[str, FontUsage]) -> None:
        self.fonts = fonts
        self._ops: list[str] = []

    def text(self, x: float, y: float, text: str, font: str, size: float,
             gray: float | None = None, rgb: tuple[float, float, float] | None = None) -> float:
        """Draw one line of text with its baseline at ``y``; returns its width."""
        usage = self.fonts[font]
        run = usage.font.shape(text)
        if not run.gids:
            return 0.0
        color = ""
        if rgb is not None:
            color = f"{fmt(rgb[0])} {fmt(rgb[1])} {fmt(rgb[2])} rg "
        elif gray is not None:
            color = f"{fmt(gray)} g "
        ops = (f"BT /{font} {fmt(size)} Tf 1 0 0 1 {fmt(round(x, 2))} {fmt(round(y, 2))} Tm "
               f"{usage.show(run, size)} ET")
        # colour is graphics state, not text state: isolate it or it leaks onwards
        self._ops.append(f"q {color}{ops} Q" if color else ops)
        return run.width * size / usage.font.upem

    def text_width(self, text: str, font: str, size: float) -> float:
        return self.fonts[font].font.width(text, size)

    def line(self, x1: float, y1: float, x2: float, y2: float, width: float = 0.5,
             gray: float = 0.0) -> None:
        self._ops.append(
            f"q {fmt(width)} w {fmt(gray)} G {fmt(round(x1, 2))} {fmt(round(y1, 2))} m "
            f"{fmt(round(x2, 2))} {fmt(round(y2, 2))} l S Q"
        )

    def rect(self, x: float, y: float, w: float, h: float, stroke: float | None = 0.5,
             fill_gray: float | None = None, stroke_gray: float = 0.0) -> None:
        """A rectangle, stroked with line width ``stroke`` and/or filled with a gray."""
        box = f"{fmt(round(x, 2))} {fmt(round(y, 2))} {fmt(round(w, 2))} {fmt(round(h, 2))} re"
        if fill_gray is not None and stroke is not None:
            paint = f"{fmt(fill_gray)} g {fmt(stroke)} w {fmt(stroke_gray)} G {box} B"
        elif fill_gray is not None:
            paint = f"{fmt(fill_gray)} g {box} f"
        else:
            paint = f"{fmt(stroke or 0.5)} w {fmt(stroke_gray)} G {box} S"
        self._ops.append(f"q {paint} Q")

    def raw(self, ops: str) -> None:
        self._ops.append(ops)

    def data(self) -> bytes:
        return "\n".join(self._ops).encode("latin-1")
