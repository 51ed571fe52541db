"""Finding blank space for the receipt stamp, against stamping itself.

For the ten sample letters (tests/support/intake_corpus.py):
the time to render page 1 and find the place (pdf/free_space.py), as a ratio to the
time to add the receipt stamp (stamp_receipt, the reference, measured in the same run),
and how many letters got blank space rather than the fixed corner. Never pass/fail.

Run: PYTHONPATH=. python bench/bench_stamp_place.py
"""

from __future__ import annotations

import datetime as dt

from bench.bench_intake import _ms_per  # warm-up, then ms per item
from korat_desktop.pdf.free_space import choose_place, fixed_place, ink_map
from korat_desktop.pdf.receipt_stamp import ReceiptStamp, stamp_receipt
from tests.support.intake_corpus import corpus

_STAMP = ReceiptStamp("สำนักงานจังหวัดนครราชสีมา", 1234, 2569,
                      dt.datetime(2026, 11, 21, 3, 5, tzinfo=dt.UTC))


def _find(pdf: bytes) -> object:
    return choose_place(ink_map(pdf), _STAMP.width_mm, _STAMP.height_mm)


def main() -> None:
    pdfs = [s.pdf for s in corpus()]
    rounds = 5
    stamp_ms = _ms_per(lambda p: stamp_receipt(p, _STAMP), pdfs, rounds)
    find_ms = _ms_per(_find, pdfs, rounds)
    blank = 0
    moved = 0
    for pdf in pdfs:
        ink = ink_map(pdf)
        place = choose_place(ink, _STAMP.width_mm, _STAMP.height_mm)
        blank += not place.fell_back
        old = fixed_place(ink.page_mm, _STAMP.width_mm, _STAMP.height_mm)
        moved += ink.ink_in(old.x_mm, old.y_mm, _STAMP.width_mm, _STAMP.height_mm) > 0
    print(f"receipt stamp (reference): {stamp_ms:.1f} ms per letter")
    print(f"render page 1 + find blank place: {find_ms:.1f} ms per letter "
          f"({find_ms / stamp_ms:.2f} x the stamp)")
    print(f"letters where the fixed corner had ink: {moved}/{len(pdfs)}; "
          f"stamped on blank space: {blank}/{len(pdfs)}")


if __name__ == "__main__":
    main()
