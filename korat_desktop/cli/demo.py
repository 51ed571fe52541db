"""``korat demo``: a ready-made office with sample letters, for newcomers.

It works in its own data dir (never your real one unless you pass it) and prints the
next commands to try.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import platformdirs

from korat_desktop.app import open_app
from korat_desktop.cli.context import CliContext, Output
from korat_desktop.cli.registers import entry_line
from korat_desktop.domain.letters import Urgency
from korat_desktop.domain.registers import RegisterKind

__all__ = ["register", "seed_demo_office", "DEMO_LETTERS"]

DEMO_LETTERS = (
    ("receive", "ขอเชิญประชุมคณะกรรมการจัดซื้อจัดจ้าง", "อำเภอปากช่อง", Urgency.MOST_URGENT),
    ("receive", "ขอความอนุเคราะห์ข้อมูลภัยแล้ง", "สำนักงานสาธารณสุขจังหวัด", Urgency.NORMAL),
    ("receive", "แจ้งกำหนดการตรวจสุขภาพประจำปี ๒๕๖๙", "โรงพยาบาลมหาราชนครราชสีมา",
     Urgency.URGENT),
    ("send", "ขออนุมัติงบประมาณโครงการพัฒนาแหล่งน้ำ", "อำเภอพิมาย", Urgency.NORMAL),
)


def seed_demo_office(data_dir: Path) -> list[Any]:
    from korat_desktop.pdf.sample import make_letter_pdf
    from korat_desktop.services.registration import LetterIntake

    app = open_app(data_dir, write=True, create=True, purpose="korat demo")
    try:
        app.office.init("นม 0017.1", "สำนักงานจังหวัดนครราชสีมา")
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
    finally:
        app.close()


def _demo(ctx: CliContext) -> Output:
    data_dir = ctx.data_dir or Path(platformdirs.user_data_dir("korat-desktop-demo",
                                                               appauthor=False))
    if (data_dir / "korat.sqlite3").exists():
        app = open_app(data_dir)
        try:
            entries = [e for reg in RegisterKind for e in app.queries.entries(reg)]
        finally:
            app.close()
    else:
        entries = seed_demo_office(data_dir)
    d = f"--data-dir {data_dir}"
    text = "\n".join(
        [f"Demo office (นม 0017.1) in {data_dir}:"]
        + ["  " + entry_line(e, ctx.lang) for e in entries]
        + ["", "Try:",
           f"  korat list --register receive {d}",
           f"  korat search เชิญประ {d}",
           f"  korat export 1 -o letter.pdf {d}",
           f"  korat register-report --register receive --format pdf -o register.pdf {d}",
           f"  korat audit verify {d}"])
    return Output({"data_dir": data_dir, "entries": entries}, text)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("demo", parents=[common], help="a demo office with sample letters")
    p.set_defaults(handler=_demo)
