"""Committing operations: idempotent, routed, and in one short transaction.

``commit`` is safe to retry forever: the first call stores the operation, its changes
and its blob grants together; a replay with the same content gets the same receipt;
different content under the same id is a 409. A commit that references a blob the
agency has not uploaded (or been sent) is refused with 424 and the missing hashes, so
the client uploads them and commits again.

This is the ingest hot path, so its statements are built once at import (SQLAlchemy
then only binds values) and the transaction touches as few rows as it can.

Every commit takes the row locks of the agencies it numbers changes for (the sender's
``own`` change at least), so commits of one agency queue on its row: throughput is
one over the time that lock is held. On SQLite the write lock is the whole database
anyway (``BEGIN IMMEDIATE``). On PostgreSQL the checks run first as plain reads, then
the operation, its changes and its blob grants are written by *one* statement in
autocommit: the server takes the agency locks, writes, and commits in one go, so no
lock is ever held across a network round trip or a Python thread waiting for the
GIL. The checks need no lock: what they read never changes once written (operations,
agencies, blob holdings), and a concurrent replay of the same ``op_id`` loses on the
primary key and is answered as a replay.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, select, text, update
from sqlalchemy.exc import IntegrityError

from korat_desktop.protocol.changes import ChangeKind
from korat_desktop.protocol.errors import ErrorCode
from korat_desktop.protocol.ops import OpReceipt, content_sha256
from korat_desktop.server.db.engine import Database
from korat_desktop.server.db.schema import agencies, blob_access, changes, ops
from korat_desktop.server.devices import DeviceIdentity
from korat_desktop.server.errors import HubError
from korat_desktop.server.routing import AnyOp, route

__all__ = ["Committer", "commit"]


@dataclass(frozen=True)
class Committer:
    """In whose name an operation is stored. Over the network that is the calling
    device and its agency. A relayed operation is the *origin* agency's (a relay office
    forwards it unchanged, with the origin's signature): ``device_id`` is the origin
    device when it is enrolled in that agency, else the relay's device; its blobs may
    have been uploaded by the origin or by the relay (``blob_holders``), and the commit
    grants them to the origin like any other target; ``relayed_bundle`` names the
    evidence kept in ``relay_bundles``."""

    agency_code: str
    device_id: str
    blob_holders: tuple[str, ...]
    relayed_bundle: str | None = None

    @classmethod
    def of(cls, device: DeviceIdentity | Committer) -> Committer:
        if isinstance(device, Committer):
            return device
        return cls(device.agency_code, device.device_id, (device.agency_code,))


_FIND_OP = select(ops.c.agency_code, ops.c.kind, ops.c.content_sha256, ops.c.committed_at,
                  ops.c.routed_to).where(ops.c.op_id == bindparam("op_id"))
_HELD_BLOBS = select(blob_access.c.sha256).distinct().where(
    blob_access.c.agency_code.in_(bindparam("holders", expanding=True)),
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


# PostgreSQL: the whole write in one statement. Lock order is the same as _store's
# (agency rows, sorted; then blob grants): ``locked`` is materialized first because the
# op row's INSERT reads from it, and ``grants``, referenced by nothing, runs last.
_WRITE_PG = text("""
WITH locked AS MATERIALIZED (
    SELECT code FROM agencies WHERE code = ANY(CAST(:targets AS varchar[]))
    ORDER BY code FOR UPDATE
), new_op AS (
    INSERT INTO ops (op_id, agency_code, device_id, kind, content_sha256, body, routed_to,
                     committed_at, relayed_bundle)
    SELECT :op_id, :agency_code, :device_id, :kind, :content_sha256, :body, :routed_to,
           :committed_at, :relayed_bundle
    FROM (SELECT count(*) FROM locked) AS after_locking
    RETURNING op_id
), bumped AS (
    UPDATE agencies SET change_seq = agencies.change_seq + 1 FROM locked
    WHERE agencies.code = locked.code
    RETURNING agencies.code, agencies.change_seq
), grants AS (
    INSERT INTO blob_access (sha256, agency_code, readable)
    SELECT g.sha256, g.agency_code, TRUE
    FROM unnest(CAST(:grant_shas AS varchar[]), CAST(:grant_agencies AS varchar[]))
         AS g(sha256, agency_code)
    ON CONFLICT (sha256, agency_code) DO UPDATE SET readable = TRUE
    WHERE blob_access.readable = FALSE
)
INSERT INTO changes (agency_code, seq, kind, op_id)
SELECT bumped.code, bumped.change_seq, t.kind, new_op.op_id
FROM bumped
JOIN unnest(CAST(:targets AS varchar[]), CAST(:kinds AS varchar[])) AS t(code, kind)
  ON t.code = bumped.code
