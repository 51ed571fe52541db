"""The agency directory the client caches to address (and seal) letters while offline.

Besides names, the directory publishes each agency's certificates: ``sign`` ones (the
clerks' cards or an office certificate: a courier bundle's signer must be listed here
for the agency it claims) and ``encrypt`` ones (what bundles and secret letters are
sealed to; the private key never leaves that office). ``relay`` names the connected
agency that carries this agency's mail by courier. ``hub_certificate`` is the hub's
own signing certificate: it signs the offline copy of this directory and the change
pages a relay carries out, so an office that never connects can still check both.

The offline copy (``GET /directory/signed``, ``korat-hub directory export``) is a CMS
SignedData (DER, content attached) whose content is exactly this model's JSON.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from korat_desktop.protocol.types import AgencyCode, RequestModel, ResponseModel, Sha256Hex

__all__ = [
    "DIRECTORY_SIGNED_MIME",
    "Agency",
    "AgencyCertificate",
    "AgencyDirectory",
    "CertificatePublish",
    "CertificateUse",
]

DIRECTORY_SIGNED_MIME = "application/pkcs7-mime"

CertificateDer = Annotated[str, Field(min_length=4, max_length=16_000,
                                      description="base64 of the DER certificate")]


class CertificateUse(StrEnum):
    SIGN = "sign"
    ENCRYPT = "encrypt"


class AgencyCertificate(ResponseModel):
    use: CertificateUse
    der_b64: CertificateDer
    sha256: Sha256Hex = Field(description="SHA-256 of the DER bytes")
    added_at: dt.datetime


class Agency(ResponseModel):
    code: AgencyCode
    name: str
    certificates: list[AgencyCertificate] = Field(default_factory=list)
    relay: AgencyCode | None = Field(
        default=None, description="The agency that relays this one's mail by courier")


class AgencyDirectory(ResponseModel):
    agencies: list[Agency]
    hub_certificate: CertificateDer | None = Field(
        default=None, description="The hub's signing certificate (signed directory, relay pages)")
    issued_at: dt.datetime | None = None


class CertificatePublish(RequestModel):
    """``POST /agencies/me/certificates``: a device publishes one of its agency's
    certificates (idempotent by SHA-256); ``DELETE .../{sha256}`` withdraws one."""

    use: CertificateUse
    der_b64: CertificateDer
