"""PAdES baseline B-B signing of PDF bytes, one document or a batch on one PIN.

Every signature is an incremental update: earlier revisions (and signatures) stay
byte-for-byte intact. Timestamps and revocation data are added later by
:mod:`korat_desktop.signing.upgrade`, when the office is online.
"""

from __future__ import annotations

import asyncio
import enum
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from io import BytesIO

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError as PyHankoSigningError
from pyhanko.sign.signers.pdf_signer import PdfSigner
from pyhanko.sign.validation import read_certification_data
from pyhanko.stamp import NoOpStampStyle

from korat_desktop.errors import SigningError
from korat_desktop.signing.certificates import check_can_sign
from korat_desktop.signing.pdf_input import open_for_update, page_count, page_size
from korat_desktop.signing.signers import DocumentSigner
from korat_desktop.signing.stamp import (
    Appearance,
    Box,
    check_box,
    default_box,
    stamp_style,
)

__all__ = ["BatchSigner", "Certification", "ReservedField", "empty_signature_fields",
           "sign_pdf"]


class Certification(enum.Enum):
    """DocMDP permission of a certifying signature (ISO 32000 12.8.2.2)."""

    NO_CHANGES = 1  # final letter: only timestamps/validation data may follow
    SIGNATURES = 2  # further approval signatures and form filling allowed
    ANNOTATIONS = 3  # also comments and stamps (e.g. a receipt stamp)


@dataclass(frozen=True)
class ReservedField:
    """An empty signature field made with a certifying signature, for a later signer.

    After certification (DocMDP P=2) a document may be signed only in fields that
    already exist, so the author reserves one per approver.
    """

    name: str
    page: int | None = None  # 1-based; None = last page
    box: Box | None = None


def empty_signature_fields(data: bytes) -> list[str]:
    """Names of the signature fields in ``data`` still waiting for a signature."""
    writer = open_for_update(data)
    return [str(name) for name, _value, _ref in
            fields.enumerate_sig_fields(writer.prev, filled_status=False)]


def _field_spec(writer: IncrementalPdfFileWriter, appearance: Appearance,
                name: str) -> fields.SigFieldSpec:
    pages = page_count(writer)
    page = appearance.page if appearance.page is not None else pages
    if not 1 <= page <= pages:
        raise SigningError("signing.bad_page", page=page, pages=pages)
    if not appearance.visible:
        return fields.SigFieldSpec(name, on_page=page - 1)
    box = appearance.box or default_box(*page_size(writer, page - 1))
    x1, y1, x2, y2 = check_box(box)
    return fields.SigFieldSpec(name, on_page=page - 1, box=(int(x1), int(y1), int(x2), int(y2)))


def _prepare_fields(writer: IncrementalPdfFileWriter, appearance: Appearance,
                    reserve: Sequence[ReservedField]) -> tuple[str, fields.SigFieldSpec | None]:
    certification = read_certification_data(writer.prev)
    if certification is not None and certification.permission == fields.MDPPerm.NO_CHANGES:
        raise SigningError("signing.document_locked", detail="DocMDP P=1")
    empty = {str(name) for name, _v, _r in
             fields.enumerate_sig_fields(writer.prev, filled_status=False)}
    if appearance.field is not None:
        if appearance.field not in empty:
            raise SigningError("signing.field_not_found", field=appearance.field,
                               fields=", ".join(sorted(empty)) or "-")
        return appearance.field, None
    if certification is not None:
        # a new field would count as a forbidden change to the certified document
        raise SigningError("signing.certified_needs_field",
                           fields=", ".join(sorted(empty)) or "-")
    for spare in reserve:
        spec = _field_spec(writer, Appearance(page=spare.page, box=spare.box), spare.name)
        fields.append_signature_field(writer, spec)
    name = f"Signature-{uuid.uuid4().hex[:12]}"
    return name, _field_spec(writer, appearance, name)


