"""Page geometry: inherited boxes and rotation, read defensively.

A page's MediaBox, CropBox and Rotate may be inherited from any ancestor in the page
tree; hostile files put strings or loops there, so every value is checked.
"""

from __future__ import annotations

from typing import Any

__all__ = ["inherited", "page_rotation", "visible_box"]

_MAX_DEPTH = 64
_A4 = (0.0, 0.0, 595.28, 841.89)


def inherited(page: Any, key: str) -> Any:
    """``page[key]`` or the nearest ancestor's value (None when absent)."""
    node = page
    for _ in range(_MAX_DEPTH):
        if node is None:
            return None
        try:
            if key in node:
                return node[key]
            node = node.get("/Parent")
            node = node.get_object() if node is not None else None
        except Exception:
            return None
    return None


def _box(value: Any) -> tuple[float, float, float, float] | None:
    try:
        nums = [float(v) for v in value]
    except Exception:
        return None
    if len(nums) != 4:
        return None
    x0, x1 = sorted((nums[0], nums[2]))
    y0, y1 = sorted((nums[1], nums[3]))
    if x1 - x0 < 1 or y1 - y0 < 1:
        return None
    return x0, y0, x1, y1


def visible_box(page: Any) -> tuple[float, float, float, float]:
    """The visible area (CropBox clipped to MediaBox), in default user space."""
    media = _box(inherited(page, "/MediaBox")) or _A4
    crop = _box(inherited(page, "/CropBox"))
    if crop is None:
        return media
    x0, y0 = max(media[0], crop[0]), max(media[1], crop[1])
    x1, y1 = min(media[2], crop[2]), min(media[3], crop[3])
    if x1 - x0 < 1 or y1 - y0 < 1:
        return media
    return x0, y0, x1, y1


def page_rotation(page: Any) -> int:
    """Clockwise display rotation: 0, 90, 180 or 270."""
    value = inherited(page, "/Rotate")
    try:
        degrees = int(value) if value is not None else 0
    except Exception:
        return 0
    return degrees % 360 if degrees % 90 == 0 else 0
