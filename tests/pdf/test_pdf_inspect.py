"""check_pdf on good, odd and hostile input."""

from __future__ import annotations

import contextlib
import io
import os
import struct
import zlib

import pypdf
import pytest
from pdf_helpers import object_stream_pdf, pdf_with_page, sign

from korat_desktop.errors import PdfError
from korat_desktop.pdf.inspect import check_pdf
from korat_desktop.pdf.writer import PdfBuilder


def _code(data: bytes) -> str:
    with pytest.raises(PdfError) as info:
        check_pdf(data)
    assert info.value.message("th") and info.value.message("en")
    return info.value.code


def test_sample_letter_info(letter_pdf: bytes) -> None:
    info = check_pdf(letter_pdf)
    assert info.page_count == 1
    assert info.signature_count == 0 and not info.has_signatures
    assert not info.encrypted
    assert info.version == "1.7"
    assert (info.page_width_pt, info.page_height_pt) == (595.28, 841.89)
    assert info.rotation == 0 and info.revisions == 1


def test_rotated_page_and_cropbox_size() -> None:
    info = check_pdf(pdf_with_page("/Rotate 90/CropBox[10 20 510 720]"))
    assert info.rotation == 90
    assert (info.page_width_pt, info.page_height_pt) == (700, 500)


def test_signed_pdf_counts_signatures(letter_pdf: bytes, signer_files) -> None:
    info = check_pdf(sign(letter_pdf, signer_files))
    assert info.signature_count == 1 and info.revisions == 2


def test_object_streams_and_revisions() -> None:
    info = check_pdf(object_stream_pdf())
    assert info.page_count == 1 and info.revisions == 2


@pytest.mark.parametrize("data", [b"", b"hello world", os.urandom(4096),
                                  b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + b"\0" * 64])
def test_not_pdf(data: bytes) -> None:
    assert _code(data) == "pdf.not_pdf"


def _png(width: int = 20, height: int = 20) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body))

    raw = b"".join(b"\0" + b"\xff" * (3 * width) for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def test_png_renamed_pdf(tmp_path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(_png())
    assert _code(path.read_bytes()) == "pdf.not_pdf"


@pytest.mark.parametrize("fraction", [0.1, 0.35, 0.5, 0.8, 0.97])
def test_truncated(letter_pdf: bytes, fraction: float) -> None:
    assert _code(letter_pdf[: int(len(letter_pdf) * fraction)]) == "pdf.truncated"


def test_truncated_incremental_update(letter_pdf: bytes, signer_files) -> None:
    signed = sign(letter_pdf, signer_files)
    cut = signed[: len(letter_pdf) + (len(signed) - len(letter_pdf)) // 2]
    assert _code(cut) == "pdf.truncated"


def test_broken_xref_is_corrupt() -> None:
    data = pdf_with_page()
    at = data.rindex(b"startxref")
    broken = data[:at] + b"startxref\n999999\n%%EOF\n"
    assert _code(broken) == "pdf.corrupt"


def test_garbage_body_is_corrupt() -> None:
    body = b"%PDF-1.7\n" + os.urandom(3000) + b"\nstartxref\n9\n%%EOF\n"
    assert _code(body) == "pdf.corrupt"


def test_encrypted_refused(letter_pdf: bytes) -> None:
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(letter_pdf))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    assert _code(out.getvalue()) == "pdf.encrypted"
    info = check_pdf(out.getvalue(), allow_encrypted=True)
    assert info.encrypted


def test_no_pages() -> None:
    pdf = PdfBuilder()
    tree = pdf.add("<</Type/Pages/Count 0/Kids[]>>")
    root = pdf.add(f"<</Type/Catalog/Pages {tree} 0 R>>")
    assert _code(pdf.finish(root)) == "pdf.empty"


def test_hostile_inputs_end_in_a_pdf_error() -> None:
    """Self-referencing page trees and huge counts end (a PdfError), not hang or crash."""
    pdf = PdfBuilder()
    tree = pdf.reserve()
    pdf.set(tree, f"<</Type/Pages/Count 5/Kids[{tree} 0 R]>>")
    root = pdf.add(f"<</Type/Catalog/Pages {tree} 0 R>>")
    loop = pdf.finish(root)
    bomb = pdf_with_page(content=zlib.compress(b"0" * 10))
    with pytest.raises(PdfError):
        check_pdf(loop)
    with contextlib.suppress(PdfError):
        check_pdf(bomb)
