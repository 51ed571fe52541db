"""First schema: office, blobs, documents and versions, registers, audit log, search.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "office",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("agency_code", sa.String(64), nullable=False),
        sa.Column("agency_name", sa.String(255), nullable=False),
        sa.Column("device_id", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "blob",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "document",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(40), nullable=False, unique=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("sender", sa.Text, nullable=False),
        sa.Column("recipient", sa.Text, nullable=False),
        sa.Column("letter_number", sa.String(128), nullable=False),
        sa.Column("letter_date", sa.Date, nullable=True),
        sa.Column("urgency", sa.String(16), nullable=False),
        sa.Column("secrecy", sa.String(16), nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("retention_years", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "document_version",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("document.id"), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("blob_sha256", sa.String(64), sa.ForeignKey("blob.sha256"), nullable=False),
        sa.Column("role", sa.String(24), nullable=False),
        sa.Column("signature_level", sa.String(8), nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("document_id", "seq"),
    )
    op.create_index("ix_document_version_document_id", "document_version", ["document_id"])
    op.create_index("ix_document_version_blob_sha256", "document_version", ["blob_sha256"])
    op.create_table(
        "register_entry",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("register", sa.String(8), nullable=False),
        sa.Column("year_be", sa.Integer, nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("document.id"), nullable=True),
        sa.Column("registered_at", sa.DateTime, nullable=False),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("remarks", sa.Text, nullable=False),
        sa.Column("voided", sa.Boolean, nullable=False),
        sa.Column("void_reason", sa.Text, nullable=False),
        sa.UniqueConstraint("register", "year_be", "number"),
    )
    op.create_index("ix_register_entry_list", "register_entry", ["register", "year_be", "number"])
    op.create_index("ix_register_entry_document_id", "register_entry", ["document_id"])
    op.create_table(
        "register_counter",
        sa.Column("register", sa.String(8), primary_key=True),
        sa.Column("year_be", sa.Integer, primary_key=True),
        sa.Column("next_number", sa.Integer, nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("entity", sa.String(32), nullable=False),
        sa.Column("entity_id", sa.String(64), nullable=False),
        sa.Column("details", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.LargeBinary(32), nullable=False),
        sa.Column("hash", sa.LargeBinary(32), nullable=False),
    )
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("hash", sa.LargeBinary(32), nullable=False),
    )
    # The audit log is append-only: the database itself refuses edits and deletes.
    op.execute(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"
    )
    op.execute(
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"
    )
    # Full-text search: trigram so Thai (no spaces between words) matches any substring.
    op.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "number, subject, parties, notes, body, tokenize='trigram')"
    )


def downgrade() -> None:
    op.execute("DROP TABLE search_index")
    for table in ("audit_head", "audit_log", "register_counter", "register_entry",
                  "document_version", "document", "blob", "office"):
        op.drop_table(table)
