"""Intake on the ten sample letters, through the real text extraction: every field a
letter prints is proposed right, and nothing is proposed that it does not print."""

from __future__ import annotations

import re

import pytest

from korat_desktop.domain.intake import propose_fields
from korat_desktop.pdf.text import extract_text
from tests.support.intake_corpus import FIELDS, corpus, held_out

LETTERS = corpus()


def same(got: object, expected: object) -> bool:
    """Text fields compare without spaces: a wrapped Thai line gives no sign whether a
    space stood where it broke ("ท้องถิ่น ประจำปี"), and Thai needs none between words."""
    if isinstance(got, str) and isinstance(expected, str):
        return re.sub(r"\s+", "", got) == re.sub(r"\s+", "", expected)
    return got == expected


def test_the_corpus_is_ten_varied_letters():
    assert len(LETTERS) == 10 and len({s.name for s in LETTERS}) == 10
    texts = [extract_text(s.pdf) for s in LETTERS]
    assert sum("บันทึกข้อความ" in t for t in texts) == 3
    assert sum(bool(re.search("[๐-๙]", t)) for t in texts) >= 4
    assert len({s.expected["urgency"] for s in LETTERS}) == 4  # normal and all three
    assert len({s.expected["secrecy"] for s in LETTERS}) == 4  # none and all three


@pytest.mark.parametrize("field", FIELDS)
def test_each_field_is_read_right_on_every_letter(field):
    wrong = []
    for sample in LETTERS + held_out():
        text = extract_text(sample.pdf)
        proposal = getattr(propose_fields(text), field)
        got = proposal.value if proposal is not None else None
        if not same(got, sample.expected[field]):
            wrong.append(f"{sample.name}: {got!r} != {sample.expected[field]!r}")
        if proposal is not None and "\n" not in proposal.span.text:
            assert text[proposal.span.start:proposal.span.end] == proposal.span.text
    assert wrong == []


def test_a_wrapped_subject_is_read_whole():
    sample = next(s for s in LETTERS if s.name == "external_traps_on_behalf")
    proposal = propose_fields(extract_text(sample.pdf)).subject
    assert proposal is not None and proposal.span.text.count("\n") == 3
    assert proposal.value.endswith("ตามแผนปฏิบัติราชการของจังหวัด")
