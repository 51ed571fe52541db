"""The sending office's detached CAdES signature over a bundle's ASiCManifest.

Made with pyHanko's CMS signer, so the same clerk's card (PKCS#11) or office
certificate that signs letters signs bundles, with the signing-certificate-v2
attribute CAdES asks for. Checked here with pyHanko as well, against the configured
trust roots, offline (a courier office has no link: revocation is soft-fail here and
the hub checks again when the operations reach it). Whether the signer may speak for
the agency the bundle claims is the caller's second check (the agency directory).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

from asn1crypto import cms, x509
from pyhanko.sign.signers.pdf_cms import Signer
from pyhanko.sign.validation.generic_cms import async_validate_detached_cms
from pyhanko_certvalidator import ValidationContext

from korat_desktop.errors import CourierError

__all__ = ["BundleSigner", "sign_detached", "verify_detached"]


@dataclass(frozen=True)
class BundleSigner:
    """Who signed a bundle, as checked."""

    certificate: x509.Certificate
    trusted: bool

    @property
    def sha256(self) -> str:
        return self.certificate.sha256.hex()

    @property
    def common_name(self) -> str:
        return str(self.certificate.subject.native.get("common_name", ""))


def sign_detached(signer: Signer, data: bytes) -> bytes:
    """DER ContentInfo(SignedData) over ``data``, detached, CAdES attributes."""
    signed = asyncio.run(signer.async_sign_general_data(data, "sha256", detached=True,
                                                        use_cades=True))
    return bytes(signed.dump())


def verify_detached(signature: bytes, data: bytes, trust_roots: Sequence[x509.Certificate],
                    *, require_trust: bool = True) -> BundleSigner:
    try:
        info = cms.ContentInfo.load(signature, strict=True)  # no trailing bytes
        if info["content_type"].native != "signed_data":
            raise CourierError("courier.signature_invalid", detail="not SignedData")
        signed = info["content"]
        signed.native  # noqa: B018  (parse now: damage fails here, inside the try)
        one_signer = len(signed["signer_infos"]) == 1
    except (ValueError, TypeError, KeyError) as e:
        raise CourierError("courier.signature_invalid", detail="unreadable") from e
    # One signer, as every signature we make has: which of several would speak for the
    # sender? (The signed digest binds ``data``: one carrying other content fails below.)
    if not one_signer:
        raise CourierError("courier.signature_invalid", detail="not exactly one signer")
    context = ValidationContext(trust_roots=list(trust_roots), allow_fetching=False,
                                revocation_mode="soft-fail")
    try:
        status = asyncio.run(async_validate_detached_cms(data, signed,
                                                         signer_validation_context=context))
    except Exception as e:  # pyHanko raises its own types for malformed SignedData
        raise CourierError("courier.signature_invalid", detail=type(e).__name__) from e
    if not status.intact or status.signing_cert is None:
        raise CourierError("courier.signature_invalid", detail="the manifest was changed")
    if not (status.valid or not require_trust):
        raise CourierError("courier.signature_invalid", detail="signature value")
    trusted = bool(status.trusted)
    if require_trust and not trusted:
        raise CourierError("courier.signer_untrusted",
                           signer=str(status.signing_cert.subject.human_friendly))
    return BundleSigner(status.signing_cert, trusted)
