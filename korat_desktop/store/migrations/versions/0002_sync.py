"""Sync (issue 4): enrollment, agency directory, recipients, outbox, uploads, inbox,
sent letters, delivery receipts and number leases.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_enrollment",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("hub_url", sa.String(512), nullable=False),
        sa.Column("hub_device_id", sa.String(64), nullable=False),
        sa.Column("device_name", sa.String(128), nullable=False),
        sa.Column("username", sa.String(128), nullable=False),
        sa.Column("agency_code", sa.String(64), nullable=False),
        sa.Column("agency_name", sa.String(255), nullable=False),
        sa.Column("enrolled_at", sa.DateTime, nullable=False),
        sa.Column("changes_cursor", sa.String(64), nullable=True),
        sa.Column("directory_etag", sa.String(80), nullable=True),
        sa.Column("last_sync_at", sa.DateTime, nullable=True),
    )
    op.create_table(
        "directory_agency",
        sa.Column("code", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(255), nullable=False),
    )
    op.create_table(
        "letter_recipient",
        sa.Column("entry_id", sa.Integer, sa.ForeignKey("register_entry.id"), primary_key=True),
        sa.Column("agency_code", sa.String(64), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_table(
        "outbox_op",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("op_id", sa.String(36), nullable=False, unique=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("content_sha256", sa.String(64), nullable=False),
        sa.Column("urgency_rank", sa.Integer, nullable=False),
        sa.Column("entry_id", sa.Integer, sa.ForeignKey("register_entry.id"), nullable=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", sa.DateTime, nullable=True),
        sa.Column("error_code", sa.String(64), nullable=True),
        sa.Column("error_params", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("committed_at", sa.DateTime, nullable=True),
        sa.Column("receipt", sa.Text, nullable=True),
    )
    op.create_index("ix_outbox_op_due", "outbox_op", ["state", "urgency_rank", "id"])
    op.create_index("ix_outbox_op_entry_id", "outbox_op", ["entry_id"])
    # Operations are immutable once queued: only their delivery state may change.
    op.execute(
        "CREATE TRIGGER outbox_op_immutable BEFORE UPDATE OF op_id, kind, body, "
        "content_sha256 ON outbox_op "
        "BEGIN SELECT RAISE(ABORT, 'outbox operations are immutable'); END"
    )
    op.execute(
        "CREATE TRIGGER outbox_op_no_delete BEFORE DELETE ON outbox_op "
        "BEGIN SELECT RAISE(ABORT, 'outbox operations are kept'); END"
    )
    op.create_table(
        "upload_session",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("location", sa.String(512), nullable=False),
        sa.Column("length", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "inbox_item",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("op_id", sa.String(36), nullable=False, unique=True),
        sa.Column("sender_code", sa.String(64), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("urgency_rank", sa.Integer, nullable=False),
        sa.Column("state", sa.String(24), nullable=False),
        sa.Column("committed_at", sa.DateTime, nullable=False),
        sa.Column("arrived_at", sa.DateTime, nullable=False),
        sa.Column("entry_id", sa.Integer, sa.ForeignKey("register_entry.id"), nullable=True),
        sa.Column("receipt_op_id", sa.String(36), nullable=True),
        sa.Column("registered_elsewhere", sa.Text, nullable=False),
        sa.Column("error_code", sa.String(64), nullable=True),
    )
    op.create_table(
        "sent_letter",
        sa.Column("op_id", sa.String(36), primary_key=True),
        sa.Column("entry_id", sa.Integer, sa.ForeignKey("register_entry.id"), nullable=True),
        sa.Column("letter_number", sa.String(128), nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("year_be", sa.Integer, nullable=True),
        sa.Column("number", sa.Integer, nullable=True),
        sa.Column("recipients", sa.Text, nullable=False),
        sa.Column("source", sa.String(8), nullable=False),
        sa.Column("committed_at", sa.DateTime, nullable=True),
    )
    op.create_index("ix_sent_letter_entry_id", "sent_letter", ["entry_id"])
    op.create_table(
        "delivery_receipt",
        sa.Column("op_id", sa.String(36), primary_key=True),
        sa.Column("letter_op_id", sa.String(36), nullable=False),
        sa.Column("receiver_code", sa.String(64), nullable=False),
        sa.Column("receive_year", sa.Integer, nullable=False),
        sa.Column("receive_number", sa.Integer, nullable=False),
        sa.Column("received_date", sa.Date, nullable=False),
        sa.Column("received_time", sa.String(5), nullable=False),
        sa.Column("committed_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_delivery_receipt_letter_op_id", "delivery_receipt", ["letter_op_id"])
    op.create_table(
        "number_lease",
        sa.Column("lease_id", sa.String(36), primary_key=True),
        sa.Column("register", sa.String(8), nullable=False),
        sa.Column("year_be", sa.Integer, nullable=False),
        sa.Column("first", sa.Integer, nullable=False),
        sa.Column("last", sa.Integer, nullable=False),
        sa.Column("next_number", sa.Integer, nullable=False),
        sa.Column("granted_at", sa.DateTime, nullable=False),
        sa.Column("released_at", sa.DateTime, nullable=True),
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS outbox_op_no_delete")
    op.execute("DROP TRIGGER IF EXISTS outbox_op_immutable")
    for table in ("number_lease", "delivery_receipt", "sent_letter", "inbox_item",
                  "upload_session", "outbox_op", "letter_recipient", "directory_agency",
                  "sync_enrollment"):
        op.drop_table(table)
