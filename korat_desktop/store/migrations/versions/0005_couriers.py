"""Couriers and agency keys (issue 9): certificates in the cached directory, the
courier log, and the relay queue.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_TS = sa.DateTime


def upgrade() -> None:
    op.add_column("directory_agency", sa.Column("relay", sa.String(64), nullable=True))
    op.create_table(
        "directory_certificate",
        sa.Column("agency_code", sa.String(64), primary_key=True),
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("use", sa.String(8), nullable=False),
        sa.Column("der", sa.LargeBinary, nullable=False),
        sa.Column("added_at", _TS, nullable=False))
    op.create_table(
        "directory_source",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source", sa.String(8), nullable=False),
        sa.Column("hub_certificate", sa.LargeBinary, nullable=True),
        sa.Column("issued_at", _TS, nullable=True),
        sa.Column("loaded_at", _TS, nullable=False))
    op.create_table(
        "courier_bundle",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("bundle_id", sa.String(36), nullable=False, unique=True),
        sa.Column("direction", sa.String(4), nullable=False),
        sa.Column("file_name", sa.Text, nullable=False),
        sa.Column("file_sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("sender_agency", sa.String(64), nullable=False),
        sa.Column("recipients", sa.Text, nullable=False),
        sa.Column("signer", sa.Text, nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("expires_at", _TS, nullable=False),
        sa.Column("recorded_at", _TS, nullable=False),
        sa.Column("part", sa.Integer, nullable=False),
        sa.Column("parts", sa.Integer, nullable=False))
    op.create_table(
        "courier_bundle_op",
        sa.Column("bundle_id", sa.String(36), sa.ForeignKey("courier_bundle.bundle_id"),
                  primary_key=True),
        sa.Column("op_id", sa.String(36), primary_key=True),
        sa.Column("role", sa.String(8), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False))
    op.create_index("ix_courier_bundle_op_op_id", "courier_bundle_op", ["op_id"])
    op.create_table(
        "relay_evidence",
        sa.Column("bundle_id", sa.String(36), primary_key=True),
        sa.Column("sender_agency", sa.String(64), nullable=False),
        sa.Column("manifest_xml", sa.LargeBinary, nullable=False),
        sa.Column("signature", sa.LargeBinary, nullable=False),
        sa.Column("operations_json", sa.LargeBinary, nullable=False),
        sa.Column("received_at", _TS, nullable=False))
    op.create_table(
        "relay_op",
        sa.Column("op_id", sa.String(36), primary_key=True),
        sa.Column("bundle_id", sa.String(36), sa.ForeignKey("relay_evidence.bundle_id"),
                  nullable=False),
        sa.Column("origin_agency", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("blobs", sa.Text, nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("error_code", sa.String(64), nullable=True),
        sa.Column("updated_at", _TS, nullable=False))
    op.create_index("ix_relay_op_bundle_id", "relay_op", ["bundle_id"])
    op.create_table(
        "relay_cursor",
        sa.Column("agency_code", sa.String(64), primary_key=True),
        sa.Column("acked", sa.String(64), nullable=True),
        sa.Column("updated_at", _TS, nullable=False))


def downgrade() -> None:
    for table in ("relay_cursor", "relay_op", "relay_evidence", "courier_bundle_op",
                  "courier_bundle", "directory_source", "directory_certificate"):
        op.drop_table(table)
    with op.batch_alter_table("directory_agency") as batch:
        batch.drop_column("relay")
