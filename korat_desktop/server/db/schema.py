"""The hub's tables (SQLAlchemy Core). Changed only together with a migration.

Why some columns exist:

* ``agencies.change_seq`` numbers each agency's change feed. The commit transaction
  bumps it with ``UPDATE ... RETURNING`` (a row lock), so changes of one agency become
  visible in the order they were numbered and a reader never skips a late commit.
* ``blob_access.readable`` separates holding from reading: an agency that uploaded a
  blob (proved it has the bytes) may reference it in a commit; it may download it
  only once an operation routed to or from it references it.
* ``blob_access.held_since``: when the agency last uploaded (or re-announced) a blob it
  cannot read yet. Such a holding that no commit made readable within the upload
  expiry is swept, and the blob with it when no agency holds it any more.
* ``devices.token_sha256``: the token itself is never stored.
* ``leases.request_key``: the client's ``Idempotency-Key`` for ``POST /leases``, unique
  per device, so a grant whose answer was lost is answered again, not granted twice.
* ``agency_certificates``: what the directory publishes for each agency (``sign``: the
  signers a courier bundle of that agency may carry; ``encrypt``: what bundles are
  sealed to), with who added it (a device id, or ``admin`` for the console).
* ``users.setup_code_sha256``: an imported account has no password until its one-time
  setup code (random 128 bits, only its SHA-256 kept, expiring) is used to set one.
* ``agencies.relay_agency``: the connected agency that carries this one's mail by
  courier (``korat-hub relay set``); it alone may read this agency's feed for it.
* ``relay_bundles``: the origin's signed evidence for operations a relay forwarded,
  kept as received for audit; ``ops.relayed_bundle`` names the evidence that brought
  an operation (NULL when it came over the network).
* ``device_reports``: each device's last report of itself (one row, replaced at every
  sync); ``reported_at`` is the hub's clock, so staleness never trusts a device's.
* ``admin_accounts`` are the province's IT, not agency staff: they cannot enroll a
  device and agency accounts cannot open the fleet page. ``admin_sessions`` keeps only
  the SHA-256 of a session cookie (as for device tokens), with its CSRF token.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)

__all__ = [
    "UTCDateTime",
    "admin_accounts",
    "admin_sessions",
    "agencies",
    "agency_certificates",
    "blob_access",
    "blobs",
    "changes",
    "device_reports",
    "devices",
    "leases",
    "metadata",
    "number_counters",
    "ops",
    "relay_bundles",
    "signin_throttle",
    "uploads",
    "users",
]

metadata = MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC datetimes on both SQLite (which stores them naive) and PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


CODE = String(64)
ID = String(36)
SHA = String(64)

agencies = Table(
    "agencies", metadata,
    Column("code", CODE, primary_key=True),
    Column("name", String(500), nullable=False),
    Column("change_seq", BigInteger, nullable=False, server_default="0"),
    Column("created_at", UTCDateTime, nullable=False),
    Column("relay_agency", CODE, ForeignKey("agencies.code"), nullable=True),
)

agency_certificates = Table(
    "agency_certificates", metadata,
    Column("agency_code", CODE, ForeignKey("agencies.code"), primary_key=True),
    Column("sha256", SHA, primary_key=True),
    Column("use", String(16), primary_key=True),
    Column("der", LargeBinary, nullable=False),
    Column("added_at", UTCDateTime, nullable=False),
    Column("added_by", String(64), nullable=False),
)

users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(128), nullable=False, unique=True),
    Column("agency_code", CODE, ForeignKey("agencies.code"), nullable=False),
    Column("password_hash", String(300), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("full_name", String(200), nullable=True),
    Column("role", String(32), nullable=True),
    Column("email", String(254), nullable=True),
    Column("setup_code_sha256", SHA, nullable=True),
    Column("setup_code_expires_at", UTCDateTime, nullable=True),
    Index(None, "setup_code_sha256", unique=True),
)

devices = Table(
    "devices", metadata,
    Column("id", ID, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("agency_code", CODE, ForeignKey("agencies.code"), nullable=False),
    Column("name", String(128), nullable=False),
    Column("token_sha256", SHA, nullable=False, unique=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("revoked_at", UTCDateTime, nullable=True),
    Column("enrolled_from", String(64), nullable=False, server_default=""),
)

signin_throttle = Table(
    "signin_throttle", metadata,
    Column("key", String(200), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("last_failure_at", Float, nullable=False),
    Column("locked_until", Float, nullable=False),
)

blobs = Table(
    "blobs", metadata,
    Column("sha256", SHA, primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

blob_access = Table(
    "blob_access", metadata,
    Column("sha256", SHA, ForeignKey("blobs.sha256"), primary_key=True),
    Column("agency_code", CODE, ForeignKey("agencies.code"), primary_key=True),
    Column("readable", Boolean, nullable=False),
    Column("held_since", UTCDateTime, nullable=True),
)

uploads = Table(
    "uploads", metadata,
    Column("id", ID, primary_key=True),
    Column("agency_code", CODE, ForeignKey("agencies.code"), nullable=False),
    Column("device_id", ID, ForeignKey("devices.id"), nullable=False),
    Column("length", BigInteger, nullable=False),
    Column("sha256", SHA, nullable=False),
    Column("metadata", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
    Index(None, "expires_at"),
)

relay_bundles = Table(
    "relay_bundles", metadata,
    Column("bundle_id", ID, primary_key=True),
    Column("sender_agency", CODE, ForeignKey("agencies.code"), nullable=False),
    Column("device_id", ID, ForeignKey("devices.id"), nullable=False),
    Column("manifest_xml", LargeBinary, nullable=False),
    Column("signature", LargeBinary, nullable=False),
    Column("operations_json", LargeBinary, nullable=False),
    Column("received_at", UTCDateTime, nullable=False),
)

ops = Table(
    "ops", metadata,
    Column("op_id", ID, primary_key=True),
    Column("agency_code", CODE, ForeignKey("agencies.code"), nullable=False),
    Column("device_id", ID, ForeignKey("devices.id"), nullable=False),
    Column("kind", String(64), nullable=False),
    Column("content_sha256", SHA, nullable=False),
    Column("body", Text, nullable=False),
    Column("routed_to", Text, nullable=False),
    Column("committed_at", UTCDateTime, nullable=False),
    Column("relayed_bundle", ID, ForeignKey("relay_bundles.bundle_id"), nullable=True),
)

changes = Table(
    "changes", metadata,
    Column("agency_code", CODE, ForeignKey("agencies.code"), primary_key=True),
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("kind", String(32), nullable=False),
    Column("op_id", ID, ForeignKey("ops.op_id"), nullable=False),
    Index(None, "op_id"),
)

number_counters = Table(
    "number_counters", metadata,
    Column("agency_code", CODE, ForeignKey("agencies.code"), primary_key=True),
    Column("register", String(16), primary_key=True),
    Column("year", Integer, primary_key=True, autoincrement=False),
    Column("next_number", BigInteger, nullable=False),
)

leases = Table(
    "leases", metadata,
    Column("id", ID, primary_key=True),
    Column("agency_code", CODE, ForeignKey("agencies.code"), nullable=False),
    Column("device_id", ID, ForeignKey("devices.id"), nullable=False),
    Column("register", String(16), nullable=False),
    Column("year", Integer, nullable=False),
    Column("first", BigInteger, nullable=False),
    Column("last", BigInteger, nullable=False),
    Column("granted_at", UTCDateTime, nullable=False),
    Column("released_at", UTCDateTime, nullable=True),
    Column("returned_first", BigInteger, nullable=True),
    Column("voided_first", BigInteger, nullable=True),
    Column("request_key", String(64), nullable=True),
    Index(None, "agency_code", "register", "year"),
    Index(None, "device_id", "request_key", unique=True),
)

device_reports = Table(
    "device_reports", metadata,
    Column("device_id", ID, ForeignKey("devices.id"), primary_key=True),
    Column("reported_at", UTCDateTime, nullable=False),
    Column("app_version", String(40), nullable=False),
    Column("os", String(200), nullable=False),
    Column("last_sync_at", UTCDateTime, nullable=True),
    Column("pending_ops", BigInteger, nullable=False),
    Column("failed_ops", BigInteger, nullable=False),
    Column("oldest_pending_s", BigInteger, nullable=True),
    Column("last_error", String(64), nullable=True),
    Column("free_disk_bytes", BigInteger, nullable=True),
    Column("token_middleware", Text, nullable=False),
)

admin_accounts = Table(
    "admin_accounts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(128), nullable=False, unique=True),
    Column("password_hash", String(300), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

admin_sessions = Table(
    "admin_sessions", metadata,
    Column("token_sha256", SHA, primary_key=True),
    Column("admin_id", Integer, ForeignKey("admin_accounts.id"), nullable=False),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
    Index(None, "expires_at"),
)
