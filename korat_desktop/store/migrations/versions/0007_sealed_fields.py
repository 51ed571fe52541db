"""Secret letters at rest (issue 10): the sealed fields of a ลับ/ลับมาก document (its
plain columns hold a placeholder; its PDF versions are sealed blobs).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sealed_fields",
        sa.Column("document_id", sa.Integer, sa.ForeignKey("document.id"), primary_key=True),
        sa.Column("der", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False))


def downgrade() -> None:
    op.drop_table("sealed_fields")
