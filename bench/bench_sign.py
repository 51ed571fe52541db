"""Signing throughput: our batch path and `korat sign` against a plain pyHanko loop.

Builds a throw-away SoftHSM token and test PKI (tests/support), then signs N PDFs
with one PIN entry both ways, with the same visible Thai stamp (same font, box and
text) so the difference is our layer's overhead: certificate checks, field and stamp
preparation, error mapping. Our stamp font engine skips re-reading the layout
tables fontTools would drop anyway, so a third run gives the plain loop that engine
too, to isolate the rest of the overhead. Prints rates and ratios; never asserts.

    /tmp/kvenv/bin/python bench/bench_sign.py [N]
"""

from __future__ import annotations

import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.pkcs11 import PKCS11Signer
from pyhanko.stamp import TextStampStyle

from korat_desktop.resources import thai_font_path
from korat_desktop.signing import (
    Appearance,
    BatchSigner,
    TokenSession,
    find_modules,
    find_token,
    sign_pdf,
)
from korat_desktop.signing.stamp import default_box, stamp_lines
from korat_desktop.signing.thai_font import ThaiFontFactory
from tests.support.env import PIN, build_signing_env, key_id
from tests.support.pdfs import blank_pdf

TOKEN, CERT = "KORAT-A", "somchai-rsa"
APPEARANCE = Appearance(position="ผู้อำนวยการกองกลาง", reason="อนุมัติ")


def ours(docs: list[bytes], token) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    session = TokenSession.open(token, cert_label=CERT, pin=PIN)
    with BatchSigner(session, APPEARANCE) as batch:
        for doc in docs:
            batch.sign(doc)
    return time.perf_counter() - start


def raw_pyhanko(docs: list[bytes], token, font_factory=GlyphAccumulatorFactory,  # type: ignore[no-untyped-def]
                ) -> float:
    """What a caller would write with pyHanko alone (same token, font, box, text)."""
    start = time.perf_counter()
    session = token.handle().open(user_pin=PIN)
    try:
        signer = PKCS11Signer(session, cert_label=CERT, key_id=key_id(CERT),
                              other_certs_to_pull=None)
        text = "\n".join(stamp_lines(APPEARANCE, "นายสมชาย ใจดี"))
        style = TextStampStyle(stamp_text=text, border_width=1, text_box_style=TextBoxStyle(
            font=font_factory(str(thai_font_path()), font_size=10), font_size=10))
        x1, y1, x2, y2 = default_box(595, 842)
        for i, doc in enumerate(docs):
            name = f"Sig{i}"
            meta = signers.PdfSignatureMetadata(field_name=name, md_algorithm="sha256",
                                                subfilter=fields.SigSeedSubFilter.PADES,
                                                reason=APPEARANCE.reason)
            pdf_signer = signers.PdfSigner(meta, signer, stamp_style=style,
                                           new_field_spec=fields.SigFieldSpec(
                                               name, on_page=0,
                                               box=(int(x1), int(y1), int(x2), int(y2))))
            pdf_signer.sign_pdf(IncrementalPdfFileWriter(BytesIO(doc)), output=BytesIO())
    finally:
        session.close()
    return time.perf_counter() - start


