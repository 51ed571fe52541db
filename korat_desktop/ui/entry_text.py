"""How a register entry reads in a table cell: Buddhist Era dates, numbers, labels.

Pure functions over the core's ``RegisterEntry``; the language and digit style come
from the caller, so the same entry reads right in Thai and English.
"""

from __future__ import annotations

import datetime as dt

from korat_desktop.domain.digits import to_thai_digits
from korat_desktop.domain.letters import Secrecy
from korat_desktop.domain.registers import REGISTER_COLUMNS, RegisterEntry, RegisterKind
from korat_desktop.domain.thai_dates import format_thai_date, format_thai_time, to_thai_time

__all__ = ["cell_text", "column_titles", "moment_text", "registered_text", "secrecy_text",
           "short_date"]


def column_titles(register: RegisterKind, lang: str) -> list[str]:
    """The official register columns (SARABAN.md: Receiving step 3) in ``lang``."""
    return [th if lang == "th" else en for _key, th, en in REGISTER_COLUMNS[register]]


def secrecy_text(value: str, lang: str | None = None) -> str:
    """A ชั้นความลับ value (``Secrecy``'s) as its badge text; empty for none."""
    from korat_desktop.ui import language

    secrecy = Secrecy.of(value)
    return "" if secrecy is Secrecy.NONE else secrecy.label(lang or language.current())


def short_date(day: dt.date | None, lang: str, thai_digits: bool = False) -> str:
    if day is None:
        return ""
    return format_thai_date(day, style="abbr", thai_digits=thai_digits, lang=lang)


def moment_text(when: dt.datetime, lang: str, thai_digits: bool = False) -> str:
    """``21 พ.ย. 2569 14.30 น.`` (Buddhist Era, Thai time) for a stored UTC moment."""
    moment = to_thai_time(when)
    time = format_thai_time(moment, thai_digits)
    if lang != "th":
        time = f"{moment.hour:02d}:{moment.minute:02d}"
    return f"{short_date(moment.date(), lang, thai_digits)} {time}"


def registered_text(entry: RegisterEntry, lang: str, thai_digits: bool = False) -> str:
    """When the letter was entered in the register."""
    return moment_text(entry.registered_at, lang, thai_digits)


def cell_text(entry: RegisterEntry, key: str, lang: str, thai_digits: bool = False) -> str:
    if key == "number":
        text = f"{entry.number}/{entry.year_be}"
    elif key == "letter_date":
        return short_date(entry.letter_date, lang, thai_digits)
    else:
        text = str(getattr(entry, key, "") or "")
    return to_thai_digits(text) if thai_digits and key in ("number", "letter_number") else text
