"""``--stamp-at X,Y`` and the line saying where the receipt stamp went.

Shared by ``korat receive`` and ``korat inbox register``. The place is the stamp's top
left corner in millimetres from the top left of page 1 as displayed, the same place
the receive dialog shows; a place given this way is kept for the sender's next letter.
"""

from __future__ import annotations

from korat_desktop.domain.digits import to_ascii_digits
from korat_desktop.errors import UsageError
from korat_desktop.pdf.free_space import StampPlace

__all__ = ["STAMP_AT_HELP", "parse_stamp_at", "stamp_place_line"]

STAMP_AT_HELP = ("ตำแหน่งตรารับ X,Y มม. จากมุมซ้ายบนของหน้าแรก (จำไว้ใช้กับหนังสือฉบับต่อไป"
                 "จากผู้ส่งเดิม) / receipt stamp's top left, X,Y mm from page 1's top left "
                 "(kept for this sender's next letter)")


def parse_stamp_at(text: str | None) -> tuple[float, float] | None:
    if text is None:
        return None
    parts = to_ascii_digits(text).replace(" ", "").split(",")
    try:
        x, y = (float(p) for p in parts)
    except ValueError:
        raise UsageError("usage.bad_argument", name="--stamp-at",
                         detail=f"{text!r}: give X,Y in mm, e.g. 140,10") from None
    if not (0 <= x <= 2000 and 0 <= y <= 2000):
        raise UsageError("usage.bad_argument", name="--stamp-at",
                         detail=f"{text!r}: X and Y are mm from the top left, 0 or more")
    return x, y


_SOURCES = {
    "free_space": ("ตรารับวางบนที่ว่างใกล้มุมขวาบน", "receipt stamp on blank space near the top right"),
    "clerk": ("ตรารับวางตามตำแหน่งที่กำหนด", "receipt stamp where given"),
    "remembered": ("ตรารับวางที่ตำแหน่งเดิมของผู้ส่งนี้", "receipt stamp at this sender's usual place"),
    "fixed": ("ไม่มีที่ว่างพอ ตรารับจึงวางที่มุมขวาบนตามเดิม (อาจทับข้อความ)",
              "no blank space big enough: receipt stamp at the fixed top right corner "
              "(it may cover text)"),
}


def stamp_place_line(place: StampPlace | None, lang: str) -> str:
    """``ตรารับ…: X,Y มม.`` (Thai first, as the other output lines)."""
    if place is None:
        return ("ตรารับวางที่มุมขวาบนตามเดิม (อ่านหน้ากระดาษไม่ได้)" if lang == "th" else
                "receipt stamp at the fixed top right corner (the page could not be drawn)")
    th, en = _SOURCES[place.source]
    where = f"{place.x_mm:.0f},{place.y_mm:.0f}"
    return f"{th}: {where} มม." if lang == "th" else f"{en}: {where} mm"
