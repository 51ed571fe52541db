"""Relaying courier bundles through a connected office, both ways.

Inward: an office with a link that imports a bundle from an offline office forwards
its operations to the hub *unchanged*, with the evidence that the origin signed them:
the bundle's ``META-INF/ASiCManifest.xml``, its detached CAdES signature, and its
``operations.json`` (whose SHA-256 the signed manifest lists). The relay first uploads
the letters with tus as itself, then ``POST /relay/bundles/{bundle_id}``. The hub checks
the signature against its trust roots and that the signer is listed for the bundle's
sending agency, then commits each operation whose ``origin_agency`` is that agency as
that agency's operation, exactly once by ``op_id`` (the same idempotent commit as
``POST /ops/{op_id}/commit``). A relay can neither forge nor alter one: any change
breaks the digest or the signature.

Outward: a relay agency designated for offline agency X (``korat-hub relay set``)
reads X's change feed, ``GET /relay/agencies/{X}/changes``, as pages signed by the hub
key, and X's letters, ``GET /relay/agencies/{X}/blobs/{sha}``. It carries them to X in
a bundle; X checks the hub's signature on each page and applies it exactly as if it
had pulled the page itself.
"""

from __future__ import annotations

import base64
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from korat_desktop.protocol.changes import ChangePage
from korat_desktop.protocol.ops import OpReceipt
from korat_desktop.protocol.types import AgencyCode, OpId, RequestModel, ResponseModel, Sha256Hex

__all__ = ["RelayChangePage", "RelayEvidence", "RelayOpResult", "RelayOpStatus", "RelayResult", "SignedPage",
           "b64decode_strict"]

B64 = Annotated[str, Field(min_length=4, max_length=700_000, pattern=r"^[A-Za-z0-9+/]*={0,2}$")]


def b64decode_strict(text: str) -> bytes:
    """Standard base64 with padding; anything else raises ``ValueError``."""
    return base64.b64decode(text.encode("ascii"), validate=True)


class RelayEvidence(RequestModel):
    """``POST /relay/bundles/{bundle_id}``: the origin's signed evidence, base64."""

    manifest_xml: B64
    signature: B64
    operations: B64


class RelayOpStatus(StrEnum):
    COMMITTED = "committed"  # new at the hub
    REPLAYED = "replayed"  # was already there (by network or another relay)
    BLOBS_MISSING = "blobs_missing"  # upload ``missing`` with tus, then post again
    REFUSED = "refused"  # permanent: ``code`` says why (e.g. op.top_secret)


class RelayOpResult(ResponseModel):
    op_id: OpId
    status: RelayOpStatus
    code: str | None = None
    missing: list[Sha256Hex] = Field(default_factory=list)
    receipt: OpReceipt | None = None


class RelayResult(ResponseModel):
    bundle_id: OpId
    sender_agency: AgencyCode
    results: list[RelayOpResult]


class RelayChangePage(ChangePage):
    """The page the hub signs for a relay: X's :class:`ChangePage` with X's code inside
    the signed bytes, so a relay cannot pass one agency's page (say, one holding only
    receipts) off as another's."""

    agency: AgencyCode


class SignedPage(ResponseModel):
    """``GET /relay/agencies/{code}/changes``: one ``ChangePage`` as the hub's exact JSON
    bytes (base64) and the hub key's detached CMS signature over those bytes."""

    agency: AgencyCode
    page: str = Field(description="base64 of the RelayChangePage JSON bytes (the agency inside)")
    signature: str = Field(description="base64 DER CMS SignedData, detached, by the hub key")
