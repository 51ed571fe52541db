"""Helpers for pdf tests: signing, validation and hand-made PDFs (imported by tests)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any


def sign(data: bytes, signer_files: tuple[Path, Path], certify_level: int | None = None) -> bytes:
    """``data`` signed by the test signer (approval, or certification at a DocMDP level)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    signer = signers.SimpleSigner.load(str(signer_files[0]), str(signer_files[1]))
    assert signer is not None
    if certify_level is None:
        meta = signers.PdfSignatureMetadata(field_name="Sig1")
    else:
        meta = signers.PdfSignatureMetadata(field_name="Sig1", certify=True,
                                            docmdp_permissions=fields.MDPPerm(certify_level))
    out = io.BytesIO()
    signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(data)), meta, signer=signer, output=out)
    return out.getvalue()


def validate(data: bytes, signer_files: tuple[Path, Path], policy: object = None) -> Any:
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    context = ValidationContext(trust_roots=[load_cert_from_pemder(str(signer_files[1]))])
    reader = PdfFileReader(io.BytesIO(data))
    return validate_pdf_signature(reader.embedded_signatures[0], context,
                                  diff_policy=policy)  # type: ignore[arg-type]


def pdf_with_page(page_extra: str = "", content: bytes = b"BT /F1 24 Tf 72 700 Td (Hello) Tj ET",
                  pages: int = 1) -> bytes:
    """A plain PDF (Helvetica) whose page dictionaries get ``page_extra`` entries."""
    from korat_desktop.pdf.writer import PdfBuilder

    pdf = PdfBuilder()
    catalog, tree = pdf.reserve(), pdf.reserve()
    font = pdf.add("<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>")
    kids = []
    for _ in range(pages):
        stream = pdf.add_stream(content, compress=False)
        kids.append(pdf.add(f"<</Type/Page/Parent {tree} 0 R/MediaBox[0 0 595 842]{page_extra}"
                            f"/Resources<</Font<</F1 {font} 0 R>>>>/Contents {stream} 0 R>>"))
    pdf.set(tree, f"<</Type/Pages/Count {len(kids)}/Kids[" + " ".join(f"{k} 0 R" for k in kids)
            + "]>>")
    pdf.set(catalog, f"<</Type/Catalog/Pages {tree} 0 R>>")
    return pdf.finish(catalog)


def object_stream_pdf() -> bytes:
    """A PDF with an xref stream and objects in an object stream, then a second revision."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.writer import PdfFileWriter

    w = PdfFileWriter(stream_xrefs=True)
    ostream = w.prepare_object_stream()
    font = w.add_object(generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Font"),
        generic.NameObject("/Subtype"): generic.NameObject("/Type1"),
        generic.NameObject("/BaseFont"): generic.NameObject("/Helvetica"),
    }), obj_stream=ostream)
    content = w.add_object(generic.StreamObject(
        stream_data=b"BT /F1 24 Tf 72 700 Td (Object streams) Tj ET"))
    page = generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Page"),
        generic.NameObject("/MediaBox"): generic.ArrayObject(
            [generic.NumberObject(v) for v in (0, 0, 595, 842)]),
        generic.NameObject("/Resources"): generic.DictionaryObject({
            generic.NameObject("/Font"): generic.DictionaryObject(
                {generic.NameObject("/F1"): font})}),
        generic.NameObject("/Contents"): content,
    })
    w.insert_page(page)
    first = io.BytesIO()
    w.write(first)
    inc = IncrementalPdfFileWriter(io.BytesIO(first.getvalue()))
    inc.root[generic.NameObject("/Lang")] = generic.TextStringObject("th-TH")
    inc.update_root()
    second = io.BytesIO()
    inc.write(second)
    return second.getvalue()
