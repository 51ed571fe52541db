"""Relaying inward: forwarding an imported courier bundle's operations to the hub.

An office with a link that imports a bundle from an offline office keeps the origin's
signed evidence (``relay_evidence``) and one ``relay_op`` row per operation
(``pending``). Each sync pass, before our own outbox goes up, every bundle with
pending operations is forwarded *unchanged*: the letters its pending operations
reference go up with tus from our blob store (as our own uploads: resumable, and a
blob the hub already holds costs one small request), then
``POST /relay/bundles/{bundle_id}`` carries the evidence. The hub answers per
operation:

* ``committed`` / ``replayed``: done (the row keeps which of the two);
* ``blobs_missing``: the hub lost an upload we thought finished: those blobs go up
  again and the bundle is posted once more within the pass;
* ``refused``: permanent, kept with the hub's code for people to read.

A refusal of the whole post (a signature the hub cannot verify, a changed
``operations.json``) refuses every pending operation of that bundle only; a transient
failure leaves them pending for the next pass. Posting again is always safe: the hub
commits each operation exactly once by ``op_id``.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from korat_desktop.errors import KoratError, SyncError
from korat_desktop.protocol.bundle import BundleManifest
from korat_desktop.protocol.relay import RelayEvidence, RelayOpStatus, RelayResult
from korat_desktop.store.audit import AuditLog
from korat_desktop.store.blobs import BlobStore
from korat_desktop.store.models import Blob, RelayEvidenceRow, RelayOpRow
from korat_desktop.sync.backoff import Retrier
from korat_desktop.sync.context import SyncContext, utc_now
from korat_desktop.sync.failures import is_transient, stops_the_pass
from korat_desktop.sync.transport import HubTransport

__all__ = ["DONE_STATES", "BundleRelay", "PendingBundle", "RelayOutcome", "RelayState",
           "pending_bundles", "pending_relay_count", "queue_relay"]


class RelayState(StrEnum):
    PENDING = "pending"
    COMMITTED = "committed"
    REPLAYED = "replayed"
    REFUSED = "refused"


DONE_STATES = frozenset({RelayState.COMMITTED, RelayState.REPLAYED})


@dataclass(frozen=True)
class PendingBundle:
    """One imported bundle with operations still to forward."""

    bundle_id: str
    sender_agency: str
    received_at: dt.datetime
    manifest_xml: bytes
    signature: bytes
    operations_json: bytes
    ops: tuple[tuple[str, str, tuple[str, ...]], ...]  # (op_id, kind, blobs)

    @property
    def blobs(self) -> tuple[str, ...]:
        """Every blob the pending operations reference, each once, in order."""
        seen: dict[str, None] = {}
        for _, _, blobs in self.ops:
            seen.update(dict.fromkeys(blobs))
        return tuple(seen)


@dataclass(frozen=True)
class RelayOutcome:
    """What became of one relayed operation in this pass (``state`` a RelayState)."""

    op_id: str
    kind: str
    bundle_id: str
    state: str
    error: KoratError | None = None


def queue_relay(session: Session, actor: str, blobs: BlobStore, manifest: BundleManifest, *,
                manifest_xml: bytes, signature: bytes, operations_json: bytes,
                now: dt.datetime | None = None) -> int:
    """Keep an imported bundle's evidence and queue every one of its operations for the
    hub (in the import's transaction, after the letters' PDFs went into ``blobs``).

    Every operation goes, also those addressed to us: the hub needs them to route our
    receipt back and to confirm the sender's outbox. Each PDF in the blob store gets
    its ``blob`` row here if it has none, so the clean-up after a crash keeps it until
    it is relayed. Importing the same bundle again queues nothing new; returns how
    many operations were queued now.
    """
    moment = now or utc_now()
    for sha in dict.fromkeys(sha for op in manifest.operations for sha in op.blobs):
        if session.get(Blob, sha) is None and blobs.exists(sha):
            session.add(Blob(sha256=sha, size=blobs.path(sha).stat().st_size,
                             created_at=moment))
    if session.get(RelayEvidenceRow, manifest.bundle_id) is None:
        session.add(RelayEvidenceRow(
            bundle_id=manifest.bundle_id, sender_agency=manifest.sender_agency,
            manifest_xml=manifest_xml, signature=signature, operations_json=operations_json,
            received_at=moment))
        session.flush()
    queued = 0
    for op in manifest.operations:
        if session.get(RelayOpRow, op.op_id) is not None:
            continue  # (queued by an earlier bundle that carried it too)
        session.add(RelayOpRow(op_id=op.op_id, bundle_id=manifest.bundle_id,
                               origin_agency=op.origin_agency, kind=op.kind,
                               blobs=json.dumps(list(op.blobs)),
                               state=RelayState.PENDING.value, updated_at=moment))
        queued += 1
    if queued:
        AuditLog(session, actor).append("sync.relay_queued", "relay_evidence",
                                        manifest.bundle_id,
                                        {"sender": manifest.sender_agency, "ops": queued})
    return queued


def pending_bundles(session: Session) -> list[PendingBundle]:
    """Bundles with pending operations, in the order they were imported."""
    rows = session.scalars(select(RelayOpRow).where(
        RelayOpRow.state == RelayState.PENDING.value).order_by(RelayOpRow.updated_at)).all()
    by_bundle: dict[str, list[RelayOpRow]] = {}
    for row in rows:
        by_bundle.setdefault(row.bundle_id, []).append(row)
    found = []
    for bundle_id, ops in by_bundle.items():
        evidence = session.get(RelayEvidenceRow, bundle_id)
        if evidence is None:  # (the foreign key forbids it; nothing to forward with)
            continue
        found.append(PendingBundle(
            bundle_id, evidence.sender_agency, evidence.received_at, evidence.manifest_xml,
            evidence.signature, evidence.operations_json,
            tuple((r.op_id, r.kind, tuple(json.loads(r.blobs or "[]"))) for r in ops)))
    found.sort(key=lambda b: b.received_at)
    return found


def pending_relay_count(session: Session) -> int:
    return len(session.scalars(select(RelayOpRow.op_id).where(
        RelayOpRow.state == RelayState.PENDING.value)).all())


def _evidence_json(bundle: PendingBundle) -> bytes:
    def b64(data: bytes) -> str:
        return base64.b64encode(data).decode("ascii")

    try:
        evidence = RelayEvidence(manifest_xml=b64(bundle.manifest_xml),
                                 signature=b64(bundle.signature),
                                 operations=b64(bundle.operations_json))
    except ValidationError as e:  # e.g. larger than the hub takes: retrying cannot help
        raise SyncError("sync.relay_evidence_invalid", bundle=bundle.bundle_id) from e
    return evidence.model_dump_json().encode("utf-8")


class BundleRelay:
    """Forwards one pending bundle: uploads, posts, records each operation's answer."""

    def __init__(self, ctx: SyncContext, transport: HubTransport,
                 retrier: Callable[[], Retrier], upload: Callable[[str, str], None],
                 forget_uploads: Callable[[Sequence[str]], None]) -> None:
        self.ctx = ctx
        self.transport = transport
        self.retrier = retrier
        self.upload = upload  # (sha256, bundle_id): one blob up with tus, dedup by hash
        self.forget_uploads = forget_uploads

    def run(self, bundle: PendingBundle, outcomes: list[RelayOutcome]) -> None:
        """Forward ``bundle``, adding what became of each operation to ``outcomes``.

        Raises an error that concerns the whole bundle (the caller decides between
        "later" and "refused"); what was recorded before stays recorded.
        """
        waiting = {op_id: kind for op_id, kind, _ in bundle.ops}
        blobs_of = {op_id: blobs for op_id, _, blobs in bundle.ops}
        body = _evidence_json(bundle)
        missing: set[str] = set()
        for attempt in range(2):
            for sha in (bundle.blobs if attempt == 0 else sorted(missing)):
                owners = [o for o in waiting if sha in blobs_of[o]]
                if not owners:
                    continue
                try:
                    self.upload(sha, bundle.bundle_id)
                except KoratError as e:
                    if isinstance(e, SyncError) and _is_link_trouble(e):
                        raise
                    # This blob cannot go up (e.g. our copy is missing): its operations
                    # only are refused; the others still go.
                    for op_id in owners:
                        outcomes.append(self._record(bundle, op_id, waiting.pop(op_id),
                                                     RelayState.REFUSED, e))
            if not waiting:
                return
            result = self._post(bundle.bundle_id, body)
            missing = set()
            for answer in result.results:
                kind = waiting.get(answer.op_id)
                if kind is None:
                    continue
                if answer.status is RelayOpStatus.BLOBS_MISSING:
                    missing.update(answer.missing)
                    continue
                if answer.status is RelayOpStatus.REFUSED:
                    error = SyncError(answer.code or "sync.relay_refused", bundle=bundle.bundle_id)
                    outcomes.append(self._record(bundle, answer.op_id, kind,
                                                 RelayState.REFUSED, error))
                else:
                    state = (RelayState.COMMITTED if answer.status is RelayOpStatus.COMMITTED
                             else RelayState.REPLAYED)
                    outcomes.append(self._record(bundle, answer.op_id, kind, state))
                waiting.pop(answer.op_id)
            if not missing:
                break
            self.forget_uploads(sorted(missing))
        if waiting and missing:  # still missing after sending them again: a later pass
            raise SyncError("op.blobs_missing", missing=",".join(sorted(missing))[:500],
                            status=424)

    def refuse_all(self, bundle: PendingBundle, error: KoratError) -> list[RelayOutcome]:
        """The hub refused the bundle as a whole: every pending operation of it stops."""
        with self.ctx.database.read() as s:
            still = set(s.scalars(select(RelayOpRow.op_id).where(
                RelayOpRow.bundle_id == bundle.bundle_id,
                RelayOpRow.state == RelayState.PENDING.value)))
        return [self._record(bundle, op_id, kind, RelayState.REFUSED, error)
                for op_id, kind, _ in bundle.ops if op_id in still]

    def _post(self, bundle_id: str, body: bytes) -> RelayResult:
        data = self.retrier().call(lambda: self.transport.json(
            "POST", f"/relay/bundles/{bundle_id}", expect=(200, 201), data=body,
            headers={"Content-Type": "application/json"}))
        try:
            result = RelayResult.model_validate(data)
        except ValidationError as e:
            raise SyncError("sync.bad_response", detail="POST /relay/bundles") from e
        if result.bundle_id != bundle_id:
            raise SyncError("sync.bad_response", detail="POST /relay/bundles: another bundle")
        return result

    def _record(self, bundle: PendingBundle, op_id: str, kind: str, state: RelayState,
                error: KoratError | None = None) -> RelayOutcome:
        with self.ctx.database.write() as s:
            row = s.get(RelayOpRow, op_id)
            if row is not None and row.state == RelayState.PENDING.value:
                row.state = state.value
                row.error_code = error.code if error is not None else None
                row.updated_at = utc_now()
                details: dict[str, object] = {"bundle_id": bundle.bundle_id, "kind": kind,
                                              "origin": row.origin_agency, "state": state.value}
                if error is not None:
                    details["code"] = error.code
                AuditLog(s, self.ctx.actor).append("sync.relayed", "relay_op", op_id, details)
        return RelayOutcome(op_id, kind, bundle.bundle_id, state.value, error)


def _is_link_trouble(error: SyncError) -> bool:
    return is_transient(error) or stops_the_pass(error)
