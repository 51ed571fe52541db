"""``POST /relay/bundles/{bundle_id}``: operations an office forwards for an offline one.

A relay office cannot speak for the agency whose bundle it imported; the origin's
signature does. So the evidence is checked before anything is stored, in this order,
each failure a 4xx with its own code and nothing kept:

1. the three parts are base64 (``relay.bad_evidence``);
2. the signed ``ASiCManifest.xml`` lists the SHA-256 of exactly these
   ``operations.json`` bytes (``relay.digest_mismatch``);
3. the detached CAdES signature over the manifest is intact and its signer chains to
   the hub's trust roots (``relay.signature_invalid``, ``relay.signer_untrusted``);
4. ``operations.json`` is a bundle manifest (``relay.bad_evidence``) for this very
   ``bundle_id`` (``relay.bundle_id_mismatch``);
5. the signer is listed in the directory as a ``sign`` certificate of the bundle's
   sending agency (``relay.signer_not_listed``).

Nothing is parsed as JSON before its signature holds. An *expired* bundle is still
accepted: expiry tells an office not to act on a stale courier file, but here the
operations keep their meaning (a letter sent is sent) and the signature is what
makes them the origin's; refusing them would only lose mail that travelled slowly.

Then the evidence is kept once in ``relay_bundles`` and each operation is committed
through :func:`korat_desktop.server.commits.commit` as the origin agency's, so a
letter that came by network and by courier (or by two relays) is stored once by
``op_id``. Each operation gets its own answer; one refused operation fails alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from pydantic import ValidationError
from sqlalchemy import select

from korat_desktop.courier.asice import manifest_digests
from korat_desktop.courier.bundle import OPERATIONS_NAME
from korat_desktop.courier.signature import verify_detached
from korat_desktop.errors import CourierError
from korat_desktop.protocol.bundle import BundledOperation, BundleManifest
from korat_desktop.protocol.errors import ErrorCode
from korat_desktop.protocol.ops import OPERATION_ADAPTER, content_sha256
from korat_desktop.protocol.relay import (
    RelayEvidence,
    RelayOpResult,
    RelayOpStatus,
    RelayResult,
    b64decode_strict,
)
from korat_desktop.server.commits import Committer, commit
from korat_desktop.server.db.engine import insert_ignoring_conflict
from korat_desktop.server.db.schema import devices, relay_bundles
from korat_desktop.server.devices import DeviceIdentity
from korat_desktop.server.directory import signing_certificate_hashes
from korat_desktop.server.errors import HubError
from korat_desktop.server.hub import Hub

__all__ = ["relay_bundle"]

_TRANSIENT = frozenset({str(ErrorCode.SERVER_BUSY), str(ErrorCode.SERVER_INTERNAL)})


def _decode(evidence: RelayEvidence) -> tuple[bytes, bytes, bytes]:
    parts = []
    for name in ("manifest_xml", "signature", "operations"):
        try:
            parts.append(b64decode_strict(getattr(evidence, name)))
        except ValueError as e:
            raise HubError(ErrorCode.RELAY_BAD_EVIDENCE, 400, detail=f"{name}: not base64") from e
    return parts[0], parts[1], parts[2]


def _verified_manifest(hub: Hub, bundle_id: str, manifest_xml: bytes, signature: bytes,
                       operations: bytes) -> tuple[BundleManifest, str]:
    """Checks 2-4; the manifest and the signer certificate's SHA-256."""
    try:
        listed = manifest_digests(manifest_xml)
    except CourierError as e:
        raise HubError(ErrorCode.RELAY_BAD_EVIDENCE, 400, detail=e.message("en")) from e
    if listed.get(OPERATIONS_NAME) != hashlib.sha256(operations).hexdigest():
        raise HubError(ErrorCode.RELAY_DIGEST, 422)
    try:
        signer = verify_detached(signature, manifest_xml, hub.trust_roots)
    except CourierError as e:
        if e.code == "courier.signer_untrusted":
            raise HubError(ErrorCode.RELAY_SIGNER_UNTRUSTED, 422,
                           signer=str(e.params.get("signer", ""))) from e
        raise HubError(ErrorCode.RELAY_SIGNATURE, 422,
                       detail=str(e.params.get("detail", e.code))) from e
    try:
        manifest = BundleManifest.model_validate_json(operations)
    except (ValidationError, json.JSONDecodeError) as e:
        raise HubError(ErrorCode.RELAY_BAD_EVIDENCE, 400,
                       detail=f"{OPERATIONS_NAME}: {str(e)[:200]}") from e
    if manifest.bundle_id != bundle_id:
        raise HubError(ErrorCode.RELAY_BUNDLE_ID, 422, bundle_id=bundle_id,
                       signed=manifest.bundle_id)
    return manifest, signer.sha256


