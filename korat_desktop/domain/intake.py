"""Smart intake: the register fields a letter's own text proposes.

A clerk receiving a PDF would otherwise retype what the letter already prints: its
เรื่อง, its ที่, its date, who sent it, its ชั้นความเร็ว and ชั้นความลับ. This module reads
the extracted text (see :mod:`korat_desktop.pdf.text`) the way a clerk reads the page,
from the layout the regulation prescribes (ระเบียบงานสารบรรณ: external letters carry
ที่ on the left with the issuing agency's letterhead on the right, then the date, then
เรื่อง and เรียน; internal memos carry ส่วนราชการ, ที่ and วันที่, then เรื่อง).

Nothing here is applied silently: each :class:`FieldProposal` says the value, the text
it came from (:class:`TextSpan`, offsets into the text given) and how sure the rule is
(``confidence``, 0 to 1), so the window can mark every pre-filled field as proposed and
the command line can say which fields it used. A field the text does not show is left
out rather than guessed.

Pure Python, no Qt, no I/O: the same text always gives the same proposals.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields
from typing import Generic, TypeVar

from korat_desktop.domain.digits import to_ascii_digits
from korat_desktop.domain.letters import LabelledEnum, LetterKind, Secrecy, Urgency
from korat_desktop.domain.thai_dates import FoundDate, find_dates

__all__ = [
    "IntakeField",
    "TextSpan",
    "FieldProposal",
    "IntakeProposals",
    "propose_fields",
    "letter_number_key",
    "CONFIDENT",
]

V = TypeVar("V")

CONFIDENT = 0.8
"""At or above this, a proposal comes from the place the regulation puts the field;
below it the rule found the value somewhere less certain (the window says so)."""


class IntakeField(LabelledEnum):
    """The register fields intake can propose (value: the LetterIntake field's name)."""

    SUBJECT = ("subject", "เรื่อง", "Subject")
    LETTER_NUMBER = ("letter_number", "ที่", "Letter number")
    LETTER_DATE = ("letter_date", "ลงวันที่", "Letter date")
    SENDER = ("sender", "จาก", "From")
    RECIPIENT = ("recipient", "ถึง", "To")
    URGENCY = ("urgency", "ชั้นความเร็ว", "Urgency")
    SECRECY = ("secrecy", "ชั้นความลับ", "Secrecy")
    KIND = ("kind", "ประเภทหนังสือ", "Kind of letter")


@dataclass(frozen=True)
class TextSpan:
    """Where a proposal was read: ``text[start:end]`` of the text that was given."""

    start: int
    end: int
    text: str
    line: int  # 1-based line of the text, to point a person at it


@dataclass(frozen=True)
class FieldProposal(Generic[V]):
    """One field's proposed value, the text it came from and how sure the rule is."""

    field: IntakeField
    value: V
    span: TextSpan
    confidence: float
    rule: str  # which reading found it: "letterhead", "memo_header", "signature", ...

    @property
    def confident(self) -> bool:
        return self.confidence >= CONFIDENT


@dataclass(frozen=True)
class IntakeProposals:
    """What a letter's text proposes; a field is None when the text does not show it."""

    subject: FieldProposal[str] | None = None
    letter_number: FieldProposal[str] | None = None
    letter_date: FieldProposal[dt.date] | None = None
    sender: FieldProposal[str] | None = None
    recipient: FieldProposal[str] | None = None
    urgency: FieldProposal[Urgency] | None = None
    secrecy: FieldProposal[Secrecy] | None = None
    kind: FieldProposal[LetterKind] | None = None
    text_chars: int = 0  # how much text there was to read (0: a scan without text)

    def proposed(self) -> tuple[FieldProposal[object], ...]:
        """The proposals made, in the order the register shows the fields."""
        found = []
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, FieldProposal):
                found.append(value)
        return tuple(found)

    def missing(self) -> tuple[IntakeField, ...]:
        """The fields the text did not show."""
        have = {p.field for p in self.proposed()}
        return tuple(f for f in IntakeField if f not in have)


