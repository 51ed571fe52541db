"""Active content is found at the first look at a PDF (issue 13, item 10)."""

from __future__ import annotations

import pytest

from korat_desktop.pdf.active_content import active_content_warning
from korat_desktop.pdf.inspect import active_content_of, check_pdf
from tests.support.hostile_pdfs import ACTIVE_SAMPLES, active_letter

EXPECTED = {"open_action": ("javascript",), "names_javascript": ("javascript",),
            "launch": ("launch",), "attachment": ("embedded_files",),
            "attachment_annotation": ("embedded_files",)}


@pytest.mark.parametrize("kind", ACTIVE_SAMPLES)
def test_active_content_is_found(kind):
    data = active_letter(kind)
    assert check_pdf(data).active_content == EXPECTED[kind]
    assert active_content_of(data) == EXPECTED[kind]


def test_a_plain_letter_has_none(letter_pdf):
    assert check_pdf(letter_pdf).active_content == ()
    assert active_content_warning((), "th") == ""


def test_warning_names_the_kinds_in_thai_and_english():
    th = active_content_warning(("javascript", "embedded_files"), "th")
    en = active_content_warning(("javascript", "embedded_files"), "en")
    assert th.startswith("คำเตือน") and "JavaScript" in th and "ไฟล์แนบ" in th
    assert en.startswith("Warning") and "embedded files" in en
