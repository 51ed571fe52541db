"""Smart intake on the sample letters: accuracy per field, and time per letter.

Two sets from tests/support/intake_corpus.py: the ten letters the rules were developed
on (``corpus``, also the tests' set), and five written after the rules were settled and
never tuned on (``held_out``, the fairer figure). Accuracy, over every (letter, field):
  right / proposed  how often a value the form pre-fills is the right one
  right / present   how much of what the letters print is found
Text fields compare without spaces (a wrapped Thai line does not show whether a space
stood where it broke). A proposal for a field the letter does not print (an urgency
where none is stamped) counts as proposed and wrong.

Time per letter: text extraction (pypdf), the proposal rules, and the whole service
call (``app.intake.propose``: check, text, rules and the duplicate queries) against a
real office whose register holds the same ten letters; each as a ratio to the text
extraction (the reference). Never pass/fail.

Run: PYTHONPATH=. python bench/bench_intake.py
"""

from __future__ import annotations

import re
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from korat_desktop.domain.intake import propose_fields
from korat_desktop.pdf.text import extract_text
from tests.support.intake_corpus import FIELDS, SampleLetter, corpus, held_out


def _same(got: object, expected: object) -> bool:
    if isinstance(got, str) and isinstance(expected, str):
        return re.sub(r"\s+", "", got) == re.sub(r"\s+", "", expected)
    return got == expected


def _ms_per(fn: Callable[[bytes], object], items: list[bytes], rounds: int) -> float:
    for item in items:  # warm caches (pypdf, regexes)
        fn(item)
    started = time.perf_counter()
    for _ in range(rounds):
        for item in items:
            fn(item)
    return (time.perf_counter() - started) * 1000 / (rounds * len(items))


def _service_ms(pdfs: list[bytes], rounds: int) -> float:
    from korat_desktop.app import open_app
    from korat_desktop.services.registration import LetterIntake

    with tempfile.TemporaryDirectory() as folder:
        app = open_app(Path(folder), write=True, create=True)
        try:
            app.office.init("นม 0017.1", "สำนักงานจังหวัดนครราชสีมา")
            items = []
            for pdf in pdfs:
                result = app.intake.propose(pdf)
                items.append((pdf, result.fill(LetterIntake(subject="-"))[0]))
            app.registration.receive_many(items)
            return _ms_per(app.intake.propose, pdfs, rounds)
        finally:
            app.close()


def accuracy(title: str, letters: tuple[SampleLetter, ...],
             text_of: Callable[[bytes], str] = extract_text) -> tuple[int, int, int]:
    """Print the per-field table; returns (right, proposed, present). ``text_of`` reads
    a letter's text (bench_ocr.py passes OCR of its scan)."""
    proposed: Counter[str] = Counter()
    right: Counter[str] = Counter()
    present: Counter[str] = Counter()
    wrong: list[str] = []
    for sample in letters:
        proposals = propose_fields(text_of(sample.pdf))
        for field in FIELDS:
            expected = sample.expected[field]
            found = getattr(proposals, field)
            if expected is not None:
                present[field] += 1
            if found is None:
                if expected is not None:
                    wrong.append(f"{sample.name}.{field}: not found")
                continue
            proposed[field] += 1
            if _same(found.value, expected):
                right[field] += 1
            else:
                wrong.append(f"{sample.name}.{field}: {found.value!r} != {expected!r}")

    print(f"{title}: intake accuracy on {len(letters)} letters")
    print(f"  {'field':15s} {'right':>5s} {'proposed':>8s} {'present':>7s}")
    for field in FIELDS:
        print(f"  {field:15s} {right[field]:5d} {proposed[field]:8d} {present[field]:7d}")
    total_right, total_proposed = sum(right.values()), sum(proposed.values())
    total_present = sum(present.values())
    print(f"  fields right / fields proposed: {total_right}/{total_proposed} = "
          f"{total_right / max(total_proposed, 1):.1%}")
    print(f"  fields right / fields present:  {total_right}/{total_present} = "
          f"{total_right / max(total_present, 1):.1%}")
    for line in wrong:
        print(f"    miss: {line}")
    return total_right, total_proposed, total_present


def main() -> None:
    letters = corpus()
    accuracy("developed on (corpus)", letters)
    accuracy("held out (never tuned on)", held_out())

    pdfs = [s.pdf for s in letters]
    texts = [extract_text(p) for p in pdfs]
    reference = _ms_per(extract_text, pdfs, 5)
    rules = _ms_per(propose_fields, texts, 20)  # type: ignore[arg-type]
    service = _service_ms(pdfs, 5)
    print("time per letter")
    for name, ms in (("text extraction", reference), ("proposal rules", rules),
                     ("app.intake.propose", service)):
        print(f"  {name:20s} {ms:8.2f} ms   x{ms / reference:6.2f}")


if __name__ == "__main__":
    main()
