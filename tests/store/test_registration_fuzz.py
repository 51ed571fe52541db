"""Fuzzing registration with mutated real letters (issue 13, tests and CI).

Every outcome must be a registered letter or a KoratError with a ``pdf.*`` code, one
file's alone: never another exception, never a lost or repeated number, and the store
stays consistent (``korat check``). Bounded: a fixed number of examples.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from korat_desktop.app import open_app
from korat_desktop.cli.main import main as korat_main
from korat_desktop.domain.registers import RegisterKind
from korat_desktop.pdf.sample import make_letter_pdf
from korat_desktop.services.registration import LetterIntake
from tests.support.hostile_pdfs import active_letter, uncompressed

_LETTER = make_letter_pdf("ขอเชิญประชุมคณะกรรมการ", ["ด้วยสำนักงานขอเชิญประชุม เลขที่ ๑๒๓"])
_SEEDS = (_LETTER, uncompressed(_LETTER), uncompressed(active_letter("attachment")))

_edit = st.tuples(st.sampled_from(("flip", "truncate", "insert", "delete")),
                  st.floats(0.0, 1.0, allow_nan=False), st.integers(0, 7),
                  st.binary(min_size=1, max_size=24))


@st.composite
def mutated_letters(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(_SEEDS)))
    for op, where, bit, blob in draw(st.lists(_edit, min_size=1, max_size=10)):
        at = min(int(where * len(data)), max(len(data) - 1, 0))
        if op == "flip" and data:
            data[at] ^= 1 << bit
        elif op == "truncate":
            del data[at:]
        elif op == "insert":
            data[at:at] = blob
        else:
            del data[at : at + len(blob)]
    return bytes(data)


@pytest.mark.slow
def test_mutated_letters_register_or_fail_alone_with_a_pdf_error(tmp_path: Path) -> None:
    data_dir = tmp_path / "office"
    app = open_app(data_dir, write=True, create=True)
    app.office.init("นม 0017.1", "สำนักงานจังหวัดนครราชสีมา")
    registered = [0]

    @settings(max_examples=80, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.lists(mutated_letters(), min_size=1, max_size=3))
    def register(pdfs: list[bytes]) -> None:
        items = [(pdf, LetterIntake(subject=f"ฉบับ {i}")) for i, pdf in enumerate(pdfs)]
        items.append((_LETTER, LetterIntake(subject="ฉบับดี")))
        result = app.registration.receive_many(items)
        assert all(f.code.startswith("pdf.") and f.layer == "pdf" for f in result.failures)
        assert sorted([f.index for f in result.failures]
                      + [int(e.subject.split()[-1]) if e.subject != "ฉบับดี" else len(pdfs)
                         for e in result.entries]) == list(range(len(items)))
        assert result.entries[-1].subject == "ฉบับดี", "the good letter is never lost"
        numbers = [e.number for e in result.entries]
        assert numbers == list(range(registered[0] + 1, registered[0] + 1 + len(numbers)))
        registered[0] += len(numbers)

    try:
        register()
        assert app.queries.count(RegisterKind.RECEIVE) == registered[0]
        assert app.queries.verify_audit().ok
    finally:
        app.close()
    assert korat_main(["check", "--data-dir", str(data_dir)]) == 0
