"""A delivery receipt in one line, for ``korat show`` (registers) and ``korat receipts`` (sync).

Its own module so the register and sync commands share it without importing each other.
"""

from __future__ import annotations

from korat_desktop.domain.thai_dates import clock_text, format_thai_date
from korat_desktop.services.results import DeliveryReceiptInfo

__all__ = ["receipt_line"]


def receipt_line(r: DeliveryReceiptInfo, lang: str = "th") -> str:
    """``ได้รับแล้ว: <agency> เลขรับ 12/2569 วันที่ ... เวลา 10.05 น.`` (one receipt)."""
    when = format_thai_date(r.received_date, "abbr", lang=lang)
    if lang == "th":
        return (f"ได้รับแล้ว: {r.agency_name} ({r.agency_code}) เลขรับ "
                f"{r.receive_number}/{r.receive_year} วันที่ {when} เวลา {clock_text(r.received_time)}")
    return (f"received by {r.agency_name} ({r.agency_code}): receive no. "
            f"{r.receive_number}/{r.receive_year} on {when} at {r.received_time}")
