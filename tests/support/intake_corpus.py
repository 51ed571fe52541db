"""Ten sample letters laid out as the regulation prescribes, with the fields they print.

Each is a real PDF (shaped Thai in embedded Sarabun, drawn with the package's own
canvas), so intake reads them through the same text extraction as a letter dropped on
the window. They vary what a clerk meets: external letters and บันทึกข้อความ, a คำสั่ง,
a company letter with a Christian-Era date, Thai and Arabic digits, dates written
five ways, urgency and secrecy stamps in red, subjects wrapped over two or three lines,
a letterhead above the ที่ line, and traps: a referenced letter's number and date, a
meeting date in the body, "โดยด่วน" in a sentence, a signature ปฏิบัติราชการแทน.

``expected`` holds what a careful clerk would enter, None where the letter does not
print the field (urgency and secrecy None: not stamped, so normal / not classified).
Used by tests/pdf/test_intake_corpus.py, tests/cli, tests/ui and bench/bench_intake.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache

from korat_desktop.domain.digits import to_thai_digits
from korat_desktop.domain.letters import LetterKind, Secrecy, Urgency
from korat_desktop.pdf.canvas import Canvas
from korat_desktop.pdf.embed import FontUsage
from korat_desktop.pdf.fonts import load_font
from korat_desktop.pdf.linebreak import wrap
from korat_desktop.pdf.sample import A4_PORTRAIT
from korat_desktop.pdf.writer import assemble

__all__ = ["SampleLetter", "corpus", "held_out", "plain_pdf", "FIELDS"]

FIELDS = ("subject", "letter_number", "letter_date", "sender", "recipient", "urgency",
          "secrecy", "kind")

_LEFT = 85.0  # 3 cm
_RIGHT = A4_PORTRAIT[0] - 57.0  # 2 cm
_WIDTH = _RIGHT - _LEFT
_RED = (0.85, 0.0, 0.0)
_SIZE = 16.0
_LEADING = 22.0


@dataclass(frozen=True)
class SampleLetter:
    name: str
    pdf: bytes
    expected: dict[str, object] = field(default_factory=dict)


class _Page:
    """Draws rows top-down; a row may hold several pieces on one baseline."""

    def __init__(self) -> None:
        self.fonts = {"F1": FontUsage(load_font(False), "KORATA"),
                      "F2": FontUsage(load_font(True), "KORATB")}
        self.canvas = Canvas(self.fonts)
        self.y = A4_PORTRAIT[1] - 50.0

    def row(self, *pieces: tuple[float, str, str, float, tuple[float, float, float] | None],
            gap: float = _LEADING) -> None:
        for x, text, font, size, rgb in pieces:
            self.canvas.text(x, self.y, text, font, size, rgb=rgb)
        self.y -= gap

    def width(self, text: str, font: str = "F1", size: float = _SIZE) -> float:
        return self.canvas.text_width(text, font, size)

    def center_x(self, text: str, font: str = "F1", size: float = _SIZE) -> float:
        return _LEFT + (_WIDTH - self.width(text, font, size)) / 2

    def text(self, text: str, x: float = _LEFT, font: str = "F1", size: float = _SIZE,
             gap: float = _LEADING) -> None:
        self.row((x, text, font, size, None), gap=gap)

    def centered(self, text: str, font: str = "F1", size: float = _SIZE,
                 rgb: tuple[float, float, float] | None = None, gap: float = _LEADING) -> None:
        self.row((self.center_x(text, font, size), text, font, size, rgb), gap=gap)

    def stamp(self, text: str, x: float | None = None) -> None:
        """A red ชั้นความเร็ว/ชั้นความลับ stamp, larger than the text."""
        self.row((self.center_x(text, "F2", 24) if x is None else x, text, "F2", 24, _RED),
                 gap=30)

    def labelled(self, label: str, value: str, x: float = _LEFT) -> None:
        """``เรื่อง ...`` with the value wrapped beside its label."""
        label_w = self.width(label, "F2") + 8
        lines = wrap(self.fonts["F1"].font, value, _SIZE, _RIGHT - x - label_w)
        self.row((x, label, "F2", _SIZE, None), (x + label_w, lines[0], "F1", _SIZE, None))
        for line in lines[1:]:
            self.text(line, x + label_w)

    def paragraph(self, text: str) -> None:
        lines = wrap(self.fonts["F1"].font, text, _SIZE, _WIDTH - 72)
        self.text(lines[0], _LEFT + 72)
        for line in lines[1:]:
            self.text(line)

    def pdf(self, title: str) -> bytes:
        return assemble([self.canvas.data()], self.fonts, A4_PORTRAIT, title=title)


@dataclass(frozen=True)
class _External:
    number: str  # as printed after "ที่ " ("" for none)
    agency: tuple[str, ...]  # letterhead lines: the agency, then its address
    date: str
    subject: str
    to: str
    body: tuple[str, ...]
    signer: str
    position: tuple[str, ...]
    urgency: str = ""
    secrecy: str = ""
    reference: str = ""
    enclosure: str = ""
    owner: tuple[str, ...] = ()
    letterhead_above: bool = False  # the agency printed above the ที่ line


def _external(spec: _External) -> bytes:
    page = _Page()
    if spec.secrecy:
        page.stamp(spec.secrecy)
    if spec.urgency:
        page.stamp(spec.urgency, _LEFT)
    page.y -= 40  # the Garuda
    right = 330.0
    if spec.letterhead_above:
        for line in spec.agency[:1]:
            page.text(line, right)
        page.text(f"ที่ {spec.number}" if spec.number else "")
        for line in spec.agency[1:]:
            page.text(line, right)
    else:
        first = [(_LEFT, f"ที่ {spec.number}", "F1", _SIZE, None)] if spec.number else []
        page.row(*first, (right, spec.agency[0], "F1", _SIZE, None))
        for line in spec.agency[1:]:
            page.text(line, right)
    page.y -= 6
    page.text(spec.date, 290.0)
    page.y -= 6
    page.labelled("เรื่อง", spec.subject)
    page.labelled("เรียน", spec.to)
    if spec.reference:
        page.labelled("อ้างถึง", spec.reference)
    if spec.enclosure:
        page.labelled("สิ่งที่ส่งมาด้วย", spec.enclosure)
    page.y -= 4
    for para in spec.body:
        page.paragraph(para)
    page.y -= 8
    page.text("ขอแสดงความนับถือ", 300.0)
    page.y -= 40
    page.text(f"({spec.signer})", 290.0)
    for line in spec.position:
        page.text(line, 280.0)
    page.y -= 20
    for line in spec.owner:
        page.text(line)
    if spec.secrecy:
        page.y = 60.0
        page.stamp(spec.secrecy)
    return page.pdf(spec.subject)


@dataclass(frozen=True)
class _Memo:
    agency: str  # after ส่วนราชการ (with its โทร. if any)
    number: str
    date: str  # after วันที่
    subject: str
    to: str
    body: tuple[str, ...]
    signer: str
    position: tuple[str, ...]
    urgency: str = ""
    secrecy: str = ""


def _memo(spec: _Memo) -> bytes:
    page = _Page()
    if spec.secrecy:
        page.stamp(spec.secrecy)
    if spec.urgency:
        page.stamp(spec.urgency, _LEFT)
    page.centered("บันทึกข้อความ", "F2", 28, gap=34)
    page.labelled("ส่วนราชการ", spec.agency)
    label_w = page.width("ที่", "F2") + 8
    date_x = 300.0
    page.row((_LEFT, "ที่", "F2", _SIZE, None), (_LEFT + label_w, spec.number, "F1", _SIZE, None),
             (date_x, "วันที่", "F2", _SIZE, None),
             (date_x + page.width("วันที่", "F2") + 8, spec.date, "F1", _SIZE, None))
    page.labelled("เรื่อง", spec.subject)
    page.canvas.line(_LEFT, page.y + 14, _RIGHT, page.y + 14)
    page.labelled("เรียน", spec.to)
    for para in spec.body:
        page.paragraph(para)
    page.y -= 40
    page.text(f"({spec.signer})", 290.0)
    for line in spec.position:
        page.text(line, 280.0)
    if spec.secrecy:
        page.y = 60.0
        page.stamp(spec.secrecy)
    return page.pdf(spec.subject)


def _headed(heading: str, number: str, subject: str, body: tuple[str, ...], given: str,
            signer: str, position: tuple[str, ...]) -> bytes:
    """A คำสั่ง or ประกาศ: centred heading (and number), เรื่อง, text, "… ณ วันที่ …"."""
    page = _Page()
    page.y -= 40  # the Garuda
    page.centered(heading, "F2", 18)
    if number:
        page.centered(f"ที่ {number}", "F2", 18)
    page.centered(f"เรื่อง {subject}", "F2", 18)
    page.centered("------------------------------", gap=26)
    for para in body:
        page.paragraph(para)
    page.y -= 8
    page.text(given, 200.0)
    page.y -= 40
    page.text(f"({signer})", 290.0)
    for line in position:
        page.text(line, 280.0)
    return page.pdf(subject)


@cache
def held_out() -> tuple[SampleLetter, ...]:
    """Five more letters, written after the intake rules were settled on :func:`corpus`
    and never used to tune them: the bench reports them apart, as the fairer figure."""
    return (
        SampleLetter("hospital_thai_digits_urgent", _external(_External(
            number=_th("นม 0032.301/2345"),
            agency=("โรงพยาบาลมหาราชนครราชสีมา", _th("49 ถนนช้างเผือก ตำบลในเมือง"),
                    _th("อำเภอเมืองนครราชสีมา จังหวัดนครราชสีมา 30000")),
            date=_th("18 ตุลาคม 2569"),
            subject="ขอความร่วมมือประชาสัมพันธ์การรับบริจาคโลหิต",
            to="นายแพทย์สาธารณสุขจังหวัดนครราชสีมา",
            body=("ด้วยโรงพยาบาลมหาราชนครราชสีมามีความประสงค์จัดกิจกรรมรับบริจาคโลหิต",
                  "จึงเรียนมาเพื่อโปรดพิจารณาให้ความร่วมมือ"),
            signer="นายแพทย์ชัยวัฒน์ รักษาดี",
            position=("ผู้อำนวยการโรงพยาบาลมหาราชนครราชสีมา",), urgency="ด่วน")),
            {"subject": "ขอความร่วมมือประชาสัมพันธ์การรับบริจาคโลหิต",
             "letter_number": "นม 0032.301/2345", "letter_date": dt.date(2026, 10, 18),
             "sender": "โรงพยาบาลมหาราชนครราชสีมา",
             "recipient": "นายแพทย์สาธารณสุขจังหวัดนครราชสีมา", "urgency": Urgency.URGENT,
             "secrecy": None, "kind": LetterKind.EXTERNAL}),
        SampleLetter("memo_wrapped_agency_short_month", _memo(_Memo(
            agency="สำนักงานพัฒนาชุมชนจังหวัดนครราชสีมา กลุ่มงานส่งเสริมและพัฒนาเศรษฐกิจฐานราก "
                   "โทร. 0 4424 1234",
            number="นม 0019.3/88", date="7 ม.ค. 2570",
            subject="ขอความเห็นชอบแผนการจัดงานแสดงและจำหน่ายสินค้าหนึ่งตำบลหนึ่งผลิตภัณฑ์ "
                    "ประจำปี 2570 ณ ลานย่าโม",
            to="ปลัดจังหวัดนครราชสีมา",
            body=("ด้วยสำนักงานพัฒนาชุมชนจังหวัดกำหนดจัดงานแสดงและจำหน่ายสินค้า",
                  "จึงเรียนมาเพื่อโปรดพิจารณาให้ความเห็นชอบ"),
            signer="นางมาลี พัฒนา", position=("พัฒนาการจังหวัดนครราชสีมา",))),
            {"subject": "ขอความเห็นชอบแผนการจัดงานแสดงและจำหน่ายสินค้าหนึ่งตำบลหนึ่งผลิตภัณฑ์ "
                        "ประจำปี 2570 ณ ลานย่าโม",
             "letter_number": "นม 0019.3/88", "letter_date": dt.date(2027, 1, 7),
             "sender": "สำนักงานพัฒนาชุมชนจังหวัดนครราชสีมา กลุ่มงานส่งเสริมและพัฒนาเศรษฐกิจฐานราก",
             "recipient": "ปลัดจังหวัดนครราชสีมา", "urgency": None, "secrecy": None,
             "kind": LetterKind.INTERNAL}),
        SampleLetter("public_notice", _headed(
            "ประกาศองค์การบริหารส่วนจังหวัดนครราชสีมา", "",
            "รับสมัครบุคคลเพื่อสรรหาและเลือกสรรเป็นพนักงานจ้าง",
            ("ด้วยองค์การบริหารส่วนจังหวัดนครราชสีมาจะดำเนินการสรรหาและเลือกสรรบุคคล"
             "เพื่อจ้างเป็นพนักงานจ้างตามภารกิจ",),
            "ประกาศ ณ วันที่ 10 กันยายน พ.ศ. 2569", "นายประยูร ศรีสุข", ("นายกองค์การบริหารส่วนจังหวัดนครราชสีมา",)),
            {"subject": "รับสมัครบุคคลเพื่อสรรหาและเลือกสรรเป็นพนักงานจ้าง", "letter_number": None,
             "letter_date": dt.date(2026, 9, 10),
             "sender": "องค์การบริหารส่วนจังหวัดนครราชสีมา", "recipient": None,
             "urgency": None, "secrecy": None, "kind": LetterKind.PUBLIC_NOTICE}),
        SampleLetter("external_tight_number_secret", _external(_External(
            number="กค0402.4/ว1500",
            agency=("กรมบัญชีกลาง", "ถนนพระรามที่ 6 กทม. 10400"),
            date="15 มกราคม 2570",
            subject="การเบิกจ่ายเงินในระบบ GFMIS กรณีเร่งด่วน",
            to="ผู้ว่าราชการจังหวัด ทุกจังหวัด",
            body=("ด้วยกรมบัญชีกลางได้ปรับปรุงแนวทางการเบิกจ่ายเงินในระบบ GFMIS",
                  "จึงเรียนมาเพื่อโปรดทราบและแจ้งส่วนราชการที่เกี่ยวข้อง"),
            signer="นางสาวกมลา บัญชี", position=("อธิบดีกรมบัญชีกลาง",), secrecy="ลับ")),
            {"subject": "การเบิกจ่ายเงินในระบบ GFMIS กรณีเร่งด่วน",
             "letter_number": "กค 0402.4/ว 1500", "letter_date": dt.date(2027, 1, 15),
             "sender": "กรมบัญชีกลาง", "recipient": "ผู้ว่าราชการจังหวัด ทุกจังหวัด",
             "urgency": None, "secrecy": Secrecy.CONFIDENTIAL, "kind": LetterKind.EXTERNAL}),
        SampleLetter("external_high_salutation", _external(_External(
            number="สธ 0201.042/567",
            agency=("สำนักงานปลัดกระทรวงสาธารณสุข", "ถนนติวานนท์ อำเภอเมือง",
                    "จังหวัดนนทบุรี 11000"),
            date="2 พฤศจิกายน 2569",
            subject="ขอเชิญเป็นประธานในพิธีเปิดการประชุมวิชาการ",
            to="ผู้ว่าราชการจังหวัดนครราชสีมา",
            body=("ด้วยสำนักงานปลัดกระทรวงสาธารณสุขกำหนดจัดประชุมวิชาการประจำปี",
                  "จึงเรียนมาเพื่อโปรดพิจารณา"),
            signer="นายแพทย์สมหมาย ใจงาม", position=("ปลัดกระทรวงสาธารณสุข",),
            urgency="ด่วนมาก")),
            {"subject": "ขอเชิญเป็นประธานในพิธีเปิดการประชุมวิชาการ",
             "letter_number": "สธ 0201.042/567", "letter_date": dt.date(2026, 11, 2),
             "sender": "สำนักงานปลัดกระทรวงสาธารณสุข",
             "recipient": "ผู้ว่าราชการจังหวัดนครราชสีมา", "urgency": Urgency.VERY_URGENT,
             "secrecy": None, "kind": LetterKind.EXTERNAL}),
    )


def plain_pdf(lines: list[str]) -> bytes:
    """A page with just these lines (a letter that prints no เรื่อง, say)."""
    page = _Page()
    for line in lines:
        page.text(line)
    return page.pdf("")


def _th(text: str) -> str:
    return to_thai_digits(text)


@cache
def corpus() -> tuple[SampleLetter, ...]:
    """The ten letters (built once per process, a few ms each)."""
    korat = "สำนักงานจังหวัดนครราชสีมา"
    letters = [
        SampleLetter("external_plain", _external(_External(
            number="นม 0017.1/1234",
            agency=(korat, "ศาลากลางจังหวัดนครราชสีมา ถนนมหาดไทย",
                    "อำเภอเมืองนครราชสีมา นม 30000"),
            date="25 พฤศจิกายน 2569",
            subject="ขอเชิญประชุมคณะกรรมการบริหารงานจังหวัดแบบบูรณาการ",
            to="นายอำเภอปากช่อง",
            body=("ด้วยจังหวัดนครราชสีมากำหนดประชุมคณะกรรมการบริหารงานจังหวัดแบบบูรณาการ "
                  "ครั้งที่ 4/2569 ในวันที่ 2 ธันวาคม 2569 เวลา 09.30 น. ณ ห้องประชุมศาลากลาง",
                  "จึงเรียนมาเพื่อโปรดเข้าร่วมประชุมตามวัน เวลา และสถานที่ดังกล่าว"),
            signer="นายสมชาย ใจดี", position=("ผู้ว่าราชการจังหวัดนครราชสีมา",),
            owner=("กลุ่มงานยุทธศาสตร์และข้อมูลเพื่อการพัฒนาจังหวัด", "โทร. 0 4424 3581"))),
            {"subject": "ขอเชิญประชุมคณะกรรมการบริหารงานจังหวัดแบบบูรณาการ",
             "letter_number": "นม 0017.1/1234", "letter_date": dt.date(2026, 11, 25),
             "sender": korat, "recipient": "นายอำเภอปากช่อง", "urgency": None,
             "secrecy": None, "kind": LetterKind.EXTERNAL}),
        SampleLetter("external_thai_digits_circular", _external(_External(
            number=_th("มท 0211.3/ว 123"),
            agency=("กรมส่งเสริมการปกครองท้องถิ่น", _th("ถนนนครราชสีมา เขตดุสิต กทม. 10300")),
            date=_th("25 พฤศจิกายน 2569"),
            subject=_th("ซักซ้อมแนวทางการจัดทำแผนพัฒนาท้องถิ่นและการติดตามประเมินผลแผนพัฒนา"
                        "ท้องถิ่นขององค์กรปกครองส่วนท้องถิ่น ประจำปีงบประมาณ พ.ศ. 2570"),
            to="ผู้ว่าราชการจังหวัด ทุกจังหวัด",
            body=(_th("ด้วยกรมส่งเสริมการปกครองท้องถิ่นได้รับแจ้งจากกระทรวงมหาดไทยให้ซักซ้อม"
                      "แนวทางการจัดทำแผนพัฒนาท้องถิ่นให้แล้วเสร็จภายในวันที่ 31 ธันวาคม 2569"),
                  "จึงเรียนมาเพื่อโปรดทราบและแจ้งองค์กรปกครองส่วนท้องถิ่นถือปฏิบัติโดยด่วน"),
            signer="นายประเสริฐ มั่นคง", position=("อธิบดีกรมส่งเสริมการปกครองท้องถิ่น",),
            urgency="ด่วนที่สุด",
            owner=("กองพัฒนาและส่งเสริมการบริหารงานท้องถิ่น", _th("โทร. 0 2241 9000")))),
            {"subject": "ซักซ้อมแนวทางการจัดทำแผนพัฒนาท้องถิ่นและการติดตามประเมินผลแผนพัฒนา"
                        "ท้องถิ่นขององค์กรปกครองส่วนท้องถิ่น ประจำปีงบประมาณ พ.ศ. 2570",
             "letter_number": "มท 0211.3/ว 123", "letter_date": dt.date(2026, 11, 25),
             "sender": "กรมส่งเสริมการปกครองท้องถิ่น",
             "recipient": "ผู้ว่าราชการจังหวัด ทุกจังหวัด", "urgency": Urgency.MOST_URGENT,
             "secrecy": None, "kind": LetterKind.EXTERNAL}),
        SampleLetter("memo_plain", _memo(_Memo(
            agency="กลุ่มงานบริหารทรัพยากรบุคคล สำนักงานจังหวัดนครราชสีมา โทร. 0 4424 2911",
            number="นม 0017.2/456", date="3 มีนาคม 2569",
            subject="ขออนุมัติเดินทางไปราชการ",
            to="หัวหน้าสำนักงานจังหวัดนครราชสีมา",
            body=("ด้วยข้าพเจ้าได้รับเชิญเข้าร่วมอบรมหลักสูตรการบริหารงานบุคคล ระหว่างวันที่ "
                  "10 - 12 มีนาคม 2569 ณ กรุงเทพมหานคร",
                  "จึงเรียนมาเพื่อโปรดพิจารณาอนุมัติ"),
            signer="นางสาวสุดา รักงาน", position=("นักทรัพยากรบุคคลชำนาญการ",))),
            {"subject": "ขออนุมัติเดินทางไปราชการ", "letter_number": "นม 0017.2/456",
             "letter_date": dt.date(2026, 3, 3),
             "sender": "กลุ่มงานบริหารทรัพยากรบุคคล สำนักงานจังหวัดนครราชสีมา",
             "recipient": "หัวหน้าสำนักงานจังหวัดนครราชสีมา", "urgency": None,
             "secrecy": None, "kind": LetterKind.INTERNAL}),
        SampleLetter("memo_thai_digits_secret", _memo(_Memo(
            agency=_th("ที่ทำการปกครองจังหวัดนครราชสีมา กลุ่มงานความมั่นคง โทร. 0 4424 2222"),
            number=_th("นม 0018.3/789"), date=_th("25 พ.ย. 2569"),
            subject="รายงานสถานการณ์ความมั่นคงในพื้นที่ชายแดน",
            to="ผู้ว่าราชการจังหวัดนครราชสีมา",
            body=("ตามที่จังหวัดได้สั่งการให้รายงานสถานการณ์ความมั่นคงในพื้นที่ทุกเดือน "
                  "บัดนี้ได้รวบรวมข้อมูลเรียบร้อยแล้ว รายละเอียดตามเอกสารที่แนบ",
                  "จึงเรียนมาเพื่อโปรดทราบ"),
            signer="นายวีระ กล้าหาญ", position=("ปลัดจังหวัดนครราชสีมา",),
            urgency="ด่วนมาก", secrecy="ลับ")),
            {"subject": "รายงานสถานการณ์ความมั่นคงในพื้นที่ชายแดน",
             "letter_number": "นม 0018.3/789", "letter_date": dt.date(2026, 11, 25),
             "sender": "ที่ทำการปกครองจังหวัดนครราชสีมา กลุ่มงานความมั่นคง",
             "recipient": "ผู้ว่าราชการจังหวัดนครราชสีมา", "urgency": Urgency.VERY_URGENT,
             "secrecy": Secrecy.CONFIDENTIAL, "kind": LetterKind.INTERNAL}),
        SampleLetter("external_numeric_date_two_line_agency", _external(_External(
            number="ศธ 04002/ว 5678",
            agency=("สำนักงานเขตพื้นที่การศึกษาประถมศึกษา", "นครราชสีมา เขต 1",
                    "ถนนมิตรภาพ ตำบลในเมือง อำเภอเมือง", "จังหวัดนครราชสีมา 30000"),
            date="25/11/2569",
            subject="ขอความอนุเคราะห์ข้อมูลนักเรียนที่ได้รับผลกระทบจากอุทกภัย",
            to="ผู้ว่าราชการจังหวัดนครราชสีมา",
            body=("ด้วยสำนักงานเขตพื้นที่การศึกษาประถมศึกษานครราชสีมา เขต 1 "
                  "มีความประสงค์ขอข้อมูลนักเรียนที่ได้รับผลกระทบจากอุทกภัย เพื่อใช้ประกอบการช่วยเหลือ",
                  "จึงเรียนมาเพื่อโปรดพิจารณาให้ความอนุเคราะห์"),
            signer="นายมานพ ศึกษาดี",
            position=("ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษานครราชสีมา เขต 1",),
            urgency="ด่วน", secrecy="ลับมาก")),
            {"subject": "ขอความอนุเคราะห์ข้อมูลนักเรียนที่ได้รับผลกระทบจากอุทกภัย",
             "letter_number": "ศธ 04002/ว 5678", "letter_date": dt.date(2026, 11, 25),
             "sender": "สำนักงานเขตพื้นที่การศึกษาประถมศึกษานครราชสีมา เขต 1",
             "recipient": "ผู้ว่าราชการจังหวัดนครราชสีมา", "urgency": Urgency.URGENT,
             "secrecy": Secrecy.SECRET, "kind": LetterKind.EXTERNAL}),
        SampleLetter("company_ce_date", _external(_External(
            number="",
            agency=("บริษัท โคราชก่อสร้าง จำกัด", "เลขที่ 99 ถนนสุรนารายณ์ ตำบลหัวทะเล",
                    "อำเภอเมือง จังหวัดนครราชสีมา 30000"),
            date="15 ธันวาคม 2026",
            subject="ขอส่งมอบงานก่อสร้างอาคารศูนย์ราชการ",
            to="ผู้ว่าราชการจังหวัดนครราชสีมา",
            body=("ตามสัญญาจ้างเลขที่ 12/2569 ลงวันที่ 1 มิถุนายน 2569 บริษัทได้ดำเนินการก่อสร้าง"
                  "อาคารศูนย์ราชการแล้วเสร็จ จึงขอส่งมอบงานงวดสุดท้าย",
                  "จึงเรียนมาเพื่อโปรดแต่งตั้งคณะกรรมการตรวจรับพัสดุ"),
            signer="นายสมศักดิ์ สร้างดี", position=("กรรมการผู้จัดการ",))),
            {"subject": "ขอส่งมอบงานก่อสร้างอาคารศูนย์ราชการ", "letter_number": None,
             "letter_date": dt.date(2026, 12, 15), "sender": "บริษัท โคราชก่อสร้าง จำกัด",
             "recipient": "ผู้ว่าราชการจังหวัดนครราชสีมา", "urgency": None, "secrecy": None,
             "kind": None}),
        SampleLetter("directive_thai_digits", _headed(
            "คำสั่งจังหวัดนครราชสีมา", _th("123/2569"),
            "แต่งตั้งคณะกรรมการตรวจรับพัสดุ",
            ("เพื่อให้การตรวจรับพัสดุโครงการก่อสร้างอาคารศูนย์ราชการเป็นไปด้วยความเรียบร้อย "
             "อาศัยอำนาจตามระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ",
             "ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป"),
            _th("สั่ง ณ วันที่ 20 พฤศจิกายน พ.ศ. 2569"), "นายสมชาย ใจดี", ("ผู้ว่าราชการจังหวัดนครราชสีมา",)),
            {"subject": "แต่งตั้งคณะกรรมการตรวจรับพัสดุ", "letter_number": "123/2569",
             "letter_date": dt.date(2026, 11, 20), "sender": "จังหวัดนครราชสีมา",
             "recipient": None, "urgency": None, "secrecy": None,
             "kind": LetterKind.DIRECTIVE}),
        SampleLetter("external_traps_on_behalf", _external(_External(
            number="นม 0023.4/2468",
            agency=("ที่ว่าการอำเภอปากช่อง", "ถนนมิตรภาพ อำเภอปากช่อง นม 30130"),
            date="2 ธ.ค. 2569",
            subject="ขอรายงานผลการดำเนินงานโครงการหมู่บ้านเศรษฐกิจพอเพียงและการแก้ไขปัญหา"
                    "ความยากจนแบบบูรณาการของอำเภอปากช่อง ประจำไตรมาสที่ 4 ปีงบประมาณ "
                    "พ.ศ. 2569 ตามแผนปฏิบัติราชการของจังหวัด",
            to="ผู้ว่าราชการจังหวัดนครราชสีมา",
            reference="หนังสือจังหวัดนครราชสีมา ที่ นม 0017.1/ว 999 ลงวันที่ 1 ตุลาคม 2569",
            enclosure="รายงานผลการดำเนินงาน จำนวน 1 ชุด",
            body=("ตามที่จังหวัดแจ้งให้อำเภอรายงานผลการดำเนินงานโครงการ ภายในวันที่ "
                  "15 ธันวาคม 2569 นั้น อำเภอปากช่องได้ดำเนินการแล้ว รายละเอียดปรากฏตาม"
                  "สิ่งที่ส่งมาด้วย",
                  "จึงเรียนมาเพื่อโปรดทราบ และขอได้โปรดพิจารณาสั่งการโดยด่วน"),
            signer="นายอนันต์ ปกครอง",
            position=("ปลัดอำเภอ หัวหน้ากลุ่มงานบริหารงานปกครอง ปฏิบัติราชการแทน",
                      "นายอำเภอปากช่อง"),
            owner=("ฝ่ายบริหารงานปกครอง", "โทร. 0 4431 1234"))),
            {"subject": "ขอรายงานผลการดำเนินงานโครงการหมู่บ้านเศรษฐกิจพอเพียงและการแก้ไขปัญหา"
                        "ความยากจนแบบบูรณาการของอำเภอปากช่อง ประจำไตรมาสที่ 4 ปีงบประมาณ "
                        "พ.ศ. 2569 ตามแผนปฏิบัติราชการของจังหวัด",
             "letter_number": "นม 0023.4/2468", "letter_date": dt.date(2026, 12, 2),
             "sender": "ที่ว่าการอำเภอปากช่อง", "recipient": "ผู้ว่าราชการจังหวัดนครราชสีมา",
             "urgency": None, "secrecy": None, "kind": LetterKind.EXTERNAL}),
        SampleLetter("memo_formal_date_top_secret", _memo(_Memo(
            agency=_th("สำนักงานจังหวัดนครราชสีมา กลุ่มงานอำนวยการ โทร. 0 4424 3000"),
            number=_th("นม 0017.6/ว 77"), date=_th("1 เดือน ธันวาคม พ.ศ. 2569"),
            subject="แผนรักษาความปลอดภัยในการเสด็จพระราชดำเนินเยือนจังหวัดนครราชสีมา "
                    "และมาตรการดูแลความสงบเรียบร้อยในพื้นที่โดยรอบ",
            to="หัวหน้าส่วนราชการประจำจังหวัดนครราชสีมา",
            body=("ด้วยจังหวัดจะจัดประชุมเตรียมการรักษาความปลอดภัย จึงขอให้ทุกส่วนราชการ"
                  "ถือปฏิบัติตามแผนที่แนบอย่างเคร่งครัด",
                  "จึงเรียนมาเพื่อทราบและถือปฏิบัติ"),
            signer="นายสมชาย ใจดี", position=("ผู้ว่าราชการจังหวัดนครราชสีมา",),
            urgency="ด่วนที่สุด", secrecy="ลับที่สุด")),
            {"subject": "แผนรักษาความปลอดภัยในการเสด็จพระราชดำเนินเยือนจังหวัดนครราชสีมา "
                        "และมาตรการดูแลความสงบเรียบร้อยในพื้นที่โดยรอบ",
             "letter_number": "นม 0017.6/ว 77", "letter_date": dt.date(2026, 12, 1),
             "sender": "สำนักงานจังหวัดนครราชสีมา กลุ่มงานอำนวยการ",
             "recipient": "หัวหน้าส่วนราชการประจำจังหวัดนครราชสีมา",
             "urgency": Urgency.MOST_URGENT, "secrecy": Secrecy.TOP_SECRET,
             "kind": LetterKind.INTERNAL}),
        SampleLetter("external_letterhead_above_short_year", _external(_External(
            number="นม 0023.9/15",
            agency=("องค์การบริหารส่วนตำบลหนองสาหร่าย", "อำเภอปากช่อง จังหวัดนครราชสีมา 30130"),
            date="5 ม.ค. 70",
            subject="ขอรับการสนับสนุนงบประมาณซ่อมแซมถนนสายหลักของตำบล",
            to="นายอำเภอปากช่อง",
            body=("ด้วยถนนสายหลักของตำบลหนองสาหร่ายชำรุดเสียหายจากอุทกภัย "
                  "องค์การบริหารส่วนตำบลจึงขอรับการสนับสนุนงบประมาณ",
                  "จึงเรียนมาเพื่อโปรดพิจารณา"),
            signer="นายบุญมี ทำดี", position=("นายกองค์การบริหารส่วนตำบลหนองสาหร่าย",),
            urgency="ด่วนมาก", letterhead_above=True)),
            {"subject": "ขอรับการสนับสนุนงบประมาณซ่อมแซมถนนสายหลักของตำบล",
             "letter_number": "นม 0023.9/15", "letter_date": dt.date(2027, 1, 5),
             "sender": "องค์การบริหารส่วนตำบลหนองสาหร่าย", "recipient": "นายอำเภอปากช่อง",
             "urgency": Urgency.VERY_URGENT, "secrecy": None, "kind": LetterKind.EXTERNAL}),
    ]
    return tuple(letters)