def relay_bundle(hub: Hub, device: DeviceIdentity, bundle_id: str,
                 evidence: RelayEvidence) -> RelayResult:
    """Verify the origin's evidence, keep it, and commit its operations (see module)."""
    manifest_xml, signature, operations = _decode(evidence)
    manifest, signer_sha = _verified_manifest(hub, bundle_id, manifest_xml, signature,
                                              operations)
    sender = manifest.sender_agency
    origin_devices = sorted({o.origin_device for o in manifest.operations})
    with hub.db.writing() as conn:
        if signer_sha not in signing_certificate_hashes(conn, sender):
            raise HubError(ErrorCode.RELAY_SIGNER_NOT_LISTED, 403, signer=signer_sha,
                           agency=sender)
        insert_ignoring_conflict(conn, relay_bundles, {
            "bundle_id": bundle_id, "sender_agency": sender, "device_id": device.device_id,
            "manifest_xml": manifest_xml, "signature": signature,
            "operations_json": operations, "received_at": dt.datetime.now(dt.UTC)})
        kept = conn.execute(select(relay_bundles.c.operations_json).where(
            relay_bundles.c.bundle_id == bundle_id)).scalar_one()
        if kept != operations:
            raise HubError(ErrorCode.RELAY_BUNDLE_CONFLICT, 409, bundle_id=bundle_id)
        enrolled = set(conn.execute(select(devices.c.id).where(
            devices.c.agency_code == sender,
            devices.c.id.in_(origin_devices))).scalars()) if origin_devices else set()
    holders = tuple(dict.fromkeys((sender, device.agency_code)))
    results = [_relay_op(hub, manifest, bundled, Committer(
        sender, bundled.origin_device if bundled.origin_device in enrolled
        else device.device_id, holders, bundle_id)) for bundled in manifest.operations]
    return RelayResult(bundle_id=bundle_id, sender_agency=sender, results=results)


def _relay_op(hub: Hub, manifest: BundleManifest, bundled: BundledOperation,
              committer: Committer) -> RelayOpResult:
    op_id = bundled.op_id

    def refused(code: str) -> RelayOpResult:
        return RelayOpResult(op_id=op_id, status=RelayOpStatus.REFUSED, code=code)

    if bundled.origin_agency != manifest.sender_agency:
        return refused(ErrorCode.RELAY_NOT_ORIGIN)
    try:
        op = OPERATION_ADAPTER.validate_json(bundled.body)
    except ValidationError:
        return refused(ErrorCode.OP_INVALID)
    if content_sha256(op) != bundled.content_sha256:
        return refused(ErrorCode.RELAY_OP_DIGEST)
    try:
        receipt, created = commit(hub.db, committer, op_id, op)
    except HubError as e:
        if e.code in _TRANSIENT:
            raise  # the whole request is retried; what was committed answers as replayed
        if e.code == ErrorCode.OP_BLOBS_MISSING:
            missing = str(e.params.get("missing", "")).split(",")
            return RelayOpResult(op_id=op_id, status=RelayOpStatus.BLOBS_MISSING,
                                 code=e.code, missing=[m for m in missing if m])
        return refused(e.code)
    return RelayOpResult(op_id=op_id, status=RelayOpStatus.COMMITTED if created
                         else RelayOpStatus.REPLAYED, receipt=receipt)
