"""This office's encryption keys (issue 9, "Keys of an office"): the public part of
each key; the private key lives in the OS keyring only.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "office_key",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key_id", sa.String(64), nullable=False),
        sa.Column("cert_der", sa.LargeBinary, nullable=True),
        sa.Column("cert_sha256", sa.String(64), nullable=True, unique=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("retired_at", sa.DateTime, nullable=True))
    op.create_index("ix_office_key_key_id", "office_key", ["key_id"])


def downgrade() -> None:
    op.drop_table("office_key")