CROSS JOIN new_op
""")


def commit(db: Database, who: DeviceIdentity | Committer, op_id: str, op: AnyOp
           ) -> tuple[OpReceipt, bool]:
    """Store ``op`` (or find it stored). Returns the receipt and whether it is new."""
    device = Committer.of(who)
    digest = content_sha256(op)
    if not db.is_sqlite:
        return _commit_in_one_statement(db, device, op_id, op, digest)
    with db.writing() as conn:
        existing = _existing_receipt(conn, op_id, device.agency_code, digest)
        if existing is not None:
            return existing, False
        return _store(conn, device, op_id, op, digest), True


def _commit_in_one_statement(db: Database, device: Committer, op_id: str, op: AnyOp,
                             digest: str) -> tuple[OpReceipt, bool]:
    """PostgreSQL. Optimistic: replays are rare, so the write goes first and the stored
    receipt is looked up only when the ``op_id`` is taken (a replay, or a concurrent
    one winning the race), or when the checks refuse: an operation committed earlier
    keeps its receipt even if the hub's state has moved on since (a lease released)."""
    with db.autocommit() as conn:
        try:
            return _store_in_one_statement(conn, device, op_id, op, digest), True
        except (IntegrityError, HubError):
            existing = _existing_receipt(conn, op_id, device.agency_code, digest)
            if existing is None:
                raise
            return existing, False


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


def _check(conn: Connection, device: Committer, op: AnyOp
           ) -> tuple[list[str], dict[str, ChangeKind]]:
    """The blobs the operation references (held by the agency, or by the relay that
    forwards it) and where it goes."""
    agency = device.agency_code
    wanted = sorted(set(op.blobs))
    if wanted:
        held = set(conn.execute(_HELD_BLOBS, {"holders": list(device.blob_holders),
                                              "shas": wanted}).scalars())
        missing = [h for h in wanted if h not in held]
        if missing:
            raise HubError(ErrorCode.OP_BLOBS_MISSING, 424, missing=",".join(missing))
    return wanted, route(conn, agency, op)


def _store_in_one_statement(conn: Connection, device: Committer, op_id: str, op: AnyOp,
                            digest: str) -> OpReceipt:
    agency = device.agency_code
    wanted, targets = _check(conn, device, op)
    routed_to = sorted(code for code in targets if code != agency)
    now = dt.datetime.now(dt.UTC)
    codes = sorted(targets)
    conn.execute(_WRITE_PG, {
        "op_id": op_id, "agency_code": agency, "device_id": device.device_id, "kind": op.kind,
        "content_sha256": digest, "body": op.model_dump_json(),
        "routed_to": json.dumps(routed_to), "committed_at": now,
        "relayed_bundle": device.relayed_bundle, "targets": codes, "kinds": [targets[code].value for code in codes],
        "grant_shas": [sha for _ in codes for sha in wanted],
        "grant_agencies": [code for code in codes for _ in wanted]})
    return OpReceipt(op_id=op_id, kind=op.kind, agency=agency, committed_at=now,
                     content_sha256=digest, routed_to=routed_to)


def _store(conn: Connection, device: Committer, op_id: str, op: AnyOp,
           digest: str) -> OpReceipt:
    agency = device.agency_code
    wanted, targets = _check(conn, device, op)
    routed_to = sorted(code for code in targets if code != agency)
    now = dt.datetime.now(dt.UTC)
    conn.execute(_INSERT_OP, {
        "op_id": op_id, "agency_code": agency, "device_id": device.device_id, "kind": op.kind,
        "content_sha256": digest, "body": op.model_dump_json(),
        "routed_to": json.dumps(routed_to), "committed_at": now,
        "relayed_bundle": device.relayed_bundle})
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
