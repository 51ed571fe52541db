"""Hub schema, first version.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from korat_desktop.server.db.schema import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

CODE = sa.String(64)
ID = sa.String(36)
SHA = sa.String(64)


def upgrade() -> None:
    op.create_table(
        "agencies",
        sa.Column("code", CODE, primary_key=True),
        sa.Column("name", sa.String(500), nullable=False),
        sa.Column("change_seq", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.PrimaryKeyConstraint("code", name="pk_agencies"),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, autoincrement=True),
        sa.Column("username", sa.String(128), nullable=False),
        sa.Column("agency_code", CODE, nullable=False),
        sa.Column("password_hash", sa.String(300), nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("username", name="uq_users_username"),
        sa.ForeignKeyConstraint(["agency_code"], ["agencies.code"],
                                name="fk_users_agency_code_agencies"),
    )
    op.create_table(
        "devices",
        sa.Column("id", ID),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("agency_code", CODE, nullable=False),
        sa.Column("name", sa.String(128), nullable=False),
        sa.Column("token_sha256", SHA, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("revoked_at", UTCDateTime, nullable=True),
        sa.Column("enrolled_from", sa.String(64), nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("id", name="pk_devices"),
        sa.UniqueConstraint("token_sha256", name="uq_devices_token_sha256"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_devices_user_id_users"),
        sa.ForeignKeyConstraint(["agency_code"], ["agencies.code"],
                                name="fk_devices_agency_code_agencies"),
    )
    op.create_table(
        "signin_throttle",
        sa.Column("key", sa.String(200)),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("window_start", sa.Float, nullable=False),
        sa.Column("locked_until", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_signin_throttle"),
    )
    op.create_table(
        "blobs",
        sa.Column("sha256", SHA),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.PrimaryKeyConstraint("sha256", name="pk_blobs"),
    )
    op.create_table(
        "blob_access",
        sa.Column("sha256", SHA),
        sa.Column("agency_code", CODE),
        sa.Column("readable", sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint("sha256", "agency_code", name="pk_blob_access"),
        sa.ForeignKeyConstraint(["sha256"], ["blobs.sha256"],
                                name="fk_blob_access_sha256_blobs"),
        sa.ForeignKeyConstraint(["agency_code"], ["agencies.code"],
                                name="fk_blob_access_agency_code_agencies"),
    )
    op.create_table(
        "uploads",
        sa.Column("id", ID),
        sa.Column("agency_code", CODE, nullable=False),
        sa.Column("device_id", ID, nullable=False),
        sa.Column("length", sa.BigInteger, nullable=False),
        sa.Column("sha256", SHA, nullable=False),
        sa.Column("metadata", sa.Text, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("expires_at", UTCDateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_uploads"),
        sa.ForeignKeyConstraint(["agency_code"], ["agencies.code"],
                                name="fk_uploads_agency_code_agencies"),
        sa.ForeignKeyConstraint(["device_id"], ["devices.id"],
                                name="fk_uploads_device_id_devices"),
    )
    op.create_index("ix_uploads_expires_at", "uploads", ["expires_at"])
    op.create_table(
        "ops",
        sa.Column("op_id", ID),
        sa.Column("agency_code", CODE, nullable=False),
        sa.Column("device_id", ID, nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("content_sha256", SHA, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("routed_to", sa.Text, nullable=False),
        sa.Column("committed_at", UTCDateTime, nullable=False),
        sa.PrimaryKeyConstraint("op_id", name="pk_ops"),
        sa.ForeignKeyConstraint(["agency_code"], ["agencies.code"],
                                name="fk_ops_agency_code_agencies"),
        sa.ForeignKeyConstraint(["device_id"], ["devices.id"], name="fk_ops_device_id_devices"),
    )
    op.create_table(
        "changes",
        sa.Column("agency_code", CODE),
        sa.Column("seq", sa.BigInteger, autoincrement=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("op_id", ID, nullable=False),
        sa.PrimaryKeyConstraint("agency_code", "seq", name="pk_changes"),
        sa.ForeignKeyConstraint(["agency_code"], ["agencies.code"],
                                name="fk_changes_agency_code_agencies"),
        sa.ForeignKeyConstraint(["op_id"], ["ops.op_id"], name="fk_changes_op_id_ops"),
    )
    op.create_index("ix_changes_op_id", "changes", ["op_id"])
    op.create_table(
        "number_counters",
        sa.Column("agency_code", CODE),
        sa.Column("register", sa.String(16)),
        sa.Column("year", sa.Integer, autoincrement=False),
        sa.Column("next_number", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("agency_code", "register", "year", name="pk_number_counters"),
        sa.ForeignKeyConstraint(["agency_code"], ["agencies.code"],
                                name="fk_number_counters_agency_code_agencies"),
    )
    op.create_table(
        "leases",
        sa.Column("id", ID),
        sa.Column("agency_code", CODE, nullable=False),
        sa.Column("device_id", ID, nullable=False),
        sa.Column("register", sa.String(16), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("first", sa.BigInteger, nullable=False),
        sa.Column("last", sa.BigInteger, nullable=False),
        sa.Column("granted_at", UTCDateTime, nullable=False),
        sa.Column("released_at", UTCDateTime, nullable=True),
        sa.Column("returned_first", sa.BigInteger, nullable=True),
        sa.Column("voided_first", sa.BigInteger, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_leases"),
        sa.ForeignKeyConstraint(["agency_code"], ["agencies.code"],
                                name="fk_leases_agency_code_agencies"),
        sa.ForeignKeyConstraint(["device_id"], ["devices.id"],
                                name="fk_leases_device_id_devices"),
    )
    op.create_index("ix_leases_agency_code_register_year", "leases",
                    ["agency_code", "register", "year"])


def downgrade() -> None:
    for table in ("leases", "number_counters", "changes", "ops", "uploads", "blob_access",
                  "blobs", "signin_throttle", "devices", "users", "agencies"):
        op.drop_table(table)
