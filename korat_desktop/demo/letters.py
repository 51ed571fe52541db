"""Sample letters of the demo office, like the ones a provincial office gets in a week."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from korat_desktop.domain.letters import Urgency

if TYPE_CHECKING:
    from korat_desktop.app import KoratApp

__all__ = ["DEMO_AGENCY", "DEMO_LETTERS", "PEER_AGENCY", "add_sample_letters",
           "seed_demo_office"]

DEMO_AGENCY = ("นม 0017.1", "สำนักงานจังหวัดนครราชสีมา")
PEER_AGENCY = ("นม 0023.4", "ที่ว่าการอำเภอปากช่อง")

DEMO_LETTERS = (
    ("receive", "ขอเชิญประชุมคณะกรรมการจัดซื้อจัดจ้าง", "อำเภอปากช่อง", Urgency.MOST_URGENT),
    ("receive", "ขอความอนุเคราะห์ข้อมูลภัยแล้ง", "สำนักงานสาธารณสุขจังหวัด", Urgency.NORMAL),
    ("receive", "แจ้งกำหนดการตรวจสุขภาพประจำปี ๒๕๖๙", "โรงพยาบาลมหาราชนครราชสีมา",
     Urgency.URGENT),
    ("send", "ขออนุมัติงบประมาณโครงการพัฒนาแหล่งน้ำ", "อำเภอพิมาย", Urgency.NORMAL),
)


def add_sample_letters(app: KoratApp) -> list[Any]:
    """Register the sample letters (numbers from the hub's lease when signed in)."""
    from korat_desktop.pdf.sample import make_letter_pdf
    from korat_desktop.services.registration import LetterIntake

    entries = []
    for register, subject, party, urgency in DEMO_LETTERS:
        pdf = make_letter_pdf(subject, [f"เรื่อง {subject}", "จึงเรียนมาเพื่อโปรดพิจารณา"])
        if register == "receive":
            intake = LetterIntake(subject=subject, sender=party,
                                  recipient="ผู้ว่าราชการจังหวัดนครราชสีมา", urgency=urgency)
            entries.append(app.registration.receive(pdf, intake).entry)
        else:
            intake = LetterIntake(subject=subject, recipient=party, urgency=urgency)
            entries.append(app.registration.send(pdf, intake).entry)
    return entries


def seed_demo_office(data_dir: Path) -> list[Any]:
    """A standalone demo office with the sample letters (no hub)."""
    from korat_desktop.app import open_app

    app = open_app(data_dir, write=True, create=True, purpose="korat demo")
    try:
        app.office.init(*DEMO_AGENCY)
        return add_sample_letters(app)
    finally:
        app.close()
