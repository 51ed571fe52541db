"""Register entries for report tests and benchmarks."""

from __future__ import annotations

import datetime as dt

from korat_desktop.domain.letters import LetterKind, Secrecy, Urgency
from korat_desktop.domain.registers import RegisterEntry, RegisterKind

SUBJECTS = (
    "ขอเชิญประชุมคณะกรรมการจัดทำแผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. 2570",
    "ขอความอนุเคราะห์ข้อมูลนักเรียนที่ได้รับทุนการศึกษา",
    "แจ้งกำหนดการตรวจราชการของผู้ตรวจราชการกระทรวงศึกษาธิการ เขตตรวจราชการที่ 11 ณ โรงเรียนในสังกัดสำนักงานเขตพื้นที่การศึกษาประถมศึกษานครราชสีมา",
    "ส่งสำเนาคำสั่งแต่งตั้งคณะทำงาน",
    "การเบิกจ่ายเงินค่าน้ำประปาและค่าไฟฟ้า",
)


def make_entries(count: int, register: RegisterKind = RegisterKind.RECEIVE,
                 year_be: int = 2569, per_day: int = 40) -> list[RegisterEntry]:
    start = dt.datetime(year_be - 543, 1, 2, 1, 30, tzinfo=dt.UTC)
    out = []
    for i in range(count):
        number = i + 1
        at = start + dt.timedelta(days=i // per_day, minutes=7 * (i % per_day))
        voided = number % 97 == 0
        out.append(RegisterEntry(
            id=number, register=register, year_be=year_be, number=number,
            registered_at=at,
            letter_number=f"นม 0017.{number % 9}/{1000 + number}",
            letter_date=(at - dt.timedelta(days=2)).date(),
            sender="สำนักงานเขตพื้นที่การศึกษาประถมศึกษานครราชสีมา เขต 1" if i % 3 else "อำเภอเมืองนครราชสีมา",
            recipient="ผู้อำนวยการโรงเรียนบ้านหนองไผ่",
            subject=SUBJECTS[i % len(SUBJECTS)],
            action="มอบงานบริหารทั่วไป" if i % 2 else "",
            remarks="ด่วน โปรดพิจารณา" if i % 11 == 0 else "",
            kind=LetterKind.EXTERNAL,
            urgency=Urgency.MOST_URGENT if i % 13 == 0 else Urgency.NORMAL,
            secrecy=Secrecy.NONE,
            document_id=None,
            voided=voided,
            void_reason="ออกเลขซ้ำซ้อนจากเครื่องสำรอง" if voided else "",
        ))
    return out
