"""The Thai official calendar: Buddhist Era years, month names, fiscal years, times.

Thailand keeps one offset (UTC+7) all year, so a fixed offset is exact and needs no
tz database (old Windows PCs often lack one).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from korat_desktop.domain.digits import to_ascii_digits, to_thai_digits

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
    "format_thai_moment",
    "clock_text",
    "fiscal_year",
    "fiscal_year_range",
    "calendar_year_range",
    "FoundDate",
    "find_dates",
    "parse_date",
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
        text = f"{day.day} {_EN_MONTHS_ABBR[day.month - 1]} {be_year(day)} BE"
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


def format_thai_moment(moment: dt.datetime, lang: str = "th") -> str:
    """A stored (UTC) moment as people read it: Thai local time, Buddhist Era
    (``2 ธ.ค. 2569 07.47 น.``; ``2 Dec 2569 BE 07:47`` in English)."""
    clock = format_thai_time(moment) if lang == "th" else f"{to_thai_time(moment):%H:%M}"
    return f"{format_thai_date(moment, 'abbr', lang=lang)} {clock}"


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


# -- reading dates as letters print them ------------------------------------------------
# Letters write the date in many ways: "25 พฤศจิกายน 2569", "๒๕ พ.ย. ๒๕๖๙",
# "วันที่ 25 เดือน พฤศจิกายน พ.ศ. 2569", "25/11/2569", "25 พ.ย. 69", and now and then a
# Christian-Era year ("25 November 2026", "ค.ศ. 2026"). One reader serves the letter
# intake (which finds dates inside text) and the command line (which parses a whole
# argument), so a form the one accepts the other accepts too.

_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")


def _abbr_pattern(abbr: str) -> str:
    """``พ.ย.`` as a pattern that also takes ``พย.``, ``พ.ย`` and ``พ. ย.``."""
    parts = [re.escape(p) for p in abbr.strip(".").split(".")]
    return r"\.?\s?".join(parts) + r"\.?"


def _month_alternatives() -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []
    for month in range(12):
        found.append((re.escape(THAI_MONTHS[month]), month + 1))
        found.append((_abbr_pattern(THAI_MONTHS_ABBR[month]), month + 1))
        found.append((_EN_MONTHS[month], month + 1))
        found.append((_EN_MONTHS_ABBR[month] + r"\.?", month + 1))
    # the longest first, so "มีนาคม" is never read as "มี.ค." and "June" never as "Jun"
    return sorted(found, key=lambda item: -len(item[0]))


_MONTHS = _month_alternatives()
_MONTH_GROUPS = "|".join(f"(?P<m{i}>{pattern})" for i, (pattern, _n) in enumerate(_MONTHS))
_ERA = r"(?P<era>พ\.?\s?ศ\.?|ค\.?\s?ศ\.?|B\.?E\.?|A\.?D\.?)"
_NAMED = re.compile(
    rf"(?<!\d)(?P<day>\d{{1,2}})\s*(?:เดือน\s*)?(?:{_MONTH_GROUPS})(?![A-Za-z])\s*"
    rf"(?:{_ERA}\s*)?(?P<year>\d{{4}}|\d{{2}})(?!\d)(?:\s*(?P<era_after>BE|AD|CE)\b)?",
    re.IGNORECASE)
_NUMERIC = re.compile(
    r"(?<![\d./-])(?P<day>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<month>\d{1,2})\s*(?P=sep)\s*"
    r"(?P<year>\d{4}|\d{2})(?![\d/])")
_ISO = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})$")


@dataclass(frozen=True)
class FoundDate:
    """A date read from text: the day, where it stood and how it was written.

    ``start``/``end`` index the text given (Thai digits count one character each, as
    they are folded in place). ``era`` is "be" or "ce", the calendar its year was read
    in; ``era_printed`` says the text named it (พ.ศ./ค.ศ.), else it was judged from
    the year's size; ``short_year`` marks a two-digit year (taken as 25xx BE).
    """

    day: dt.date
    start: int
    end: int
    text: str
    era: str
    era_printed: bool
    short_year: bool
    month_named: bool


def _ce_year(year_text: str, era: str | None) -> tuple[int, str] | None:
    """The Christian-Era year and the calendar it was read in; None if not a year."""
    year = int(year_text)
    named = (era or "").replace(".", "").replace(" ", "").upper()
    if named in ("คศ", "AD", "CE"):
        year = 2000 + year if len(year_text) == 2 else year
        return (year, "ce") if 1900 <= year <= 2200 else None
    if len(year_text) == 2:
        return ce_year(2500 + year), "be"
    if 2400 <= year <= 2800:
        return ce_year(year), "be"
    if not named and 1900 <= year <= 2200:
        return year, "ce"
    return None


def _make(day: int, month: int, year_text: str, era: str | None) -> tuple[dt.date, str] | None:
    year = _ce_year(year_text, era)
    if year is None:
        return None
    try:
        return dt.date(year[0], month, day), year[1]
    except ValueError:
        return None


def find_dates(text: str) -> list[FoundDate]:
    """Every date written in ``text``, in the order they stand (Thai or ASCII digits)."""
    folded = to_ascii_digits(text)
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for match in _NAMED.finditer(folded):
        month = next(_MONTHS[i][1] for i in range(len(_MONTHS)) if match.group(f"m{i}"))
        era = match.group("era") or match.group("era_after")
        made = _make(int(match.group("day")), month, match.group("year"), era)
        if made is None:
            continue
        found.append(FoundDate(made[0], match.start(), match.end(),
                               text[match.start():match.end()], made[1], era is not None,
                               len(match.group("year")) == 2, True))
        taken.append((match.start(), match.end()))
    for match in _NUMERIC.finditer(folded):
        if any(a < match.end() and match.start() < b for a, b in taken):
            continue
        made = _make(int(match.group("day")), int(match.group("month")), match.group("year"),
                     None)
        if made is None:
            continue
        found.append(FoundDate(made[0], match.start(), match.end(),
                               text[match.start():match.end()], made[1], False,
                               len(match.group("year")) == 2, False))
    return sorted(found, key=lambda d: d.start)


def parse_date(text: str) -> dt.date:
    """A whole date as typed or printed: ``25/11/2569``, ``๒๕ พ.ย. ๒๕๖๙``,
    ``25 พฤศจิกายน 2569``, ``2569-11-25`` (ISO; a year above 2400 is Buddhist Era).

    Raises ``domain.bad_date`` for anything else, including text around the date.
    """
    from korat_desktop.errors import DomainError

    stripped = text.strip()
    iso = _ISO.match(to_ascii_digits(stripped))
    if iso is not None:
        made = _make(int(iso.group("day")), int(iso.group("month")), iso.group("year"), None)
        if made is not None and len(iso.group("year")) == 4:
            return made[0]
        raise DomainError("domain.bad_date", value=text)
    found = find_dates(stripped)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(stripped):
        return found[0].day
    raise DomainError("domain.bad_date", value=text)
