"""The signed directory file (``.korat-dir``): CMS SignedData, DER, content attached.

The content is exactly :class:`~korat_desktop.protocol.directory.AgencyDirectory`'s
JSON. The hub signs the whole directory with its key (``GET /directory/signed``); an
office signs a handout of its own public certificates (one agency) with its signing
identity. Either way the file is checked here with pyHanko before anything in it is
believed: the signature over the content, and the signer's chain to the configured
trust roots (offline: revocation soft-fails, as for bundles). What the signer may
speak for (the whole directory, or one agency) is decided by the importer.

``openssl cms -verify -inform DER -in FILE.korat-dir -CAfile ROOTS.pem`` checks the
same file without Korat.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

from asn1crypto import cms, x509
from pydantic import ValidationError
from pyhanko.sign.signers.pdf_cms import Signer
from pyhanko.sign.validation.generic_cms import async_validate_cms_signature
from pyhanko_certvalidator import ValidationContext

from korat_desktop.errors import CourierError
from korat_desktop.protocol.directory import AgencyDirectory

__all__ = ["DIRECTORY_SUFFIX", "MAX_DIRECTORY_FILE", "SignedDirectory", "read_signed_directory",
           "sign_directory"]

DIRECTORY_SUFFIX = ".korat-dir"
MAX_DIRECTORY_FILE = 16 << 20
"""A province's directory with every agency's certificates is far below this."""


@dataclass(frozen=True)
class SignedDirectory:
    directory: AgencyDirectory
    signer: x509.Certificate
    chains: bool  # the signer chains to the trust roots (else it is the pinned certificate)

    @property
    def signer_name(self) -> str:
        return str(self.signer.subject.human_friendly)


def sign_directory(signer: Signer, directory: AgencyDirectory) -> bytes:
    data = directory.model_dump_json().encode("utf-8")
    signed = asyncio.run(signer.async_sign_general_data(data, "sha256", detached=False,
                                                        use_cades=True))
    return bytes(signed.dump())


def _signed_data(data: bytes) -> tuple[cms.SignedData, bytes]:
    if len(data) > MAX_DIRECTORY_FILE:
        raise CourierError("courier.directory_malformed", detail="file too large")
    try:
        info = cms.ContentInfo.load(data, strict=True)
        if info["content_type"].native != "signed_data":
            raise CourierError("courier.directory_malformed", detail="not CMS SignedData")
        signed = info["content"]
        signed.native  # noqa: B018  (parse now: damage fails here, inside the try)
        content = signed["encap_content_info"]["content"]
        if content.native is None:
            raise CourierError("courier.directory_malformed", detail="no content attached")
        return signed, bytes(content.native)
    except CourierError:
        raise
    except Exception as e:  # asn1crypto raises many types on hostile DER
        raise CourierError("courier.directory_malformed", detail="not CMS SignedData") from e


def read_signed_directory(data: bytes, trust_roots: Sequence[x509.Certificate],
                          pinned: x509.Certificate | None = None) -> SignedDirectory:
    """The directory in a ``.korat-dir`` file, once its signature and the signer's chain
    to ``trust_roots`` are checked. ``pinned`` is a signer trusted as it is (the hub
    certificate we already hold, learnt over TLS or from an earlier checked file: a hub
    whose key is self-signed). Raises ``courier.directory_*``."""
    signed, content = _signed_data(data)
    context = ValidationContext(trust_roots=list(trust_roots), allow_fetching=False,
                                revocation_mode="soft-fail")
    try:
        status = asyncio.run(async_validate_cms_signature(signed, validation_context=context))
    except Exception as e:  # pyHanko's own types for malformed SignedData
        raise CourierError("courier.directory_signature_invalid",
                           detail=type(e).__name__) from e
    if not status.intact or not status.valid or status.signing_cert is None:
        raise CourierError("courier.directory_signature_invalid", detail="content changed")
    if not status.trusted and not (pinned is not None
                                   and pinned.dump() == status.signing_cert.dump()):
        raise CourierError("courier.directory_signer_untrusted",
                           signer=str(status.signing_cert.subject.human_friendly))
    try:
        directory = AgencyDirectory.model_validate_json(content)
    except ValidationError as e:
        raise CourierError("courier.directory_malformed",
                           detail=f"{e.error_count()} error(s) in the directory") from e
    return SignedDirectory(directory, status.signing_cert, bool(status.trusted))
