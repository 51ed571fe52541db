"""Timings for the pdf layer: sample letter, receipt stamp, 2,000-row register.

Prints milliseconds and each as a ratio to building one sample letter (the reference),
never pass/fail. Run: python bench/bench_stamp.py
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "pdf"))

from pdf_factories import make_entries

from korat_desktop.domain.registers import RegisterKind
from korat_desktop.pdf.receipt_stamp import ReceiptStamp, stamp_receipt
from korat_desktop.pdf.register_report import render_register_pdf
from korat_desktop.pdf.sample import make_letter_pdf


def _ms(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    fn()  # warm caches (font load, pyHanko import)
    started = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - started) * 1000 / repeat


def main() -> None:
    body = ["ด้วยสำนักงานเขตพื้นที่การศึกษาประถมศึกษานครราชสีมา เขต 1 ขอเชิญประชุม"] * 6
    letter = make_letter_pdf("ขอเชิญประชุมคณะกรรมการ", body)
    stamp = ReceiptStamp("สำนักงานเขตพื้นที่การศึกษาประถมศึกษานครราชสีมา เขต 1", 1234, 2569,
                         dt.datetime.now(dt.UTC))
    entries = make_entries(2000)
    reference = _ms(lambda: make_letter_pdf("ขอเชิญประชุม", body), 50)
    results = {
        "sample letter": reference,
        "receipt stamp": _ms(lambda: stamp_receipt(letter, stamp), 30),
        "register 2,000 rows": _ms(
            lambda: render_register_pdf(entries, RegisterKind.RECEIVE, 2569, "สำนักงานทดสอบ"), 2),
    }
    print(f"sample letter size: {len(letter)} bytes")
    for name, ms in results.items():
        print(f"{name:22s} {ms:9.1f} ms   x{ms / reference:8.1f}")


if __name__ == "__main__":
    main()