async def _sign_async(data: bytes, signer: DocumentSigner, appearance: Appearance,
                      certify: Certification | None,
                      reserve: Sequence[ReservedField] = ()) -> bytes:
    check_can_sign(signer.certificate)  # a long batch can cross the expiry moment
    writer = open_for_update(data)
    if certify is not None and any(
            True for _ in fields.enumerate_sig_fields(writer.prev, filled_status=True)):
        raise SigningError("signing.certify_not_first")
    name, spec = _prepare_fields(writer, appearance, reserve)
    meta = signers.PdfSignatureMetadata(
        field_name=name,
        md_algorithm="sha256",
        reason=appearance.reason,
        location=appearance.location,
        name=appearance.name or signer.info.common_name,
        subfilter=fields.SigSeedSubFilter.PADES,
        certify=certify is not None,
        docmdp_permissions=(fields.MDPPerm(certify.value) if certify is not None
                            else fields.MDPPerm.FILL_FORMS),
    )
    style = (stamp_style(appearance, signer.info.common_name) if appearance.visible
             else NoOpStampStyle())
    pdf_signer = PdfSigner(meta, signer.pyhanko_signer, stamp_style=style, new_field_spec=spec)
    out = BytesIO()
    try:
        await pdf_signer.async_sign_pdf(writer, existing_fields_only=spec is None, output=out)
    except SigningError:
        raise
    except Exception as e:
        mapped = signer.translate_error(e)
        if mapped is not None:
            raise mapped from e
        text = str(e).lower()
        if isinstance(e, PyHankoSigningError) and "must be the first" in text:
            raise SigningError("signing.certify_not_first") from e
        if isinstance(e, PyHankoSigningError) and ("forbids" in text or "docmdp" in text
                                                   or "lock" in text):
            raise SigningError("signing.document_locked", detail=str(e)) from e
        raise SigningError("signing.sign_failed", detail=str(e) or type(e).__name__) from e
    return out.getvalue()


def sign_pdf(data: bytes, signer: DocumentSigner, appearance: Appearance | None = None, *,
             certify: Certification | bool | None = None,
             reserve: Sequence[ReservedField] = ()) -> bytes:
    """Sign ``data`` (PAdES B-B) and return the new PDF bytes.

    ``certify=True`` makes a certifying signature (must be the document's first) that
    still allows approval signatures in the fields listed in ``reserve``; pass a
    :class:`Certification` for another permission level.
    """
    if certify is True:
        certify = Certification.SIGNATURES
    elif certify is False:
        certify = None
    return asyncio.run(_sign_async(data, signer, appearance or Appearance(), certify, reserve))


class BatchSigner:
    """Sign many documents on one token session: one PIN entry, one event loop.

    ``sign`` may be called repeatedly (e.g. from the store, one document at a time,
    recording each result); ``sign_all`` stops at the first failure, since a removed
    token or a locked PIN would fail every following document too.
    """

    def __init__(self, signer: DocumentSigner, appearance: Appearance | None = None,
                 certify: Certification | bool | None = None) -> None:
        self.signer = signer
        self.appearance = appearance or Appearance()
        self.certify = (Certification.SIGNATURES if certify is True
                        else None if certify is False else certify)
        self._loop = asyncio.new_event_loop()
        self.signed = 0

    def sign(self, data: bytes, appearance: Appearance | None = None,
             certify: Certification | bool | None = None) -> bytes:
        cert = self.certify if certify is None else (
            Certification.SIGNATURES if certify is True else None if certify is False
            else certify)
        result = self._loop.run_until_complete(
            _sign_async(data, self.signer, appearance or self.appearance, cert))
        self.signed += 1
        return result

    def sign_all(self, documents: Iterable[bytes]) -> list[bytes]:
        return [self.sign(doc) for doc in documents]

    def close(self) -> None:
        """Close the event loop and the signer (logs out of the token)."""
        if not self._loop.is_closed():
            self._loop.run_until_complete(self._loop.shutdown_default_executor())
            self._loop.close()
        self.signer.close()

    def __enter__(self) -> BatchSigner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
