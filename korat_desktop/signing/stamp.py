"""The visible signature stamp: who signed, their position, the Thai date, the reason.

Thai needs shaping (vowel and tone marks stack on consonants), so the text goes through
pyHanko's OpenType engine (HarfBuzz) with the bundled Sarabun font embedded as a
subset. Without that, marks would float or vanish in other viewers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.stamp import TextStampStyle

from korat_desktop.domain.thai_dates import format_thai_date, format_thai_time
from korat_desktop.errors import SigningError
from korat_desktop.resources import thai_font_path
from korat_desktop.signing.thai_font import ThaiFontFactory

__all__ = [
    "DEFAULT_STAMP_SIZE",
    "Appearance",
    "Box",
    "default_box",
    "stamp_lines",
    "stamp_style",
]

Box = tuple[float, float, float, float]
"""x1, y1, x2, y2 in PDF points (1/72 inch), origin at the page's bottom left."""

DEFAULT_STAMP_SIZE = (230.0, 78.0)
_MARGIN = 36.0  # half an inch from the page edges


@dataclass(frozen=True)
class Appearance:
    """How a signature looks on the page. Everything is optional.

    ``name`` defaults to the certificate's common name; ``page`` is 1-based, ``None``
    means the last page (where the signature block of a Thai letter sits); ``box``
    defaults to the bottom right corner. ``visible=False`` signs without a stamp.
    ``field`` names an empty signature field reserved earlier (required after a
    certifying signature: new fields would break it); its page and box then apply.
    """

    name: str | None = None
    position: str | None = None
    field: str | None = None  # sign into this existing empty signature field
    reason: str | None = None
    location: str | None = None
    page: int | None = None
    box: Box | None = None
    visible: bool = True
    thai_digits: bool = False
    font_size: int = 10
    when: dt.datetime | None = None


def default_box(page_width: float, page_height: float) -> Box:
    """Bottom right corner, inside the margins, sized for four lines of Thai."""
    w, h = DEFAULT_STAMP_SIZE
    x2 = max(page_width - _MARGIN, w)
    return (x2 - w, _MARGIN, x2, _MARGIN + h)


def check_box(box: Box) -> Box:
    x1, y1, x2, y2 = box
    if not (x2 > x1 and y2 > y1) or min(box) < 0:
        raise SigningError("signing.bad_box", box=",".join(f"{v:g}" for v in box))
    return box


def stamp_lines(appearance: Appearance, signer_name: str) -> list[str]:
    when = appearance.when or dt.datetime.now(dt.UTC)
    lines = [f"ลงนามโดย {appearance.name or signer_name}"]
    if appearance.position:
        lines.append(f"ตำแหน่ง {appearance.position}")
    digits = appearance.thai_digits
    # Thai official time (UTC+7) whatever the PC's clock zone: "21 พฤศจิกายน 2569 เวลา 14.05 น."
    lines.append(f"วันที่ {format_thai_date(when, thai_digits=digits)} "
                 f"เวลา {format_thai_time(when, thai_digits=digits)}")
    if appearance.reason:
        lines.append(f"เหตุผล {appearance.reason}")
    return lines


@cache
def _font(font_size: int) -> ThaiFontFactory:
    # Thai script and language set explicitly: HarfBuzz guesses right for pure Thai,
    # but names mixing Latin and Thai shape more reliably with a fixed script.
    return ThaiFontFactory(str(thai_font_path()), font_size=font_size,
                                   ot_script_tag="thai", ot_language_tag="THA ")


def stamp_style(appearance: Appearance, signer_name: str) -> TextStampStyle:
    text = "\n".join(stamp_lines(appearance, signer_name)).replace("%", "%%")
    return TextStampStyle(
        stamp_text=text,
        text_box_style=TextBoxStyle(font=_font(appearance.font_size),
                                    font_size=appearance.font_size),
        border_width=1,
    )
