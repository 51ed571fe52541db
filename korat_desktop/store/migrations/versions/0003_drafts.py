"""Drafts (issue 5): letters being written, with their PDF, before a number is issued;
and an index on document.urgency, so the registers can list urgent letters first
without reading every row (RegisterQueries.entries(urgent_first=True)).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "draft",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(40), nullable=False, unique=True),
        sa.Column("blob_sha256", sa.String(64), sa.ForeignKey("blob.sha256"), nullable=False),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("recipient", sa.Text, nullable=False),
        sa.Column("recipient_codes", sa.Text, nullable=False),
        sa.Column("letter_date", sa.Date, nullable=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("urgency", sa.String(16), nullable=False),
        sa.Column("secrecy", sa.String(16), nullable=False),
        sa.Column("circular", sa.Boolean, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_draft_blob_sha256", "draft", ["blob_sha256"])
    op.create_index("ix_document_urgency", "document", ["urgency"])


def downgrade() -> None:
    op.drop_index("ix_document_urgency", "document")
    op.drop_index("ix_draft_blob_sha256", "draft")
    op.drop_table("draft")
