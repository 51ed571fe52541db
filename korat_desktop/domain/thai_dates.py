"""The Thai official calendar: Buddhist Era years, month names, fiscal years, times.

Thailand keeps one offset (UTC+7) all year, so a fixed offset is exact and needs no
tz database (old Windows PCs often lack one).
"""

from __future__ import annotations

import datetime as dt

from korat_desktop.domain.digits import to_thai_digits

__all__ = [
    "THAI_TZ",
    "THAI_MONTHS",
    "THAI_MONTHS_ABBR",
    "BE_OFFSET",
    "be_year",
    "ce_year",
    "thai_now",
    "to_thai_time",
    "format_thai_date",
    "format_thai_time",
    "clock_text",
    "fiscal_year",
    "fiscal_year_range",
    "calendar_year_range",
]

THAI_TZ = dt.timezone(dt.timedelta(hours=7), "ICT")
BE_OFFSET = 543

THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
THAI_MONTHS_ABBR = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)
_EN_MONTHS_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def be_year(day: dt.date) -> int:
    return day.year + BE_OFFSET


def ce_year(year_be: int) -> int:
    return year_be - BE_OFFSET


def thai_now() -> dt.datetime:
    return dt.datetime.now(THAI_TZ)


def to_thai_time(moment: dt.datetime) -> dt.datetime:
    """A moment in Thai local time; naive datetimes are taken as UTC (how we store them)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(THAI_TZ)


def format_thai_date(day: dt.date, style: str = "full", thai_digits: bool = False,
                     lang: str = "th") -> str:
    """``21 พฤศจิกายน 2569`` (full, letters) or ``21 พ.ย. 2569`` (abbr, tables).

    ``lang="en"`` gives ``21 Nov 2569 BE`` for the English UI: still Buddhist Era,
    because register years are BE whatever the interface language.
    """
    if isinstance(day, dt.datetime):
        day = to_thai_time(day).date()
    if lang == "en":
        text = f"{day.day} {_EN_MONTHS_ABBR[day.month - 1]} {be_year(day)}"
    else:
        months = THAI_MONTHS if style == "full" else THAI_MONTHS_ABBR
        text = f"{day.day} {months[day.month - 1]} {be_year(day)}"
    return to_thai_digits(text) if thai_digits else text


def format_thai_time(moment: dt.datetime | dt.time, thai_digits: bool = False) -> str:
    """``14.30 น.``: the official way to write a time of day."""
    if isinstance(moment, dt.datetime):
        moment = to_thai_time(moment).time()
    text = f"{moment.hour:02d}.{moment.minute:02d} น."
    return to_thai_digits(text) if thai_digits else text


def clock_text(hhmm: str, lang: str = "th") -> str:
    """A wire-format ``HH:MM`` as people read it: ``10.05 น.`` in Thai, ``10:05`` else."""
    hour, _, minute = hhmm.partition(":")
    if lang != "th" or not (hour.isdigit() and minute.isdigit()):
        return hhmm
    return f"{int(hour):02d}.{int(minute):02d} น."


def fiscal_year(day: dt.date) -> int:
    """The BE fiscal year (October–September): 1 Oct 2024 is in FY 2568."""
    return be_year(day) + (1 if day.month >= 10 else 0)


def fiscal_year_range(fy_be: int) -> tuple[dt.date, dt.date]:
    start_ce = ce_year(fy_be) - 1
    return dt.date(start_ce, 10, 1), dt.date(start_ce + 1, 9, 30)


def calendar_year_range(year_be: int) -> tuple[dt.date, dt.date]:
    year = ce_year(year_be)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)
