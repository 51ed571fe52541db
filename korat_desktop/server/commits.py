"""Committing operations: idempotent, routed, and in one short transaction.

``commit`` is safe to retry forever: the first call stores the operation, its changes
and its blob grants together; a replay with the same content gets the same receipt;
different content under the same id is a 409. A commit that references a blob the
agency has not uploaded (or been sent) is refused with 424 and the missing hashes, so
the client uploads them and commits again.

This is the ingest hot path, so its statements are built once at import (SQLAlchemy
then only binds values) and the transaction touches as few rows as it can.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import Connection, bindparam, select, text, update
from sqlalchemy.exc import IntegrityError

from korat_desktop.protocol.errors import ErrorCode
from korat_desktop.protocol.ops import OpReceipt, content_sha256
from korat_desktop.server.db.engine import Database
from korat_desktop.server.db.schema import agencies, blob_access, changes, ops
from korat_desktop.server.devices import DeviceIdentity
from korat_desktop.server.errors import HubError
from korat_desktop.server.routing import AnyOp, route

__all__ = ["commit"]

_FIND_OP = select(ops.c.agency_code, ops.c.kind, ops.c.content_sha256, ops.c.committed_at,
                  ops.c.routed_to).where(ops.c.op_id == bindparam("op_id"))
_HELD_BLOBS = select(blob_access.c.sha256).where(
    blob_access.c.agency_code == bindparam("agency"),
    blob_access.c.sha256.in_(bindparam("shas", expanding=True)))
_NEXT_SEQ = (update(agencies).where(agencies.c.code == bindparam("target"))
             .values(change_seq=agencies.c.change_seq + 1).returning(agencies.c.change_seq))
_INSERT_OP = ops.insert()
_INSERT_CHANGE = changes.insert()
# Same text on SQLite and PostgreSQL: both speak ON CONFLICT ... DO UPDATE.
_GRANT_READ = text(
    "INSERT INTO blob_access (sha256, agency_code, readable) VALUES (:sha256, :agency, :yes) "
    "ON CONFLICT (sha256, agency_code) DO UPDATE SET readable = :yes "
    "WHERE blob_access.readable = :no").bindparams(yes=True, no=False)


def commit(db: Database, device: DeviceIdentity, op_id: str, op: AnyOp) -> tuple[OpReceipt, bool]:
    """Store ``op`` (or find it stored). Returns the receipt and whether it is new."""
    digest = content_sha256(op)
    for attempt in range(2):
        try:
            with db.writing() as conn:
                existing = _existing_receipt(conn, op_id, device.agency_code, digest)
                if existing is not None:
                    return existing, False
                return _store(conn, device, op_id, op, digest), True
        except IntegrityError:
            # Two devices (or retries) raced on one op_id under PostgreSQL: re-read.
            if attempt:
                raise
    raise AssertionError("unreachable")


def _existing_receipt(conn: Connection, op_id: str, agency: str, digest: str
                      ) -> OpReceipt | None:
    row = conn.execute(_FIND_OP, {"op_id": op_id}).first()
    if row is None:
        return None
    if row.agency_code != agency or row.content_sha256 != digest:
        raise HubError(ErrorCode.OP_CONFLICT, 409, op_id=op_id)
    return OpReceipt(op_id=op_id, kind=row.kind, agency=row.agency_code,
                     committed_at=row.committed_at, content_sha256=row.content_sha256,
                     routed_to=json.loads(row.routed_to))


def _store(conn: Connection, device: DeviceIdentity, op_id: str, op: AnyOp,
           digest: str) -> OpReceipt:
    agency = device.agency_code
    wanted = sorted(set(op.blobs))
    if wanted:
        held = set(conn.execute(_HELD_BLOBS, {"agency": agency, "shas": wanted}).scalars())
        missing = [h for h in wanted if h not in held]
        if missing:
            raise HubError(ErrorCode.OP_BLOBS_MISSING, 424, missing=",".join(missing))
    targets = route(conn, agency, op)
    routed_to = sorted(code for code in targets if code != agency)
    now = dt.datetime.now(dt.UTC)
    conn.execute(_INSERT_OP, {
        "op_id": op_id, "agency_code": agency, "device_id": device.device_id, "kind": op.kind,
        "content_sha256": digest, "body": op.model_dump_json(),
        "routed_to": json.dumps(routed_to), "committed_at": now})
    # Sorted so that concurrent commits lock agency rows in one order (no deadlock).
    new_changes = []
    grants = []
    for code in sorted(targets):
        seq = conn.execute(_NEXT_SEQ, {"target": code}).scalar_one()
        new_changes.append({"agency_code": code, "seq": seq, "kind": targets[code].value,
                            "op_id": op_id})
        grants += [{"sha256": sha, "agency": code} for sha in wanted]
    conn.execute(_INSERT_CHANGE, new_changes)
    if grants:
        conn.execute(_GRANT_READ, grants)
    return OpReceipt(op_id=op_id, kind=op.kind, agency=agency, committed_at=now,
                     content_sha256=digest, routed_to=routed_to)
