"""Receipt stamp places remembered per sender (issue 14 item 7).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stamp_position",
        sa.Column("sender_key", sa.String(300), primary_key=True),
        sa.Column("x_mm", sa.Float, nullable=False),
        sa.Column("y_mm", sa.Float, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False))


def downgrade() -> None:
    op.drop_table("stamp_position")
