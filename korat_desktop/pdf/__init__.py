"""PDF layer: check, index, stamp and print, with Thai shaped by HarfBuzz.

Public entry points (import from the modules; this package imports nothing heavy):

* ``inspect.check_pdf(data) -> PdfInfo``: accept or refuse an incoming PDF.
* ``text.extract_text(data, max_chars) -> str``: text for the search index.
* ``receipt_stamp.stamp_receipt(data, ReceiptStamp) -> bytes``: ตรารับหนังสือ.
* ``stamp_policy.receipt_stamp_diff_policy()``: pyHanko diff policy that knows the stamp.
* ``register_report.render_register_pdf(...) -> bytes``: the printed register.
* ``sample.make_letter_pdf(subject, body_lines, pages) -> bytes``: demo/test letters.

No Qt here: the UI renders PDFs itself and calls these from worker threads.
"""

__all__: list[str] = []