# -- lines of text with their offsets -----------------------------------------------------
@dataclass(frozen=True)
class _Line:
    index: int  # 0-based
    start: int  # offset of the first non-blank character in the whole text
    text: str  # stripped
    folded: str  # the same with Thai digits as ASCII (same length, same offsets)

    def span(self, begin: int = 0, end: int | None = None) -> TextSpan:
        """A span of this line, ``begin``/``end`` relative to the stripped text."""
        end = len(self.text) if end is None else end
        piece = self.text[begin:end]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        return TextSpan(self.start + begin + lead, self.start + end - trail, piece.strip(),
                        self.index + 1)


def _lines(text: str) -> list[_Line]:
    lines = []
    offset = 0
    for index, raw in enumerate(text.split("\n")):
        lead = len(raw) - len(raw.lstrip())
        stripped = raw.strip()
        lines.append(_Line(index, offset + lead, stripped, to_ascii_digits(stripped)))
        offset += len(raw) + 1
    return lines


def _joined_span(parts: list[TextSpan]) -> TextSpan:
    return TextSpan(parts[0].start, parts[-1].end, "\n".join(p.text for p in parts),
                    parts[0].line)


_THAI_LETTER = re.compile(r"[\u0e01-\u0e4f]")


def _join_wrapped(parts: list[str]) -> str:
    """Lines of one wrapped field as one line: Thai puts no space between words, so two
    Thai letters meet without one; anything else (digits, Latin, ๓/๒๕๖๙) keeps a space."""
    out = parts[0]
    for part in parts[1:]:
        if _THAI_LETTER.match(out[-1:]) and _THAI_LETTER.match(part[:1]):
            out += part
        else:
            out += " " + part
    return out


# -- the words that mark a letter's parts ---------------------------------------------------
_SALUTATION = re.compile(r"^(?:เรียน|กราบเรียน)(?:\s+|$)")
_SUBJECT = re.compile(r"^เรื่อง\s*[:：]?\s*")
_STOP_AFTER_SUBJECT = re.compile(
    r"^(?:เรียน|กราบเรียน|ถึง\s|อ้างถึง|สิ่งที่ส่งมาด้วย|สิ่งที่แนบมาด้วย|ด้วย|ตามที่|ตาม\s|"
    r"ส่วนราชการ|วันที่|ลงวันที่|ที่\s|[-_=.·…\s]{3,}$)")
_URGENCY_WORDS = (("ด่วนที่สุด", Urgency.MOST_URGENT), ("ด่วนมาก", Urgency.VERY_URGENT),
                  ("ด่วน", Urgency.URGENT))
_SECRECY_WORDS = (("ลับที่สุด", Secrecy.TOP_SECRET), ("ลับมาก", Secrecy.SECRET),
                  ("ลับ", Secrecy.CONFIDENTIAL))
# ที่ of a letter: agency letter code (Thai consonants), office digits, /, ว for a
# circular, the send-register number: "ที่ นม 0017.1/1234", "ที่ มท ๐๒๑๑.๓/ว ๑๒๓".
# Not "วันที่", "ครั้งที่", "ลำดับที่" (a Thai letter before it), not "ที่ว่าการ".
_NUMBER = re.compile(
    r"(?<![\u0e01-\u0e4f])ที่\s*(?P<code>[ก-ฮ][ก-ฮ.]{0,5}?)\.?\s*(?P<office>\d[\d.]*\d|\d)"
    r"\s*/\s*(?P<circular>ว\s*)?(?P<seq>\d{1,6})(?![\d.])")
# directives and some memos number on their own: "คำสั่งจังหวัด... ที่ 123/2569"
_BARE_NUMBER = re.compile(r"(?<![\u0e01-\u0e4f])ที่\s+(?P<seq>\d{1,6})\s*/\s*(?P<year>\d{4})"
                          r"(?![\d.])")