def store_path(docs: list[bytes], token, root: Path) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """What `korat sign ID...` runs: stored letters, new versions, audit, one PIN.

    Returns (in-process seconds for DocumentSigning.sign, seconds for the real
    `korat sign` command in a new process, start-up included).
    """
    import os
    import subprocess

    from korat_desktop.app import open_app
    from korat_desktop.services.registration import LetterIntake
    from korat_desktop.services.signing_ops import DocumentSigning

    def registered(name: str) -> tuple[Path, list[int]]:
        data = root / name
        app = open_app(data, write=True, create=True)
        app.office.init("นม 0017.1", "สำนักงานทดสอบ")
        ids = [e.id for e in app.registration.send_many(
            [(d, LetterIntake(subject=f"เรื่อง {i}", recipient="อำเภอ"))
             for i, d in enumerate(docs)]).entries]
        app.close()
        return data, ids

    data, ids = registered("inproc")
    app = open_app(data, write=True)
    start = time.perf_counter()
    with TokenSession.open(token, cert_label=CERT, pin=PIN) as session:
        report = DocumentSigning(app).sign(ids, session, APPEARANCE)
    t_inproc = time.perf_counter() - start
    app.close()
    assert all(r.status == "signed" for r in report.results), report
    data, ids = registered("cli")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "korat_desktop.cli.main", "sign", *map(str, ids),
                    "--data-dir", str(data), "--token-label", TOKEN, "--cert-label", CERT,
                    "--pin-stdin", "--position", APPEARANCE.position or "",
                    "--reason", APPEARANCE.reason or ""],
                   input=PIN + "\n", text=True, check=True, capture_output=True,
                   env=dict(os.environ))
    t_cli = time.perf_counter() - start
    return t_inproc, t_cli


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    with tempfile.TemporaryDirectory(prefix="korat-bench-") as tmp:
        env = build_signing_env(Path(tmp), serve=False)
        token = find_token(find_modules([env.module]), label=TOKEN)
        docs = [blank_pdf(1) for _ in range(n)]
        ours(docs[:3], token)  # warm up: font parsing, imports, token objects
        raw_pyhanko(docs[:3], token)
        t_raw = raw_pyhanko(docs, token)
        t_ours = ours(docs, token)
        t_raw2 = raw_pyhanko(docs, token)  # again, to see the noise
        t_ours2 = ours(docs, token)
        # same loop with our font engine: isolates the rest of our layer's overhead
        t_same = min(raw_pyhanko(docs, token, ThaiFontFactory),
                     raw_pyhanko(docs, token, ThaiFontFactory))
        with TokenSession.open(token, cert_label=CERT, pin=PIN) as session:
            warm = []
            for doc in docs[:10]:
                t0 = time.perf_counter()
                sign_pdf(doc, session, APPEARANCE)
                warm.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        with TokenSession.open(token, cert_label=CERT, pin=PIN) as session:
            sign_pdf(docs[0], session, APPEARANCE)
        cold = time.perf_counter() - t0
        t_store, t_cli = store_path(docs, token, Path(tmp))

    raw_rate = n / min(t_raw, t_raw2)
    our_rate = n / min(t_ours, t_ours2)
    print(f"documents: {n} (1 page, visible Thai stamp, RSA-2048 on SoftHSM2)")
    print(f"raw pyHanko loop : {raw_rate:7.1f} docs/s  (runs: {n / t_raw:.1f}, {n / t_raw2:.1f})")
    print(f"korat BatchSigner: {our_rate:7.1f} docs/s  (runs: {n / t_ours:.1f}, "
          f"{n / t_ours2:.1f})")
    print(f"ratio ours/raw   : {our_rate / raw_rate:5.2f}x  (target >= 0.80x)")
    print(f"korat sign path (stored letters: new versions + audit, in-process): "
          f"{n / t_store:7.1f} docs/s, ratio to raw {n / t_store / raw_rate:4.2f}x")
    print(f"`korat sign` command (new process, start-up included): {n / t_cli:7.1f} docs/s, "
          f"ratio to raw {n / t_cli / raw_rate:4.2f}x")
    same_rate = n / t_same
    print(f"raw loop with our font engine: {same_rate:7.1f} docs/s; "
          f"ours/that = {our_rate / same_rate:4.2f}x (overhead of the rest of our layer)")
    print(f"one document, session open: {1000 * sorted(warm)[len(warm) // 2]:.1f} ms (median "
          f"of 10, sign_pdf)")
    print(f"one document, cold (find cert + login + sign + logout): {1000 * cold:.1f} ms")


if __name__ == "__main__":
    main()
