"""Dates as Thai official documents write them: day, Thai month name, Buddhist Era year.

Kept here (not in domain/) because the stamp must not depend on a layer that is still
moving; it is a few lines and has no rules beyond BE = CE + 543.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["THAI_DIGITS", "THAI_MONTHS", "buddhist_year", "thai_date", "thai_datetime"]

THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def buddhist_year(when: dt.date) -> int:
    return when.year + 543


def thai_date(when: dt.date, *, thai_digits: bool = False) -> str:
    """``21 พฤศจิกายน 2569``."""
    text = f"{when.day} {THAI_MONTHS[when.month - 1]} {buddhist_year(when)}"
    return text.translate(THAI_DIGITS) if thai_digits else text


def thai_datetime(when: dt.datetime, *, thai_digits: bool = False) -> str:
    """``21 พฤศจิกายน 2569 เวลา 14:05 น.``."""
    text = f"{thai_date(when)} เวลา {when:%H:%M} น."
    return text.translate(THAI_DIGITS) if thai_digits else text