# "ที่ " before a number (not the start of "ที่ว่าการ..."): "ที่ วท 0123/4", "ที่นม 0017/1"
_THI_PREFIX = re.compile(r"^\s*ที่(?:\s+|(?=[ก-ฮ]{1,4}\s*\d))")
_MEMO_AGENCY = re.compile(r"^ส่วนราชการ(?!เจ้าของเรื่อง)\s*[:：]?\s*")
_PHONE = re.compile(r"\s*(?:โทร(?:ศัพท์|สาร)?\.?|Tel\.?)\s*.*$", re.IGNORECASE)
# an address line's words, where they begin a word ("องค์การบริหารส่วนตำบล..." is a name)
_ADDRESS = re.compile(r"(?:(?:^|\s)(?:ถนน|ถ\.|ตำบล|ต\.|แขวง|ซอย|ซ\.|หมู่ที่|หมู่\s|เลขที่|อ\.|"
                      r"จ\.|กทม)|(?<!\d)\d{5}(?!\d))")
# the date a directive or notice is given on, below its text: "สั่ง ณ วันที่ ..."
_GIVEN_ON = re.compile(r"^(?:สั่ง|ประกาศ|ให้ไว้)\s*ณ\s*วันที่\s*")
_DATE_LABEL = re.compile(r"^(?:ลง)?วันที่\s*")
_HEADINGS = ((re.compile(r"^บ\s*ั\s*น\s*ท\s*ึ\s*ก\s*ข\s*้\s*อ\s*ค\s*ว\s*า\s*ม$"),
              LetterKind.INTERNAL),  # letter-spaced headings come back spaced out
             (re.compile(r"^คำสั่ง(?!การ)"), LetterKind.DIRECTIVE),
             (re.compile(r"^(?:ระเบียบ|ข้อบังคับ)(?=\S)"), LetterKind.DIRECTIVE),
             (re.compile(r"^(?:ประกาศ|แถลงการณ์)(?=\S)"), LetterKind.PUBLIC_NOTICE))
_CLOSING = re.compile(r"^(?:ขอแสดงความนับถือ|ขอแสดงความนับถืออย่างยิ่ง|ด้วยความเคารพ"
                      r"|ขอแสดงความนับถือด้วยความเคารพ)")
_SIGNER_NAME = re.compile(r"^\(\s*[^()]{2,80}\s*\)$")
_SIGNATURE_END = re.compile(r"^(?:ส่วนราชการเจ้าของเรื่อง|โทร|สำเนา|หมายเหตุ|ลับ|ด่วน|www\.|"
                            r"E-?mail|ไปรษณีย์)", re.IGNORECASE)
_ON_BEHALF = "ปฏิบัติราชการแทน"
_TOP_LINES = 14  # how far down the letterhead, number and date may stand


def propose_fields(text: str) -> IntakeProposals:
    """The fields ``text`` (a letter's extracted text) proposes; see the module doc."""
    lines = _lines(text)
    if not any(line.text for line in lines):
        return IntakeProposals(text_chars=0)
    reader = _Reader(lines)
    return IntakeProposals(
        subject=reader.subject(), letter_number=reader.letter_number(),
        letter_date=reader.letter_date(), sender=reader.sender(),
        recipient=reader.recipient(), urgency=reader.class_stamp(
            IntakeField.URGENCY, _URGENCY_WORDS),
        secrecy=reader.class_stamp(IntakeField.SECRECY, _SECRECY_WORDS),
        kind=reader.kind(), text_chars=len(text.strip()))


def letter_number_key(number: str) -> str:
    """The form two letter numbers are compared in: no "ที่", no spaces, ASCII digits
    (``ที่ มท ๐๒๑๑.๓/ว ๑๒๓`` and ``มท 0211.3/ว123`` are one number)."""
    folded = _THI_PREFIX.sub("", to_ascii_digits(number))
    return re.sub(r"\s+", "", folded)


