"""The operations manifest inside a courier bundle (``operations.json``).

A bundle carries outbox operations exactly as they would be committed over the
network: each ``body`` is the canonical JSON the origin device queued (its fingerprint
is :func:`korat_desktop.protocol.ops.content_sha256` of it), so a letter that arrives by
USB and by network is the same operation, stored once by ``op_id``. The hub reads this
model too, when a relay office forwards a bundle's operations, so it lives here with
the other wire types; it is strict (unknown fields refused), like every request model.
"""

from __future__ import annotations

import base64
import binascii
from typing import Annotated, Literal

from pydantic import AwareDatetime, Field, model_validator

from korat_desktop.protocol.changes import ChangeKind, ChangePage
from korat_desktop.protocol.types import AgencyCode, OpId, RequestModel, Sha256Hex

__all__ = ["BUNDLE_FORMAT", "BundleManifest", "BundledOperation", "RelayedPage"]

BUNDLE_FORMAT: Literal["korat-courier"] = "korat-courier"


class BundledOperation(RequestModel):
    op_id: OpId
    kind: Annotated[str, Field(min_length=1, max_length=64)]
    body: Annotated[str, Field(min_length=2, max_length=1_000_000)]
    content_sha256: Sha256Hex
    origin_agency: AgencyCode
    origin_device: Annotated[str, Field(min_length=1, max_length=64)]
    recipients: Annotated[list[AgencyCode], Field(max_length=500)]
    blobs: Annotated[list[Sha256Hex], Field(max_length=100)]


class RelayedPage(RequestModel):
    """A page of an offline agency's change feed, as the hub signed it (relay outward:
    ``korat courier export --for-agency X``). ``page`` and ``signature`` are the
    :class:`korat_desktop.protocol.relay.SignedPage` fields, unchanged."""

    agency: AgencyCode
    page: Annotated[str, Field(min_length=4, max_length=20_000_000)]
    signature: Annotated[str, Field(min_length=4, max_length=100_000)]


class BundleManifest(RequestModel):
    format: Literal["korat-courier"] = BUNDLE_FORMAT
    version: Literal[1] = 1
    bundle_id: OpId
    sender_agency: AgencyCode
    sender_device: Annotated[str, Field(min_length=1, max_length=64)]
    recipients: Annotated[list[AgencyCode], Field(min_length=1, max_length=500)]
    created: AwareDatetime
    expires: AwareDatetime
    operations: Annotated[list[BundledOperation], Field(max_length=100_000)]
    relayed: Annotated[list[RelayedPage], Field(max_length=10_000)] = Field(
        default_factory=list)
    acked_cursor: Annotated[str, Field(max_length=64)] | None = None
    """The sending office's last applied cursor of relayed hub pages: its relay sends
    only what comes after (a lost bundle is simply carried again)."""
    recipient_infos_sha256: Sha256Hex | None = None
    """SHA-256 of the envelope's RecipientInfos: set by the writer, so the signature
    covers who the bundle was sealed for (CMS itself leaves that unauthenticated)."""

    def letters(self) -> list[str]:
        """Every PDF the bundle must hold: its operations' and those of the inbox letters
        in its relayed hub pages (relay outward carries them with the pages)."""
        wanted = dict.fromkeys(sha for op in self.operations for sha in op.blobs)
        for relayed in self.relayed:
            try:
                page = ChangePage.model_validate_json(base64.b64decode(relayed.page))
            except (ValueError, binascii.Error):
                continue  # (the page's own check refuses it, with its reason)
            for change in page.changes:
                if change.kind is ChangeKind.INBOX:
                    wanted.update(dict.fromkeys(change.op.blobs))
        return sorted(wanted)

    @model_validator(mode="after")
    def _consistent(self) -> BundleManifest:
        if self.expires <= self.created:
            raise ValueError("expires before it was created")
        ids = [o.op_id for o in self.operations]
        if len(set(ids)) != len(ids):
            raise ValueError("an op_id appears twice")
        return self
