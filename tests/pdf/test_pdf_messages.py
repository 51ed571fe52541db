"""Every pdf error code has Thai and English text that formats."""

from __future__ import annotations

import re
import string

from korat_desktop.errors import PdfError
from korat_desktop.messages import catalogue
from korat_desktop.pdf.messages import MESSAGES


def test_messages_merge_and_placeholders_match() -> None:
    merged = catalogue()
    for code, (thai, english) in MESSAGES.items():
        assert code.startswith("pdf.") and merged[code] == (thai, english)
        fields_th = {f for _, f, _, _ in string.Formatter().parse(thai) if f}
        fields_en = {f for _, f, _, _ in string.Formatter().parse(english) if f}
        assert fields_th == fields_en
        params = dict.fromkeys(fields_th, "X")
        error = PdfError(code, **params)
        assert re.search("[\u0e00-\u0e7f]", error.message("th"))
        assert "{" not in error.message("en")