class _Reader:
    """One letter's lines and the landmarks every field is read relative to."""

    def __init__(self, lines: list[_Line]) -> None:
        self.lines = [line for line in lines if line.text]
        self.subject_at = next((i for i, line in enumerate(self.lines)
                                if _SUBJECT.match(line.text) and i < 30), None)
        self.salutation_at = next((i for i, line in enumerate(self.lines)
                                   if _SALUTATION.match(line.text)), None)
        # the header: what stands before เรื่อง (else before เรียน, else the top lines)
        end = self.subject_at if self.subject_at is not None else self.salutation_at
        self.header = self.lines[:end if end is not None else _TOP_LINES]
        self._number: tuple[_Line, re.Match[str]] | None = self._find_number()

    # -- ที่ --------------------------------------------------------------------------
    def _find_number(self) -> tuple[_Line, re.Match[str]] | None:
        for pattern in (_NUMBER, _BARE_NUMBER):
            for line in self.header:
                match = pattern.search(line.folded)
                if match is not None:
                    return line, match
        return None

    def letter_number(self) -> FieldProposal[str] | None:
        if self._number is None:
            return None
        line, match = self._number
        groups = match.groupdict()
        if "code" in groups:
            circular = "ว " if groups["circular"] else ""
            value = f"{groups['code'].rstrip('.')} {groups['office']}/{circular}{groups['seq']}"
            confidence = 0.95 if match.start() == 0 else 0.8
            rule = "number"
        else:
            value = f"{groups['seq']}/{groups['year']}"
            confidence, rule = 0.7, "directive_number"
        start = match.start() + len("ที่")
        return FieldProposal(IntakeField.LETTER_NUMBER, value,
                             line.span(start, match.end()), confidence, rule)

    # -- ลงวันที่ ------------------------------------------------------------------------
    def letter_date(self) -> FieldProposal[dt.date] | None:
        best: tuple[float, _Line, FoundDate, str] | None = None
        for line in self.header:
            for found in find_dates(line.text):
                before = line.folded[:found.start].rstrip()
                after = line.folded[found.end:].strip()
                labelled = bool(re.search(r"(?:^|\s|\d)(?:ลง)?วันที่$", before))
                if not before and not after:
                    score, rule = 0.9, "date_line"  # an external letter's date line
                elif labelled and not after:
                    score, rule = 0.9, "date_label"  # a memo's "วันที่ ..." or "ลงวันที่"
                elif labelled:
                    score, rule = 0.75, "date_label"
                else:
                    score, rule = 0.55, "date_in_header"
                if found.short_year:
                    score -= 0.15
                if found.era == "ce":
                    score -= 0.1
                if best is None or score > best[0]:
                    best = (score, line, found, rule)
        if best is None:
            best = self._given_on()
        if best is None:
            return None
        score, line, found, rule = best
        return FieldProposal(IntakeField.LETTER_DATE, found.day,
                             line.span(found.start, found.end), round(score, 2), rule)

    def _given_on(self) -> tuple[float, _Line, FoundDate, str] | None:
        for line in self.lines:
            label = _GIVEN_ON.match(line.text)
            if label is None:
                continue
            for found in find_dates(line.text):
                if found.start >= label.end():
                    return 0.85, line, found, "given_on"
        return None

    # -- เรื่อง ------------------------------------------------------------------------
    def subject(self) -> FieldProposal[str] | None:
        if self.subject_at is None:
            return None
        first = self.lines[self.subject_at]
        label = _SUBJECT.match(first.text)
        assert label is not None
        spans = [first.span(label.end())] if first.text[label.end():].strip() else []
        following = self.lines[self.subject_at + 1:self.subject_at + 6]
        ended = False
        for line in following:
            if _STOP_AFTER_SUBJECT.match(line.text) or _is_date_line(line):
                ended = True
                break
            if len(spans) >= 4:
                break
            spans.append(line.span())
        if not spans:
            return None
        if not ended:  # no landmark after it: only the line with the label is sure
            if not first.text[label.end():].strip():
                return None
            spans = spans[:1]
        value = _plain(_join_wrapped([s.text for s in spans]))
        return FieldProposal(IntakeField.SUBJECT, value, _joined_span(spans),
                             0.9 if ended else 0.6, "subject_label")

    # -- ถึง (เรียน ...) -----------------------------------------------------------------
    def recipient(self) -> FieldProposal[str] | None:
        if self.salutation_at is None:
            return None
        line = self.lines[self.salutation_at]
        label = _SALUTATION.match(line.text)
        assert label is not None
        if not line.text[label.end():].strip():
            return None
        return FieldProposal(IntakeField.RECIPIENT, _plain(line.text[label.end():]),
                             line.span(label.end()), 0.85, "salutation")

    # -- จาก -------------------------------------------------------------------------
    def sender(self) -> FieldProposal[str] | None:
        return (self._memo_agency() or self._letterhead() or self._heading_agency()
                or self._top_line() or self._signature_position())

    def _memo_agency(self) -> FieldProposal[str] | None:
        for i, line in enumerate(self.header):
            label = _MEMO_AGENCY.match(line.text)
            if label is None:
                continue
            spans = [line.span(label.end())]
            if not spans[0].text:
                return None
            nxt = self.header[i + 1] if i + 1 < len(self.header) else None
            if (nxt is not None and not _PHONE.search(line.text)
                    and not _NUMBER.search(nxt.folded) and not _DATE_LABEL.match(nxt.text)
                    and not find_dates(nxt.text)):
                spans.append(nxt.span())
            value = _plain(_PHONE.sub("", _join_wrapped([s.text for s in spans])))
            if not value:
                return None
            return FieldProposal(IntakeField.SENDER, value, _joined_span(spans), 0.9,
                                 "memo_header")
        return None

    def _letterhead(self) -> FieldProposal[str] | None:
        """The issuing agency printed right of ที่ (the first line of its address)."""
        if self._number is None:
            return None
        line, match = self._number
        rest = line.text[match.end():]
        if rest.strip() and not _DATE_LABEL.match(rest.strip()) and not find_dates(rest):
            begin = match.end() + len(rest) - len(rest.lstrip())
            spans = [line.span(begin)]
            confidence = 0.85
        else:  # the letterhead on the line below ที่, or else above it
            at = self.header.index(line)
            below = self.header[at + 1] if at + 1 < len(self.header) else None
            above = self.header[at - 1] if at > 0 else None
            if below is not None and _may_be_agency(below):
                spans, confidence, line = [below.span()], 0.7, below
            elif above is not None and _may_be_agency(above):
                return FieldProposal(IntakeField.SENDER, _plain(above.text), above.span(),
                                     0.65, "letterhead")
            else:
                return None
        at = self.header.index(line)
        nxt = self.header[at + 1] if at + 1 < len(self.header) else None
        if (nxt is not None and not _ADDRESS.search(spans[0].text)
                and not _ADDRESS.search(nxt.folded) and not _is_date_line(nxt)
                and not _SUBJECT.match(nxt.text)):
            spans.append(nxt.span())
        value = _plain(_join_wrapped([s.text for s in spans]))
        return FieldProposal(IntakeField.SENDER, value, _joined_span(spans), confidence,
                             "letterhead")

    def _top_line(self) -> FieldProposal[str] | None:
        """A letter without ที่ (a company's, a citizen's): its first line names it."""
        if self._number is not None or (self.subject_at is None and self.salutation_at is None):
            return None  # not laid out as a letter: its first line may be anything
        for line in self.header[:4]:
            if _may_be_agency(line):
                return FieldProposal(IntakeField.SENDER, _plain(line.text), line.span(), 0.6,
                                     "letterhead_top")
        return None

    def _heading_agency(self) -> FieldProposal[str] | None:
        """``คำสั่งจังหวัดนครราชสีมา`` and ``ประกาศอำเภอปากช่อง`` name who issued them."""
        for line in self.header[:6]:
            match = re.match(r"^(?:คำสั่ง|ประกาศ)(?!การ)(?P<agency>\S.*?)(?:\s+ที่\s.*)?$",
                             line.text)
            if match is not None:
                return FieldProposal(IntakeField.SENDER, _plain(match.group("agency")),
                                     line.span(match.start("agency"), match.end("agency")),
                                     0.7, "heading")
        return None

    def _signature_position(self) -> FieldProposal[str] | None:
        """The signer's position under "(name)": who the letter speaks for."""
        start = self.salutation_at if self.salutation_at is not None else 0
        names = [i for i in range(start, len(self.lines))
                 if _SIGNER_NAME.match(self.lines[i].text)]
        if not names:
            return None
        position: list[_Line] = []
        for line in self.lines[names[-1] + 1:names[-1] + 4]:
            if _SIGNATURE_END.match(line.text) or _SIGNER_NAME.match(line.text):
                break
            position.append(line)
        if not position:
            return None
        chosen = position[-1]
        for i, line in enumerate(position):
            if _ON_BEHALF in line.text and i + 1 < len(position):
                chosen = position[i + 1]
        return FieldProposal(IntakeField.SENDER, _plain(chosen.text), chosen.span(), 0.5,
                             "signature")

    # -- ชั้นความเร็ว, ชั้นความลับ ------------------------------------------------------------
    def class_stamp(self, field: IntakeField, words: tuple[tuple[str, V], ...]
                    ) -> FieldProposal[V] | None:
        """A stamp printed on its own line (ด่วนที่สุด; ลับ top and bottom of the page), or
        at the start of a header line; never a word inside the body ("โดยด่วน")."""
        hits: list[tuple[_Line, str, V, bool]] = []
        header = {id(line) for line in self.header}
        for line in self.lines:
            for word, value in words:
                if line.text == word:
                    hits.append((line, word, value, True))
                    break
                if line.text.startswith(word + " ") and id(line) in header:
                    hits.append((line, word, value, False))
                    break
        if not hits:
            return None
        line, word, value, whole = hits[0]
        same = sum(1 for h in hits if h[2] == value)
        confidence = (0.9 if whole else 0.65) + (0.05 if same > 1 else 0.0)
        return FieldProposal(field, value, line.span(0, len(word)), round(confidence, 2),
                             "stamp_line" if whole else "stamp_in_line")

    # -- ประเภทหนังสือ --------------------------------------------------------------------
    def kind(self) -> FieldProposal[LetterKind] | None:
        for line in self.header[:6]:
            for pattern, kind in _HEADINGS:
                match = pattern.match(line.text)
                if match is not None:
                    confidence = 0.95 if kind is LetterKind.INTERNAL else 0.75
                    return FieldProposal(IntakeField.KIND, kind,
                                         line.span(0, match.end() or len(line.text)),
                                         confidence, "heading")
        if self._number is not None and self.salutation_at is not None:
            closing = next((line for line in self.lines[self.salutation_at:]
                            if _CLOSING.match(line.text)), None)
            if closing is not None:
                match = _CLOSING.match(closing.text)
                assert match is not None
                return FieldProposal(IntakeField.KIND, LetterKind.EXTERNAL,
                                     closing.span(0, match.end()), 0.8, "closing")
        return None


def _may_be_agency(line: _Line) -> bool:
    """A letterhead line naming an agency: not a stamp, heading, address, date or label."""
    text = line.text
    stamps = {w for w, _v in _URGENCY_WORDS} | {w for w, _v in _SECRECY_WORDS}
    return not (text in stamps or _ADDRESS.search(line.folded) or _is_date_line(line)
                or _SUBJECT.match(text) or _SALUTATION.match(text) or _NUMBER.search(line.folded)
                or any(p.match(text) for p, _k in _HEADINGS) or len(text) < 4)


def _plain(text: str) -> str:
    """A value as the register keeps it: ASCII digits (SARABAN: store ASCII, render
    per the agency's setting), one space between words."""
    return re.sub(r"\s+", " ", to_ascii_digits(text)).strip()


def _is_date_line(line: _Line) -> bool:
    """A line that is a date and nothing else (an external letter's date line)."""
    rest = _DATE_LABEL.sub("", line.text)
    found = find_dates(rest)
    return len(found) == 1 and found[0].start == 0 and found[0].end == len(rest)

